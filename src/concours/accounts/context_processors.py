from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from concours.accounts.models import STAFF_ROLES, Role


def roles(request: HttpRequest) -> dict[str, Any]:
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "is_candidate": False,
            "is_staff_member": False,
            "is_recruiter": False,
            "is_appointing_authority": False,
        }
    return {
        "is_candidate": user.has_role(Role.CANDIDATE),
        "is_staff_member": user.is_superuser or any(user.has_role(role) for role in STAFF_ROLES),
        "is_recruiter": user.is_superuser
        or user.has_role(Role.RECRUITER)
        or user.has_role(Role.ADMINISTRATOR),
        "is_appointing_authority": user.has_role(Role.APPOINTING_AUTHORITY),
    }
