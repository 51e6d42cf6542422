"""allauth's mails name the site from the settings, not the host the request came to."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "Another-str0ng-passw0rd"


def signup_mail(language: str) -> mail.EmailMessage:
    client = Client(headers={"accept-language": language})
    client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    [message] = mail.outbox
    return message


@override_settings(CONCOURS_SITE_NAME="NATO Careers", CONCOURS_SITE_URL="https://careers.example.org")
def test_the_signup_confirmation_names_the_site_in_english() -> None:
    message = signup_mail("en")
    body = str(message.body)
    assert "Hello from NATO Careers!" in body
    assert "Thank you for using NATO Careers!" in body
    assert "register an account on careers.example.org" in body
    assert message.subject.startswith("[NATO Careers] ")
    # The host of the request appears only in the confirmation link, never as the site's name.
    assert "from testserver" not in body and "using testserver" not in body and "on testserver" not in body


@override_settings(CONCOURS_SITE_NAME="NATO Careers", CONCOURS_SITE_URL="https://careers.example.org")
def test_the_signup_confirmation_names_the_site_in_french() -> None:
    message = signup_mail("fr")
    body = str(message.body)
    assert "Bonjour, c'est NATO Careers !" in body
    assert "Merci d'utiliser NATO Careers !" in body
    assert "testserver !" not in body
    assert message.subject.startswith("[NATO Careers] ")


def test_the_default_name_is_concours() -> None:
    message = signup_mail("en")
    assert "Hello from Concours!" in str(message.body)
    assert message.subject.startswith("[Concours] ")
