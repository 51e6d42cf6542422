from __future__ import annotations

from django.contrib import admin

from concours.core.admin_mixins import ReadOnlyAdminMixin
from concours.core.models import AuditEvent


# The trail is append-only, even for administrators.
@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "event_type", "subject_repr", "actor"]
    list_filter = ["event_type", "subject_type"]
    search_fields = ["subject_repr", "subject_id", "actor__email"]
    date_hierarchy = "at"
