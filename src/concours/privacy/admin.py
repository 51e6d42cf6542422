from __future__ import annotations

from django.contrib import admin

from concours.core.admin_mixins import ReadOnlyAdminMixin
from concours.privacy.models import ErasureRequest


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: requests are confirmed in the back office, which erases and records."""

    list_display = ["id", "user", "status", "requested_at", "confirmed_by", "erased_at", "pseudonym"]
    list_filter = ["status"]
