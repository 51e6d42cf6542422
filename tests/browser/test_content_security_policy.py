"""The Content Security Policy in a real browser: Chromium reports no violation on the pages of each
role, the admin and the authenticator app's set-up (its QR code is a data: image)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from factories import PASSWORD, ProfileFactory, VacancyFactory, make_user
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations_on(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The console messages in which Chromium reports a blocked script, style, image or form."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: found.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return found


def log_in(browser, live_server, email: str):  # type: ignore[no-untyped-def]
    page = browser.new_context(locale="en-GB").new_page()
    found = violations_on(page)
    sign_in(page, live_server.url, email)
    return page, found


def visit(page, live_server, paths: list[str]) -> None:  # type: ignore[no-untyped-def]
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.ok, path
        assert "default-src 'self'" in (response.header_value("content-security-policy") or ""), path


def test_no_page_breaks_the_policy(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    profile = ProfileFactory()
    make_user(Role.RECRUITER, email="rita@example.org")

    page = browser.new_context(locale="en-GB").new_page()
    found = violations_on(page)
    visit(
        page,
        live_server,
        ["/vacancies/", f"/vacancies/{vacancy.pk}/", "/accounts/login/", "/accounts/signup/"],
    )
    # The listener does see a violation: an inline style, as an injected script would add one.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<style>main { color: red }</style>')")
    page.wait_for_timeout(200)
    assert found and "style-src" in found[0]
    found.clear()
    visit(page, live_server, ["/accounts/password/reset/"])
    assert found == []

    page, found = log_in(browser, live_server, profile.user.email)
    visit(
        page,
        live_server,
        [
            reverse("candidates:profile"),
            reverse("applications:list"),
            reverse("applications:apply", args=[vacancy.pk]),
        ],
    )
    assert found == []

    page, found = log_in(browser, live_server, "rita@example.org")
    visit(
        page,
        live_server,
        [
            reverse("backoffice:vacancies"),
            reverse("backoffice:vacancy", args=[vacancy.pk]),
            reverse("backoffice:import"),
            "/admin/",
            "/admin/vacancies/vacancy/",
            f"/admin/vacancies/vacancy/{vacancy.pk}/change/",
            reverse("mfa_index"),
        ],
    )
    # Setting up the authenticator app: the password again, then the page with the QR code.
    page.goto(f"{live_server.url}{reverse('mfa_activate_totp')}")
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**{reverse('mfa_activate_totp')}")
    assert page.locator("img[src^='data:image/svg+xml']").count() == 1
    assert found == []
