"""Every help text and error is announced: each id an `aria-describedby` names exists in the page.

The forms are rendered as they are first shown and again with errors (posted empty), on the portal and
in the back office; a reference to a missing id is silently dropped by screen readers, so "NATO: I to VI"
was never read.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit
from factories import ProfileFactory, VacancyFactory, cv_upload, make_user

pytestmark = pytest.mark.django_db


class References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described: list[tuple[str, str]] = []  # (element, id it names)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("aria-describedby", "aria-labelledby", "aria-errormessage", "aria-controls"):
            for target in (values.get(name) or "").split():
                self.described.append((f"<{tag} name={values.get('name')!r} {name}>", target))


def dangling(html: str) -> list[tuple[str, str]]:
    """The (element, id) pairs whose id is nowhere in the page; <template> content counts as the page."""
    parser = References()
    parser.feed(html)
    return [(element, target) for element, target in parser.described if target not in parser.ids]


def described(html: str) -> int:
    parser = References()
    parser.feed(html)
    return len(parser.described)


def test_the_parser_finds_a_dangling_reference() -> None:
    """The check can fail: a reference to an id the page lacks is reported."""
    page = '<input aria-describedby="a_helptext b_helptext"><span id="a_helptext">help</span>'
    assert dangling(page) == [("<input name=None aria-describedby>", "b_helptext")]


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    vacancy = VacancyFactory()
    draft_vacancy = VacancyFactory(status="draft")
    profile = ProfileFactory()
    other = ProfileFactory()
    submitted = application_submit(
        candidate=other, vacancy=vacancy, cv=cv_upload(), essay=None, actor=other.user
    )
    recruiter = make_user(Role.RECRUITER)
    return {
        "vacancy": vacancy,
        "draft_vacancy": draft_vacancy,
        "profile": profile,
        "other": other,
        "submitted": submitted,
        "recruiter": recruiter,
    }


Page = tuple[str, Callable[[dict[str, Any]], Any], Callable[[dict[str, Any]], str]]

PAGES: list[Page] = [
    ("anonymous", lambda w: None, lambda w: reverse("account_signup")),
    ("anonymous", lambda w: None, lambda w: reverse("account_login")),
    ("anonymous", lambda w: None, lambda w: reverse("account_reset_password")),
    ("anonymous", lambda w: None, lambda w: reverse("vacancies:list")),
    ("candidate", lambda w: w["profile"].user, lambda w: reverse("candidates:profile")),
    (
        "candidate",
        lambda w: w["profile"].user,
        lambda w: reverse("applications:apply", args=[w["vacancy"].pk]),
    ),
    ("candidate", lambda w: w["profile"].user, lambda w: reverse("essays:check", args=[w["vacancy"].pk])),
    ("candidate", lambda w: w["profile"].user, lambda w: reverse("privacy:home")),
    (
        "candidate",
        lambda w: w["other"].user,
        lambda w: reverse("applications:withdraw", args=[w["submitted"].pk]),
    ),
    ("recruiter", lambda w: w["recruiter"], lambda w: reverse("backoffice:import")),
    (
        "recruiter",
        lambda w: w["recruiter"],
        lambda w: reverse("backoffice:review", args=[w["draft_vacancy"].pk]),
    ),
    ("recruiter", lambda w: w["recruiter"], lambda w: reverse("backoffice:vacancy", args=[w["vacancy"].pk])),
    (
        "recruiter",
        lambda w: w["recruiter"],
        lambda w: reverse("backoffice:application", args=[w["submitted"].pk]),
    ),
]


@pytest.mark.parametrize(("who", "user", "url"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)])
def test_every_described_by_names_an_element_of_the_page(world: dict[str, Any], who: str, user, url) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    if user(world) is not None:
        client.force_login(user(world))
    address = url(world)
    shown = client.get(address)
    assert shown.status_code == 200, address
    assert dangling(shown.content.decode()) == [], address
    # Posted empty, the same forms come back with their errors, which are described too.
    posted = client.post(address, {})
    if posted.status_code == 200:
        assert dangling(posted.content.decode()) == [], f"{address} (with errors)"


def test_the_language_levels_help_is_announced(world: dict[str, Any]) -> None:
    """The language line's level says which scale it reads (NATO: I to VI) to a screen reader too."""
    client = Client()
    client.force_login(world["profile"].user)
    html = client.get(reverse("candidates:profile")).content.decode()
    assert described(html) > 0 and dangling(html) == []
    assert Application.objects.filter(candidate=world["profile"]).count() == 0
