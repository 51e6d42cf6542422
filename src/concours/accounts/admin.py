from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from concours.accounts.models import User
from concours.accounts.roles import roles_changed_record, roles_held


class UserCreationForm(BaseUserCreationForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("email", "name")


class UserEditForm(UserChangeForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    add_form = UserCreationForm
    form = UserEditForm
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("name",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        """Save the groups, and audit every role granted or revoked here (the admin's own transaction)."""
        if not change:  # the add form sets no roles
            super().save_related(request, form, formsets, change)
            return
        # The user is saved, its groups not yet: the groups are the old ones, the flags come from the form.
        old = roles_held(
            form.instance.groups.values_list("name", flat=True),
            is_superuser=bool(form.initial.get("is_superuser")),
            is_staff=bool(form.initial.get("is_staff")),
        )
        super().save_related(request, form, formsets, change)
        roles_changed_record(user=form.instance, old=old, actor=request.user)
