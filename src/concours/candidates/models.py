"""A candidate's profile: one per person, reused for every application (candidate.schema.json)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CandidateProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="candidate_profile",
    )
    name = models.CharField(_("full name"), max_length=200)
    nationalities = models.JSONField(
        _("nationalities"), default=list, blank=True, help_text=_("ISO 3166-1 alpha-2 codes")
    )
    serving_staff = models.BooleanField(_("serving staff member"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("candidate profile")
        verbose_name_plural = _("candidate profiles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or str(self.user)


class LanguageSkill(models.Model):
    class Scale(models.TextChoices):
        NATO = "NATO", _("NATO (I–VI)")
        CEFR = "CEFR", _("CEFR (A1–C2)")
        STANAG6001 = "STANAG6001", _("STANAG 6001")
        UN = "UN", _("United Nations")

    profile = models.ForeignKey(
        CandidateProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639-1 code, e.g. en, fr"))
    scale = models.CharField(_("scale"), max_length=12, choices=Scale.choices, default=Scale.NATO)
    level = models.CharField(_("level"), max_length=8)

    class Meta:
        verbose_name = _("language skill")
        verbose_name_plural = _("language skills")
        constraints = [
            models.UniqueConstraint(fields=["profile", "language", "scale"], name="language_once_per_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.level} ({self.scale})"


class Education(models.Model):
    class Level(models.TextChoices):
        SECONDARY = "secondary", _("Secondary")
        BACHELOR = "bachelor", _("Bachelor's degree")
        MASTER = "master", _("Master's degree")
        DOCTORATE = "doctorate", _("Doctorate")

    profile = models.ForeignKey(
        CandidateProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="education"
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    field = models.CharField(_("field of study"), max_length=200, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    completed = models.DateField(_("completed"), null=True, blank=True, help_text=_("Empty while studying"))

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["-completed"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.field}".strip()


class WorkExperience(models.Model):
    class Tag(models.TextChoices):
        SENIOR = "senior", _("Senior level")
        MANAGEMENT = "management", _("Management")
        DIPLOMATIC = "diplomatic", _("Diplomatic")
        MULTILATERAL = "multilateral", _("Multilateral")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
        POLICY = "policy", _("Policy")
        POLITICAL_ANALYSIS = "political_analysis", _("Political analysis")
        DEFENCE = "defence", _("Defence")
        SECURITY = "security", _("Security")
        CHANGE_MANAGEMENT = "change_management", _("Change management")
        CHAIRING = "chairing", _("Chairing meetings")

    profile = models.ForeignKey(
        CandidateProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="experience"
    )
    title = models.CharField(_("job title"), max_length=200)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty if ongoing"))
    fte = models.DecimalField(
        _("working time (1 = full time)"),
        max_digits=3,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0.05), MaxValueValidator(1)],
    )
    tags = models.JSONField(_("kind of work"), default=list, blank=True)

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="experience_end_after_start",
            ),
            models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1), name="experience_fte_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.employer}"


class JobAlert(models.Model):
    """A search of the portal a candidate saved: once a day, one mail lists the vacancies published since
    the last one that match it. The search is kept as the portal's own parameters."""

    # Enough for every sensible mix of filters; a cap keeps one account from making the daily run long.
    MAX_PER_CANDIDATE = 10

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.CASCADE,
        related_name="job_alerts",
    )
    query = models.CharField(_("words searched"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    location = models.CharField(_("location"), max_length=120, blank=True)
    closing_soon = models.BooleanField(_("closing within 7 days"), default=False)
    language = models.CharField(_("language of the mails"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_sent_at = models.DateTimeField(
        _("vacancies mailed up to"),
        help_text=_("Vacancies published up to this moment were mailed, or were there before the alert."),
    )
    active = models.BooleanField(_("active"), default=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job alert")
        verbose_name_plural = _("job alerts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "query", "organisation", "grade", "location", "closing_soon"],
                condition=Q(active=True),
                name="job_alert_once_per_search",
            ),
        ]
        indexes = [models.Index(fields=["active", "last_sent_at"], name="job_alert_due_idx")]

    def __str__(self) -> str:
        return f"{self.owner} · {self.filters()}"

    def filters(self) -> dict[str, str | bool]:
        """The saved search as the portal's selector takes it (`vacancy_list_published`)."""
        return {
            "query": self.query,
            "organisation": self.organisation,
            "grade": self.grade,
            "location": self.location,
            "closing_soon": self.closing_soon,
        }
