from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from concours.candidates.models import CandidateProfile, Education, JobAlert, LanguageSkill, WorkExperience


class LanguageInline(admin.TabularInline):  # type: ignore[type-arg]
    model = LanguageSkill
    extra = 0


class EducationInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Education
    extra = 0


class ExperienceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = WorkExperience
    extra = 0


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "user", "nationality_codes", "serving_staff", "updated_at"]
    list_filter = ["serving_staff", "languages__language", "education__level"]
    search_fields = ["name", "user__email"]
    inlines = [LanguageInline, EducationInline, ExperienceInline]
    raw_id_fields = ["user"]

    @admin.display(description=_("nationalities"))
    def nationality_codes(self, obj: CandidateProfile) -> str:
        return ", ".join(obj.nationalities)


@admin.register(LanguageSkill)
class LanguageSkillAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["profile", "language", "scale", "level"]
    list_filter = ["language", "scale", "level"]
    search_fields = ["profile__name"]


@admin.register(Education)
class EducationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["profile", "level", "field", "institution", "completed"]
    list_filter = ["level"]
    search_fields = ["profile__name", "field", "institution"]


@admin.register(WorkExperience)
class WorkExperienceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["profile", "title", "employer", "start", "end", "fte"]
    list_filter = ["fte"]
    search_fields = ["profile__name", "title", "employer"]


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["owner", "query", "organisation", "grade", "location", "closing_soon", "active"]
    list_filter = ["active", "language"]
    search_fields = ["owner__email", "query"]
    readonly_fields = ["owner", "created_at", "last_sent_at", "cancelled_at"]

    # To look only: candidates save and cancel alerts through the portal and the mail's link, which record
    # each change in the audit trail. (Deleting stays allowed, or the admin could not delete an account
    # that has alerts.)
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: JobAlert | None = None) -> bool:
        return False
