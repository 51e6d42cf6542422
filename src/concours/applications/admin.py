"""Applications in the admin are read-only: their state changes only through the workflow service."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application, Attachment, Transition
from concours.core.admin_mixins import ReadOnlyAdminMixin


class ProtectedDownloadMixin:
    @admin.display(description=_("file"))
    def download(self, attachment: Attachment) -> SafeString:
        """A link through the back office's download, which checks who asks: files have no public URL
        (the admin's own link, under MEDIA_URL, answers 404)."""
        url = reverse("backoffice:attachment", args=[attachment.application_id, attachment.kind])
        return format_html('<a href="{}">{}</a>', url, attachment.original_name)


class AttachmentInline(ProtectedDownloadMixin, ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = Attachment
    fields = readonly_fields = ("kind", "download", "content_type", "size", "uploaded_at")
    extra = 0


class TransitionInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = Transition
    fields = readonly_fields = ("at", "from_status", "to_status", "actor", "reason")
    extra = 0


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["candidate", "vacancy", "status", "submitted_at"]
    list_filter = ["status", "vacancy"]
    search_fields = ["candidate__name", "candidate__user__email", "vacancy__reference", "vacancy__title"]
    date_hierarchy = "submitted_at"
    inlines = [AttachmentInline, TransitionInline]
    list_select_related = ["candidate", "vacancy"]


@admin.register(Attachment)
class AttachmentAdmin(ProtectedDownloadMixin, ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["application", "kind", "download", "size", "uploaded_at"]
    exclude = ["file"]
    readonly_fields = ["download"]
    list_filter = ["kind", "content_type"]
    search_fields = ["original_name", "application__candidate__name", "sha256"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "application", "from_status", "to_status", "actor"]
    list_filter = ["from_status", "to_status"]
    search_fields = ["application__candidate__name", "reason", "actor__email"]
    date_hierarchy = "at"
