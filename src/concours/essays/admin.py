from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from concours.essays.models import DraftCheck, EssayCheck, Rendition


@admin.register(DraftCheck)
class DraftCheckAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["file_name", "candidate", "vacancy", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["file_name", "candidate__name", "vacancy__reference"]
    # The draft is deleted once checked, and files have no public URL: the file field is not shown.
    exclude = ["file"]
    readonly_fields = ["facts", "checks"]


@admin.register(Rendition)
class RenditionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["candidate_code", "application", "created_at"]
    search_fields = ["candidate_code", "application__vacancy__reference"]
    # Made by the worker, never uploaded here; opened through the back office's permission-checked view.
    exclude = ["pdf"]
    readonly_fields = ["anonymised_pdf"]

    @admin.display(description=_("anonymised PDF"))
    def anonymised_pdf(self, rendition: Rendition) -> SafeString | str:
        if rendition.pk is None:
            return "-"
        url = reverse("backoffice:essay", args=[rendition.application_id])
        return format_html('<a href="{}">{}</a>', url, rendition.candidate_code)


@admin.register(EssayCheck)
class EssayCheckAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["application", "status", "pages", "created_at", "finished_at"]
    list_filter = ["status"]
    search_fields = ["application__candidate__name", "application__vacancy__reference"]
    readonly_fields = ["sha256", "checks", "error"]
