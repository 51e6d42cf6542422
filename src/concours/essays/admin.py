from __future__ import annotations

from django.contrib import admin

from concours.essays.models import DraftCheck, EssayCheck, Rendition


@admin.register(DraftCheck)
class DraftCheckAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["file_name", "candidate", "vacancy", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["file_name", "candidate__name", "vacancy__reference"]
    readonly_fields = ["facts", "checks"]


@admin.register(Rendition)
class RenditionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["candidate_code", "application", "created_at"]
    search_fields = ["candidate_code", "application__vacancy__reference"]


@admin.register(EssayCheck)
class EssayCheckAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["application", "status", "pages", "created_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["application__candidate__name", "application__vacancy__reference"]
    readonly_fields = ["sha256", "checks", "error"]
