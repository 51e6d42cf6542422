"""Requests in the admin are read-only and show no document: those are opened, with a record of each
opening, only from the back office."""

from __future__ import annotations

from django.contrib import admin

from concours.accommodation.models import AccommodationRequest
from concours.core.admin_mixins import ReadOnlyAdminMixin


@admin.register(AccommodationRequest)
class AccommodationRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "stage_key", "state", "requested_at", "decided_at", "documents_erased_at"]
    list_filter = ["state"]
    fields = readonly_fields = (
        "application",
        "stage_key",
        "state",
        "measures",
        "measures_note",
        "requested_at",
        "decided_by",
        "decided_at",
        "documents_erased_at",
    )
    list_select_related = ["application"]
