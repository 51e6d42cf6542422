"""Reasonable accommodation: a candidate's request, its supporting documents and the recruiters' decision.

The documents are medical evidence: they live under their own storage prefix, apart from the
application's CV and essay, and are only ever read through `services.accommodation_document_open`,
which records every opening.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application


class AccommodationRequest(models.Model):
    """One per application: what the candidate asks for, for which stage, and what was decided."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        GRANTED = "granted", _("Granted")
        ADJUSTED = "adjusted", _("Granted with adjustments")
        REFUSED = "refused", _("Refused")

    class Measure(models.TextChoices):
        EXTRA_TIME = "extra_time", _("Extra time")
        ACCESSIBLE_ROOM = "accessible_room", _("Accessible room")
        ASSISTIVE_TECHNOLOGY = "assistive_technology", _("Assistive technology")
        BREAK = "break", _("A break")
        REMOTE = "remote", _("Remote participation")
        OTHER = "other", _("Other")

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="accommodation",
    )
    # The assessment stage it is for, by key (accommodation sits below assessment and cannot point to
    # its stages); empty: every stage. The name is the one the candidate saw when asking.
    stage_key = models.SlugField(_("stage"), max_length=40, blank=True)
    stage_name = models.CharField(_("stage name"), max_length=200, blank=True)
    needs = models.TextField(_("what the candidate asks for"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REQUESTED)
    measures = models.JSONField(_("granted measures"), default=list, blank=True)
    measures_note = models.CharField(_("note on the measures"), max_length=500, blank=True)
    reason = models.TextField(_("reason of the decision"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    documents_erased_at = models.DateTimeField(_("documents erased at"), null=True, blank=True)
    # Every change adds one: a decision carries the version its author saw, so that a document added or
    # another decision made meanwhile is never decided over unseen.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("accommodation request")
        verbose_name_plural = _("accommodation requests")
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.application.candidate_code} – {self.get_state_display()}"

    @property
    def is_granted(self) -> bool:
        return self.state in {self.State.GRANTED, self.State.ADJUSTED}

    def measure_labels(self) -> list[str]:
        return [str(self.Measure(m).label) for m in self.measures if m in self.Measure.values]


def document_path(instance: AccommodationDocument, filename: str) -> str:
    # Neither the uploaded name nor anything guessable: the name is shown, never trusted.
    return f"accommodation/{instance.request_id}/{secrets.token_hex(16)}"


class AccommodationDocument(models.Model):
    """A document supporting a request (medical evidence), checked by the upload gate like any file."""

    request = models.ForeignKey(
        AccommodationRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("accommodation document")
        verbose_name_plural = _("accommodation documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
