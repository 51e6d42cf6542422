from __future__ import annotations

from django.contrib import admin

from concours.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "event_type", "subject_repr", "actor"]
    list_filter = ["event_type", "subject_type"]
    search_fields = ["subject_repr", "subject_id", "actor__email"]
    date_hierarchy = "at"

    # The trail is append-only, even for administrators.
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
