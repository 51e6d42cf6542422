"""Sign-up tells no one whether an address has an account: the same answer, a mail to the owner, and
the same work (a password hash) either way."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client
from django.urls import reverse

from concours.accounts.models import Role, User
from factories import make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Another-str0ng-passw0rd"


def sign_up(email: str) -> tuple[int, str, str]:
    """Status and location of the answer, and the page it leads to, with the address it repeats and
    the session's CSRF token (which differ anyway) left out."""
    client = Client()
    response = client.post(
        reverse("account_signup"), {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    page = client.get(response["Location"]).content.decode().replace(email, "ADDRESS")
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", page)
    return response.status_code, response["Location"], page


def test_signing_up_with_a_known_address_answers_as_for_a_new_one() -> None:
    """Same redirect and same page; the owner of the known address gets a mail saying so, and no second
    account is made."""
    known = make_user(Role.CANDIDATE, email="known@example.org")
    new_answer = sign_up("new@example.org")
    known_answer = sign_up(known.email)
    assert new_answer == known_answer
    assert new_answer[0] == 302 and new_answer[1] == reverse("account_email_verification_sent")
    assert User.objects.filter(email=known.email).count() == 1
    to_known = [message for message in mail.outbox if message.to == [known.email]]
    to_new = [message for message in mail.outbox if message.to == ["new@example.org"]]
    assert len(to_known) == 1 and len(to_new) == 1
    assert to_known[0].subject != to_new[0].subject  # the owner is told an account already exists


def test_signing_up_with_a_known_address_hashes_the_password_all_the_same(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Hashing the password is what makes a new account slow to create; a known address pays the same
    price, so the time of the answer does not tell them apart."""
    known = make_user(Role.CANDIDATE, email="known@example.org")
    hashed: list[str] = []
    encode = MD5PasswordHasher.encode

    def counting(self, password, salt):  # type: ignore[no-untyped-def]
        hashed.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    sign_up("new@example.org")
    for_new = list(hashed)
    hashed.clear()
    sign_up(known.email)
    assert for_new == [NEW_PASSWORD] and hashed == [NEW_PASSWORD]
