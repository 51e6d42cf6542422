"""Who may open which page: decorators that views put in front of themselves."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from concours.accounts.models import Role

View = Callable[..., HttpResponseBase]


def role_required(*roles: Role) -> Callable[[View], View]:
    """Anonymous users are sent to log in; signed-in users without one of `roles` get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user: Any = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (user.is_superuser or any(user.has_role(role) for role in roles)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


candidate_required = role_required(Role.CANDIDATE)
staff_required = role_required(
    Role.RECRUITER, Role.PANEL_MEMBER, Role.HIRING_MANAGER, Role.ADMINISTRATOR, Role.APPOINTING_AUTHORITY
)
recruiter_required = role_required(Role.RECRUITER, Role.ADMINISTRATOR)


def sees_identities(user: Any) -> bool:
    """Recruiters and administrators know who the candidates are; panels and hiring managers never do."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or user.has_role(Role.RECRUITER) or user.has_role(Role.ADMINISTRATOR))
    )
