"""Login throttling: counted in the database cache that every process shares, per account and per real
client address behind our proxies, so that one attacker cannot lock everyone else out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from concours.accounts.models import Role, User
from factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"  # our reverse proxy: every request reaches Django from it
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"
THROTTLED = "Too many failed login attempts"


@pytest.fixture
def behind_our_proxy(settings) -> None:  # type: ignore[no-untyped-def]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def account() -> User:
    return make_user(Role.CANDIDATE)  # with a verified address, so the right password signs in


def attempt(email: str, password: str, *, address: str, forwarded: str = "") -> str:
    """One login through the proxy, which appends the address it saw to X-Forwarded-For (after
    whatever the client wrote itself): "in", "wrong" or "throttled"."""
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{forwarded}{address}")
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    if "_auth_user_id" in client.session:
        return "in"
    return "throttled" if THROTTLED in response.content.decode() else "wrong"


def test_ten_wrong_passwords_on_one_account_do_not_lock_another(behind_our_proxy) -> None:  # type: ignore[no-untyped-def]
    """Behind the proxy, an attacker's ten wrong passwords leave a colleague's login working."""
    victim, colleague = account(), account()
    outcomes = [attempt(victim.email, "wrong-guess", address=ATTACKER) for _ in range(10)]
    assert outcomes == ["wrong"] * 5 + ["throttled"] * 5  # the victim's account: five guesses
    assert attempt(colleague.email, PASSWORD, address=COLLEAGUE) == "in"


def test_behind_an_undeclared_proxy_every_client_is_the_proxy(settings) -> None:  # type: ignore[no-untyped-def]
    """Why CONCOURS_TRUSTED_PROXIES matters: undeclared, the proxy's address is everyone's, and ten
    wrong passwords lock every account for a minute."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    victim, colleague = account(), account()
    for _ in range(10):
        attempt(victim.email, "wrong-guess", address=ATTACKER)
    assert attempt(colleague.email, PASSWORD, address=COLLEAGUE) == "throttled"


def test_changing_address_buys_no_more_guesses_on_an_account(behind_our_proxy) -> None:  # type: ignore[no-untyped-def]
    """Five wrong passwords from five addresses, then even the right one is refused for a while."""
    victim = account()
    for n in range(5):
        assert attempt(victim.email, "wrong-guess", address=f"192.0.2.{n + 1}") == "wrong"
    assert attempt(victim.email, PASSWORD, address="192.0.2.99") == "throttled"


def test_a_client_cannot_choose_the_address_it_is_counted_under(behind_our_proxy) -> None:  # type: ignore[no-untyped-def]
    """Only the address our proxy saw counts: an attacker writing a new X-Forwarded-For each time
    is still stopped after ten failures, while others behind the proxy go on."""
    colleague = account()
    for n in range(10):
        assert (
            attempt(f"nobody{n}@example.org", "guess", address=ATTACKER, forwarded=f"192.0.2.{n}, ")
            == "wrong"
        )
    assert attempt(colleague.email, PASSWORD, address=ATTACKER, forwarded="192.0.2.200, ") == "throttled"
    assert attempt(colleague.email, PASSWORD, address=COLLEAGUE) == "in"


# Run by `concours shell` in a separate process: logs in to the victim's account with each password.
LOGIN_SCRIPT = """
import os
from allauth.account.models import EmailAddress
from django.test import Client
from concours.accounts.models import User

if os.environ.get("CREATE_VICTIM"):
    user = User.objects.create_user("victim@example.org", "right-Passw0rd-1")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
for password in os.environ["PASSWORDS"].split():
    client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=os.environ["ADDRESS"])
    response = client.post("/accounts/login/", {"login": "victim@example.org", "password": password})
    if "_auth_user_id" in client.session:
        print("in")
    else:
        print("throttled" if b"Too many failed login attempts" in response.content else "wrong")
"""


def test_the_counts_are_shared_by_every_process(tmp_path: Path) -> None:
    """Two processes (as two gunicorn workers would be) over one database: three failures in the first
    and two in the second make five, so the second refuses even the right password. With a cache of
    its own, the second process would have counted two failures and let the guesser in."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "CONCOURS_VAR_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "testserver",
        "CONCOURS_TRUSTED_PROXIES": "1",
    }

    def concours(*args: str, **extra: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "concours.cli", *args],
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    concours("migrate", "--no-input", "-v0")
    concours("createcachetable")
    first = concours(
        "shell",
        "-v0",
        "-c",
        LOGIN_SCRIPT,
        CREATE_VICTIM="1",
        ADDRESS=ATTACKER,
        PASSWORDS="guess1 guess2 guess3",
    )
    second = concours(
        "shell", "-v0", "-c", LOGIN_SCRIPT, ADDRESS=COLLEAGUE, PASSWORDS="guess4 guess5 right-Passw0rd-1"
    )
    assert first == ["wrong", "wrong", "wrong"]
    assert second == ["wrong", "wrong", "throttled"]
