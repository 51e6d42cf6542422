"""Essays: a candidate's draft checked before applying, and the panel's anonymised rendition."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.candidates.models import CandidateProfile
from concours.vacancies.models import Vacancy


class DraftCheck(models.Model):
    """A draft essay checked against a vacancy's rules. The file is deleted once its facts are known."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being checked")
        DONE = "done", _("Checked")
        FAILED = "failed", _("Could not be checked")

    candidate = models.ForeignKey(
        CandidateProfile, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="essay_checks"
    )
    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(_("file"), upload_to="essay-checks/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    checks = models.JSONField(_("checks"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("draft essay check")
        verbose_name_plural = _("draft essay checks")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class EssayCheck(models.Model):
    """A submitted essay against the notice's rules, its pages counted by a worker after submission.

    The quick rules (the gate, format, paper, title, what the document may hold) are checked before the
    application is accepted; counting pages needs LibreOffice, so that is done afterwards, off the web
    request, and its result kept here. An essay that fails leaves the application as it is: the
    candidate is told and may replace the essay until the deadline; recruiters see it flagged.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Being checked")
        PASSED = "passed", _("Meets the notice's rules")
        FAILED = "failed", _("Breaks the notice's rules")
        ERROR = "error", _("Could not be laid out")

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="essay_check"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    sha256 = models.CharField(_("SHA-256 of the essay checked"), max_length=64)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    checks = models.JSONField(_("checks"), default=list, blank=True)
    error = models.CharField(_("why it could not be checked"), max_length=500, blank=True)
    # The language the candidate applied in: what they are written to in when the essay fails.
    language = models.CharField(_("language"), max_length=8, default="en")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("essay check")
        verbose_name_plural = _("essay checks")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.get_status_display()}"

    @property
    def failed(self) -> bool:
        """Whether the essay needs the candidate's attention (it breaks a rule or could not be checked)."""
        return self.status in (self.Status.FAILED, self.Status.ERROR)


def rendition_path(instance: Rendition, filename: str) -> str:
    return f"renditions/{instance.application_id}/{instance.candidate_code}.pdf"


class Rendition(models.Model):
    """What panel members open in blind review: the essay without metadata or the candidate's names."""

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="essay_rendition"
    )
    candidate_code = models.CharField(_("candidate code"), max_length=20)
    pdf = models.FileField(_("anonymised PDF"), upload_to=rendition_path, max_length=300)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("anonymised essay")
        verbose_name_plural = _("anonymised essays")

    def __str__(self) -> str:
        return self.candidate_code
