from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from concours.accounts.models import Role, User
from concours.core.admin_mixins import ReadOnlyAdminMixin
from concours.selection import services
from concours.selection.models import AppointingAuthority, SelectionReport


@admin.register(SelectionReport)
class SelectionReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: a report is kept as made (the back office makes new ones and hands out the files
    after checking their SHA-256)."""

    list_display = ["vacancy", "language", "made_at", "made_by", "sha256"]
    list_filter = ["language"]
    search_fields = ["vacancy__reference", "sha256"]
    # The file's name only, never a link: the media URL is not served.
    fields = ["vacancy", "language", "made_at", "made_by", "sha256"]


@admin.register(AppointingAuthority)
class AppointingAuthorityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Naming and removing an authority goes through the services (audited); to name another person for
    a unit, name them: the one before is removed."""

    list_display = ["unit", "user", "named_at"]
    search_fields = ["unit__name", "user__email", "user__name"]
    fields = ["unit", "user"]

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:  # type: ignore[type-arg]
        # Only staff holding the role are offered (and accepted): never a candidate.
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.filter(
                is_active=True, is_staff=True, groups__name=Role.APPOINTING_AUTHORITY.value
            ).order_by("name", "email")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: AppointingAuthority | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: AppointingAuthority, form: Any, change: bool) -> None:
        named = services.authority_name(unit=obj.unit, user=obj.user, actor=request.user)
        obj.pk, obj.named_at = named.pk, named.named_at

    def delete_model(self, request: HttpRequest, obj: AppointingAuthority) -> None:
        services.authority_remove(authority=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AppointingAuthority]) -> None:
        for authority in queryset:
            services.authority_remove(authority=authority, actor=request.user)
