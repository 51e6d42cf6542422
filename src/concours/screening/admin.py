from __future__ import annotations

from django.contrib import admin

from concours.core.admin_mixins import ReadOnlyAdminMixin
from concours.screening.models import Verdict


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: verdicts come from screening, decisions from the recruiter's form (audited)."""

    list_display = ["application", "eligible", "decision", "decided_eligible", "decided_by", "screened_at"]
    list_filter = ["eligible", "decision", "decided_eligible"]
    search_fields = ["application__candidate__name", "application__vacancy__reference", "decision_reason"]
    list_select_related = ["application__candidate", "application__vacancy", "decided_by"]
