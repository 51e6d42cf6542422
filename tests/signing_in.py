"""Signing in through the login page in a real browser, for the browser tests."""

from __future__ import annotations

from typing import Any

from factories import PASSWORD


def sign_in(page: Any, origin: str, email: str, password: str = PASSWORD) -> None:
    """Fill the login form and wait for the answer to arrive. Playwright's click returns before the
    response: a `goto` made at once cancels the login, the session cookie is never set, and the test goes
    on as an anonymous visitor (a flaky failure, seen in CI under load)."""
    page.goto(f"{origin}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{email} could not sign in: still at {page.url}"
