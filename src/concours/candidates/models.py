"""A candidate's profile: one per person, reused for every application (candidate.schema.json)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
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
