"""Applications: one per candidate and vacancy, moved through the selection by recorded transitions."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concours.candidates.models import CandidateProfile
from concours.vacancies.models import ScreeningQuestion, Vacancy


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SCREENED_IN = "screened_in", _("Screened in")
        SCREENED_OUT = "screened_out", _("Screened out")
        LONGLISTED = "longlisted", _("Longlisted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        SELECTED = "selected", _("Selected")
        RESERVE = "reserve", _("Reserve list")
        NOT_SELECTED = "not_selected", _("Not selected")

    candidate = models.ForeignKey(
        CandidateProfile, verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="applications"
    )
    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The profile as submitted (candidate.schema.json), kept in the submission's transaction: screening
    # and recruiters read it, so that a profile edited later changes only later applications.
    profile_snapshot = models.JSONField(_("profile as submitted"), null=True, blank=True, editable=False)
    profile_sha256 = models.CharField(
        _("SHA-256 of the profile as submitted"), max_length=64, blank=True, editable=False
    )
    profile_frozen_at = models.DateTimeField(
        _("profile kept at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("At submission; later for applications submitted before profiles were kept."),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live application per candidate and vacancy. A withdrawn one stays as it was, with its
            # history, verdict and files, and the candidate may apply again before the deadline with a
            # new one: screening, blind review and recruiters then judge the new application afresh.
            models.UniqueConstraint(
                fields=["candidate", "vacancy"],
                condition=~models.Q(status="withdrawn"),
                name="application_one_live_per_candidate_vacancy",
            ),
        ]
        indexes = [models.Index(fields=["vacancy", "status"], name="application_vacancy_status_idx")]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.vacancy.reference or self.vacancy.title}"

    @property
    def candidate_code(self) -> str:
        """What blind reviewers see instead of a name: stable per application, not guessable from its id."""
        digest = hmac.new(settings.SECRET_KEY.encode(), f"application:{self.pk}".encode(), hashlib.sha256)
        return "C-" + base64.b32encode(digest.digest()).decode()[:8]


def snapshot_sha256(snapshot: dict[str, Any]) -> str:
    """The SHA-256 of a profile snapshot, over its canonical JSON (sorted keys, no spaces, UTF-8).

    Canonical so that the hash can be checked again from the stored JSON whatever the database did
    to its key order or spacing (PostgreSQL's jsonb keeps neither).
    """
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never reuses the uploaded one: it is shown, not trusted.
    return f"applications/{instance.application_id}/{instance.kind}-{instance.sha256[:16]}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        CV = "cv", _("CV")
        ESSAY = "essay", _("Essay")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="attachment_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class Transition(models.Model):
    """The record of one change of an application's state: who, when, from, to and why."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="transitions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, choices=Application.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Application.Status.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["application", "at"], name="transition_application_at_idx")]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ExperienceClaim(models.Model):
    """The posts a candidate names for one experience requirement of the notice, and one sentence.

    `chosen` holds the profile's posts as the candidate ticked them (ids of their work experience, kept
    in a draft too); at submission `posts` receives their positions in the profile as submitted, which
    is what screening and recruiters read. A recruiter confirms the claim or corrects which posts count
    (`reviewed_posts`); screening then counts those.
    """

    class Review(models.TextChoices):
        PENDING = "", _("Not yet reviewed")
        CONFIRMED = "confirmed", _("Confirmed")
        CORRECTED = "corrected", _("Corrected")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="claims"
    )
    requirement_key = models.CharField(_("requirement"), max_length=40)
    # The requirement as the candidate read it, shown beside the claim whatever the notice became.
    requirement = models.CharField(_("experience required"), max_length=500)
    min_years = models.FloatField(_("years required"))
    chosen = models.JSONField(_("posts ticked"), default=list, blank=True)
    posts = models.JSONField(_("posts claimed"), default=list, blank=True, editable=False)
    sentence = models.CharField(_("in one sentence"), max_length=300, blank=True)
    review = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.PENDING, blank=True
    )
    reviewed_posts = models.JSONField(_("posts counted after review"), null=True, blank=True)
    review_note = models.TextField(_("note on the review"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("experience claim")
        verbose_name_plural = _("experience claims")
        ordering = ["application", "requirement_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement_key"], name="claim_once_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.requirement}"

    @property
    def years_count(self) -> int:
        """The whole number the requirement's sentence agrees with (plural forms count integers)."""
        return int(self.min_years) if self.min_years == int(self.min_years) else 2

    @property
    def counted_posts(self) -> list[int]:
        """The positions that count: the recruiter's after a review, else the candidate's."""
        return list(self.reviewed_posts if self.review and self.reviewed_posts is not None else self.posts)

    @property
    def revision(self) -> str:
        """What a recruiter saw of the claim, carried by the review form: a review is refused when it
        changed since (someone else reviewed it meanwhile)."""
        at = self.reviewed_at.astimezone(dt.UTC).isoformat() if self.reviewed_at else ""
        return "|".join([self.review, at, ",".join(str(p) for p in self.counted_posts)])


class ScreeningAnswer(models.Model):
    """A candidate's answer to one screening question of the vacancy (kept in a draft too)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        ScreeningQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    yes = models.BooleanField(_("yes or no"), null=True, blank=True)
    number = models.DecimalField(_("number"), max_digits=9, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("answer to a screening question")
        verbose_name_plural = _("answers to screening questions")
        ordering = ["application", "question"]
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="answer_once_per_question"),
            models.CheckConstraint(
                condition=models.Q(yes__isnull=True) | models.Q(number__isnull=True),
                name="answer_yes_or_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.question_id}"

    @property
    def value(self) -> bool | float | None:
        """The answer as screening reads it: true/false, a number, or None."""
        if self.yes is not None:
            return self.yes
        return float(self.number) if self.number is not None else None
