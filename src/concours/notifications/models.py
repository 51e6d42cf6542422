"""Mail templates (per organisation, outcome and language) and the outbox of mails to candidates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.notifications.outcomes import Outcome
from concours.vacancies.models import OrgUnit


class MailTemplate(models.Model):
    """An organisation's own wording of one outcome's mail in one language.

    Without an organisation, it replaces the default shipped with Concours for every organisation that
    has none of its own.
    """

    organisation = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        limit_choices_to={"kind": OrgUnit.Kind.ORGANISATION},
        related_name="mail_templates",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mail template")
        verbose_name_plural = _("mail templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "outcome", "language"],
                condition=Q(organisation__isnull=False),
                name="mailtemplate_one_per_organisation_outcome_language",
            ),
            # NULL never equals NULL in a unique index: the default needs a constraint of its own.
            models.UniqueConstraint(
                fields=["outcome", "language"],
                condition=Q(organisation__isnull=True),
                name="mailtemplate_one_default_per_outcome_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or '—'} · {self.get_outcome_display()} · {self.language}"


class OutboxMail(models.Model):
    """One mail to a candidate, as rendered when its outcome was decided, and what became of it."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="mails"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mail to a candidate")
        verbose_name_plural = _("mails to candidates")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "created_at"], name="outboxmail_state_idx"),
            models.Index(fields=["application", "created_at"], name="outboxmail_application_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
