"""allauth hooks: whoever registers through the portal is a candidate, and mails name the site."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.utils.encoding import force_str

from concours.accounts.models import Role
from concours.accounts.roles import grant_role


@dataclass(frozen=True)
class SiteIdentity:
    """What allauth's mails call `current_site`. Without django.contrib.sites allauth would build it
    from the request, so mails greeted people from "127.0.0.1:8000"; the name comes from the settings."""

    name: str
    domain: str


def site_identity() -> SiteIdentity:
    return SiteIdentity(
        name=settings.CONCOURS_SITE_NAME,
        domain=urlsplit(settings.CONCOURS_SITE_URL).netloc or settings.CONCOURS_SITE_URL,
    )


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            # Nobody is signed in yet: no one but the portal grants the role.
            grant_role(user, Role.CANDIDATE, actor=None)
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        super().send_mail(template_prefix, email, {**context, "current_site": site_identity()})

    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.CONCOURS_SITE_NAME}] {force_str(subject)}"
