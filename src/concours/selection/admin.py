from __future__ import annotations

from django.contrib import admin

from concours.core.admin_mixins import ReadOnlyAdminMixin
from concours.selection.models import SelectionReport


@admin.register(SelectionReport)
class SelectionReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: a report is kept as made (the back office makes new ones and hands out the files
    after checking their SHA-256)."""

    list_display = ["vacancy", "language", "made_at", "made_by", "sha256"]
    list_filter = ["language"]
    search_fields = ["vacancy__reference", "sha256"]
    # The file's name only, never a link: the media URL is not served.
    fields = ["vacancy", "language", "made_at", "made_by", "sha256"]
