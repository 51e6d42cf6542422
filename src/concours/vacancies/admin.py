from __future__ import annotations

from django.contrib import admin

from concours.vacancies.models import OrgUnit, Post, Vacancy, VacancyAssignment


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "name_fr", "code"]


class PostInline(admin.TabularInline):
    model = Post
    extra = 0


class AssignmentInline(admin.TabularInline):
    model = VacancyAssignment
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "grade", "organisation", "unit", "status", "deadline"]
    list_filter = ["status", "organisation", "grade", "unit"]
    search_fields = ["reference", "title", "title_fr", "location"]
    date_hierarchy = "deadline"
    inlines = [PostInline, AssignmentInline]
    # Publication is a workflow step with an audit record: done by the service, not by editing the field.
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "reference", "grade", "vacancy"]
    list_filter = ["grade"]
    search_fields = ["title", "reference", "vacancy__reference"]


@admin.register(VacancyAssignment)
class VacancyAssignmentAdmin(admin.ModelAdmin):
    list_display = ["vacancy", "user", "role"]
    list_filter = ["role"]
    search_fields = ["vacancy__reference", "vacancy__title", "user__email", "user__name"]
