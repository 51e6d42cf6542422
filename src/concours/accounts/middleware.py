"""Recruiters and administrators set up a second factor before the back office or the admin opens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from concours.accounts.models import Role, User

# Panel members and hiring managers see candidates only by code: a second factor is theirs to choose.
ROLES_REQUIRING_MFA = (Role.RECRUITER, Role.ADMINISTRATOR)
# The URL namespaces of the staff's pages.
STAFF_NAMESPACES = frozenset({"backoffice", "admin"})


def mfa_required(user: Any) -> bool:
    """Whether `user` may open staff pages only once they have a second factor."""
    return bool(user.is_authenticated) and (
        user.is_superuser or any(user.has_role(role) for role in ROLES_REQUIRING_MFA)
    )


class StaffMFARequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if (
            not settings.CONCOURS_REQUIRE_STAFF_MFA
            or match is None
            or STAFF_NAMESPACES.isdisjoint(match.namespaces)
            or not mfa_required(request.user)
            or is_mfa_enabled(request.user)
        ):
            return None
        messages.info(
            request,
            _("Staff accounts need a second factor: set up an authenticator app to open the back office."),
        )
        return redirect("mfa_activate_totp")


class UserLanguageMiddleware:
    """Keep the language a signed-in person uses the site in, so mails sent later are written in it.

    After LocaleMiddleware (which chose the language) and AuthenticationMiddleware; it writes only when
    the language changed, so a page costs no query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user: Any = getattr(request, "user", None)
        language = getattr(request, "LANGUAGE_CODE", "")  # set by LocaleMiddleware: one of LANGUAGES
        if user is not None and user.is_authenticated and language and user.language != language:
            User.objects.filter(pk=user.pk).update(language=language)
            user.language = language
        return response
