"""Admin pieces that know the roles: user pickers that offer staff only."""

from __future__ import annotations

from typing import Any

from django.db.models import ForeignKey, Q, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from concours.accounts.models import STAFF_ROLES, User


def staff_users() -> QuerySet[User]:
    """Active users holding a staff role (administrators being superusers), by name."""
    holds_a_staff_role = Q(groups__name__in=[role.value for role in STAFF_ROLES]) | Q(is_superuser=True)
    return User.objects.filter(holds_a_staff_role, is_active=True).distinct().order_by("name", "email")


class StaffUserPickerMixin:
    """A user picked in the admin (a panel member, a hiring manager) is one of the staff: candidates are
    never offered, and a candidate's id typed in is refused by the form."""

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:  # type: ignore[type-arg]
        if db_field.related_model is User:
            kwargs["queryset"] = staff_users()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc, no-any-return]
