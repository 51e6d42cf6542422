"""A candidate's request to have their personal data erased, confirmed by HR."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ErasureRequest(models.Model):
    """Asked for by the candidate, confirmed by a recruiter, carried out as soon as nothing holds it back.

    Applications in a running competition are kept until it closes: the request then waits, and
    `concours erase_expired` finishes it once they are released.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for HR's confirmation")
        WAITING = "waiting", _("Confirmed; waiting for competitions to close")
        DONE = "done", _("Erased")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="erasure_requests",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    # What the account became: shown in the back office and the audit trail instead of the name.
    pseudonym = models.CharField(_("pseudonym"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=~Q(status="done"), name="erasure_one_open_request_per_user"
            ),
        ]

    def __str__(self) -> str:
        # Never the candidate's name: this is what the audit trail keeps as the subject.
        return f"#{self.pk}"
