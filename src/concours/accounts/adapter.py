"""allauth hooks: whoever registers through the portal is a candidate."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from concours.accounts.models import Role
from concours.accounts.roles import grant_role


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            # Nobody is signed in yet: no one but the portal grants the role.
            grant_role(user, Role.CANDIDATE, actor=None)
        return user
