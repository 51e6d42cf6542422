"""A second factor for staff: recruiters and administrators set up an authenticator app before the back
office or the admin opens; panel members and hiring managers may. (The test settings turn the
requirement off so that other tests can use force_login; these turn it on.)"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from concours.accounts.models import Role
from factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def staff_mfa_required(settings) -> None:  # type: ignore[no-untyped-def]
    settings.CONCOURS_REQUIRE_STAFF_MFA = True


def totp(secret: str) -> str:
    """The code an authenticator app shows now (RFC 6238: SHA-1, 30 s, six digits), computed here
    independently of allauth."""
    digest = hmac.new(
        base64.b32decode(secret), struct.pack(">Q", int(time.time()) // 30), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def with_authenticator_app(role: Role, **kwargs: object):  # type: ignore[no-untyped-def]
    user = make_user(role, **kwargs)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


STAFF_PAGES = [reverse("backoffice:vacancies"), "/admin/"]


@pytest.mark.parametrize("role", [Role.RECRUITER, Role.ADMINISTRATOR])
def test_recruiters_and_administrators_without_a_second_factor_are_sent_to_set_one_up(client, role) -> None:  # type: ignore[no-untyped-def]
    """Every staff page sends them to the authenticator app's set-up page."""
    client.force_login(make_user(role, is_superuser=role == Role.ADMINISTRATOR))
    for page in STAFF_PAGES:
        response = client.get(page)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp"), page


def test_a_recruiter_with_a_second_factor_opens_the_back_office(client) -> None:  # type: ignore[no-untyped-def]
    recruiter, _ = with_authenticator_app(Role.RECRUITER)
    client.force_login(recruiter)
    for page in STAFF_PAGES:
        assert client.get(page).status_code == 200, page


def test_panel_members_and_candidates_are_not_made_to_set_one_up(client) -> None:  # type: ignore[no-untyped-def]
    """Panel members see candidates by code only: for them a second factor is a choice."""
    client.force_login(make_user(Role.PANEL_MEMBER))
    assert client.get(reverse("backoffice:vacancies")).status_code == 200
    client.force_login(make_user(Role.CANDIDATE))
    assert client.get(reverse("applications:list")).status_code == 200


def test_signing_in_with_a_second_factor_asks_for_the_code_before_the_back_office(client) -> None:  # type: ignore[no-untyped-def]
    """The password alone opens nothing; the code from the app completes the login."""
    recruiter, secret = with_authenticator_app(Role.RECRUITER)
    response = client.post(reverse("account_login"), {"login": recruiter.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("backoffice:vacancies")).status_code == 302  # not signed in yet
    assert client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == 200  # wrong: again
    client.post(reverse("mfa_authenticate"), {"code": totp(secret)})
    assert client.get(reverse("backoffice:vacancies")).status_code == 200


def test_a_new_recruiter_sets_up_the_app_and_then_opens_the_back_office() -> None:
    """From the password login to the back office: allauth asks for the password again before any
    change of factors, the set-up page shows the secret (and its QR code), the recruiter types the app's
    code, and the back office opens."""
    recruiter = make_user(Role.RECRUITER)
    client = Client()
    client.post(reverse("account_login"), {"login": recruiter.email, "password": PASSWORD})
    response = client.get(reverse("backoffice:vacancies"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    page = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    secret = re.search(r'value="([A-Z2-7]{32})"', page)
    assert secret is not None
    client.post(reverse("mfa_activate_totp"), {"code": totp(secret.group(1))})
    assert Authenticator.objects.filter(user=recruiter, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("backoffice:vacancies")).status_code == 200


def test_the_admin_login_goes_through_allauth(client) -> None:  # type: ignore[no-untyped-def]
    """Django's admin login form would let a password alone in: it sends staff to allauth's."""
    response = client.get("/admin/login/?next=/admin/")
    assert (
        response.status_code == 302 and response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"
    )
    assert client.post("/admin/login/", {"username": "x", "password": PASSWORD}).status_code == 302
