from __future__ import annotations

from django.contrib import admin

from concours.screening.models import Verdict


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: verdicts come from screening, decisions from the recruiter's form (audited)."""

    list_display = ["application", "eligible", "decision", "decided_eligible", "decided_by", "screened_at"]
    list_filter = ["eligible", "decision", "decided_eligible"]
    search_fields = ["application__candidate__name", "application__vacancy__reference", "decision_reason"]
    list_select_related = ["application__candidate", "application__vacancy", "decided_by"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
