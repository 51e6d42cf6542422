"""Eligibility verdicts: what the kernel found, and what a recruiter decided about it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application


class Eligible(models.TextChoices):
    YES = "yes", _("Eligible")
    NO = "no", _("Not eligible")
    REVIEW = "review", _("To review")


class Verdict(models.Model):
    """One per application. Re-screening replaces what the kernel found, never the recruiter's decision."""

    class Decision(models.TextChoices):
        PENDING = "", _("Not yet decided")
        CONFIRMED = "confirmed", _("Confirmed")
        OVERRIDDEN = "overridden", _("Overridden")

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="verdict"
    )
    eligible = models.CharField(_("screening result"), max_length=8, choices=Eligible.choices)
    checks = models.JSONField(
        _("checks"), default=list, help_text=_("criterion, result, message code, parameters")
    )
    on = models.DateField(_("screened for the date"))
    screened_at = models.DateTimeField(_("screened at"))
    decision = models.CharField(
        _("decision"), max_length=12, choices=Decision.choices, default=Decision.PENDING, blank=True
    )
    decided_eligible = models.CharField(
        _("decided result"), max_length=8, choices=Eligible.choices, blank=True
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("eligibility verdict")
        verbose_name_plural = _("eligibility verdicts")
        indexes = [models.Index(fields=["eligible"], name="verdict_eligible_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="") | ~models.Q(decided_eligible=""),
                name="verdict_decision_has_result",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.final}"

    @property
    def revision(self) -> str:
        """What a recruiter saw of this verdict, carried by the decision form: screening's result and
        when it was made, and the decision so far. A decision is refused when it changed since."""
        stamps = [
            at.astimezone(dt.UTC).isoformat() if at else "" for at in (self.screened_at, self.decided_at)
        ]
        return "|".join([self.eligible, stamps[0], self.decision, self.decided_eligible, stamps[1]])

    @property
    def final(self) -> str:
        """The result that counts: the recruiter's when decided, else the screening's."""
        return self.decided_eligible if self.decision else self.eligible
