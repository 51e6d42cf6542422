"""Production hardening: settings read from the environment, `check --deploy` clean with the README's
production variables, and a Content Security Policy that every page is written to pass."""

from __future__ import annotations

import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from factories import VacancyFactory, make_user

SRC = Path(__file__).resolve().parents[2] / "src" / "concours"

# The README's production variables (its "Configuration for production").
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "careers.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://careers.example.org",
    "CONCOURS_TRUSTED_PROXIES": "1",
}


def settings_with(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    """The settings module as a fresh process would read it with `env` (and no DEBUG or key of ours)."""
    for name in ("DEBUG", "SECRET_KEY", "CONCOURS_TRUSTED_PROXIES", "SECURE_SSL_REDIRECT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SRC / "config" / "settings.py"))


def test_debug_is_off_unless_the_environment_turns_it_on(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Without DEBUG there is no demo key (Django then refuses to sign anything) and HTTPS is enforced."""
    production = settings_with(monkeypatch)
    assert production["DEBUG"] is False and production["SECRET_KEY"] == ""
    assert production["SECURE_SSL_REDIRECT"] and production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    demo = settings_with(monkeypatch, DEBUG="1")
    assert demo["DEBUG"] is True and demo["SECRET_KEY"] and not demo["SECURE_SSL_REDIRECT"]


def test_the_trusted_proxies_come_from_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The proxies say who the client is (login throttling) and whether it used HTTPS."""
    direct = settings_with(monkeypatch)
    assert direct["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0 and direct["SECURE_PROXY_SSL_HEADER"] is None
    proxied = settings_with(monkeypatch, CONCOURS_TRUSTED_PROXIES="2")
    assert proxied["ALLAUTH_TRUSTED_PROXY_COUNT"] == 2
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def concours_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Without what the test settings and the browser tests put in this process's environment.
    ours = {"DEBUG", "CONCOURS_REQUIRE_STAFF_MFA", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in ours}
    return subprocess.run(
        [sys.executable, "-m", "concours.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env={**base, "DJANGO_SETTINGS_MODULE": "concours.config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_production_variables() -> None:
    done = concours_check(PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_reports_a_missing_secret_key() -> None:
    """The same check fails when production forgets its key, so the clean run above means something."""
    done = concours_check({k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"})
    assert done.returncode != 0 and "security.W009" in done.stdout + done.stderr


@pytest.mark.django_db
def test_every_page_carries_a_policy_without_inline_code(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    pages = [
        reverse("vacancies:list"),
        reverse("vacancies:detail", args=[vacancy.pk]),
        reverse("account_login"),
    ]
    for page in pages:
        policy = client.get(page)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy, page
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, page
    client.force_login(make_user(Role.RECRUITER))
    assert "frame-ancestors 'none'" in client.get(reverse("backoffice:vacancies"))["Content-Security-Policy"]


def test_templates_hold_no_inline_script_or_style() -> None:
    """What the policy would block: style attributes, <style> elements and scripts written in the page
    (a <script src> or a JSON data block is fine)."""
    offending = []
    for template in SRC.rglob("templates/**/*.html"):
        if "documents" in template.parts:
            continue  # documents laid out into PDFs (WeasyPrint), never served as pages
        text = template.read_text()
        for match in re.finditer(r"\sstyle=|<style|<script(?![^>]*\b(src=|type=\"application/json\"))", text):
            offending.append(f"{template.relative_to(SRC)}: {match.group(0).strip()}")
    assert offending == []
