"""The advisory generative-AI signal: calibrations and switches per organisation, one signal per essay.

Nothing here decides about a candidate. A signal only suggests that a person read the essay again; it
is made against the organisation's own calibration, whose measured false-positive rates per language
group are shown beside it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.core.models import WrittenOnce
from concours.vacancies.models import OrgUnit

ORGANISATIONS = models.Q(kind=OrgUnit.Kind.ORGANISATION)


class SignalCalibration(WrittenOnce):
    """The threshold an organisation measured on its own essays, with its figures.

    Never edited: a new calibration supersedes the last one (the newest counts), so that every signal
    keeps pointing at the figures it was judged against.
    """

    immutable_message = "A calibration is never edited: store a new one."

    organisation = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="genai_calibrations",
        limit_choices_to=ORGANISATIONS,
    )
    # `Calibration.to_json()` of the kernel: threshold, detection rate, figures per language group.
    figures = models.JSONField(_("figures"))
    # What it was measured on: essays per group, machine essays, the dates the human essays were written.
    corpus = models.JSONField(_("corpus"), default=dict)
    # The language model file the scores come from: a calibration holds for that file only.
    model = models.CharField(_("language model"), max_length=200)
    made_at = models.DateTimeField(_("made at"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("calibration of the generative-AI signal")
        verbose_name_plural = _("calibrations of the generative-AI signal")
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.made_at:%Y-%m-%d %H:%M}"

    @property
    def threshold(self) -> float:
        return float(self.figures["threshold"])


class SignalSwitch(models.Model):
    """One row per change of an organisation's switch; the newest says whether it is on. No row: off."""

    organisation = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="genai_switches",
        limit_choices_to=ORGANISATIONS,
    )
    on = models.BooleanField(_("on"))
    calibration = models.ForeignKey(
        SignalCalibration,
        verbose_name=_("calibration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set at"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("switch of the generative-AI signal")
        verbose_name_plural = _("switches of the generative-AI signal")
        ordering = ["-set_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation}: {'on' if self.on else 'off'}"


class EssaySignal(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        NO_SIGNAL = "no_signal", _("No signal")
        REVIEW_SUGGESTED = "review_suggested", _("Human review suggested")
        NOT_ASSESSABLE = "not_assessable", _("Not assessable")

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="genai_signal"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    # Kept for the audit trail only: no page, export or mail ever shows it.
    score = models.FloatField(_("score"), null=True, blank=True, editable=False)
    # Why an essay is not assessable ("too_short", "not_english", "no_text"), as the kernel says.
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    calibration = models.ForeignKey(
        SignalCalibration,
        verbose_name=_("calibration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signals",
    )
    made_at = models.DateTimeField(_("made at"), null=True, blank=True)
    # The essay it was made from: a signal whose essay was replaced since says nothing of the new one.
    essay_sha256 = models.CharField(_("SHA-256 of the essay"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("generative-AI signal")
        verbose_name_plural = _("generative-AI signals")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.state}"


class ExplanationRequest(models.Model):
    """A recruiter asks the candidate about their essay; what the candidate answers is kept."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="explanation_requests",
    )
    message = models.TextField(_("message"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("asked at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for an explanation")
        verbose_name_plural = _("requests for an explanation")
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.asked_at:%Y-%m-%d}"

    @property
    def answered(self) -> bool:
        return self.answered_at is not None
