"""axe-core over every page each role reaches by following links, in a real Chromium.

For each role the crawler signs in on the live server, starts from the role's first page and follows
same-origin links (never logging out, never downloading a file, never into Django's own admin), a few
pages per kind of address, and runs axe-core (axe-playwright-python ships it) on each. Any violation of
impact critical, serious or moderate fails the test, listed by page, rule and element.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import TestCase

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit, application_transition
from concours.screening.services import vacancy_screen_all
from concours.selection.models import Placement
from concours.selection.services import recommendation_draw, recommendation_save, recommendation_submit
from concours.vacancies.models import VacancyAssignment
from factories import (
    PASSWORD,
    ApplicationFactory,
    AssignmentFactory,
    ProfileFactory,
    VacancyFactory,
    cv_upload,
    make_user,
)
from selection_scenario import build_ending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAILING_IMPACTS = {"critical", "serious", "moderate"}
MAX_PAGES = 80
# Pages of one kind (the same address with its numbers taken out) are alike: a few of each suffice.
PER_KIND = 3
# Where the crawler never goes: signing out, Django's own admin, the language switch, files.
SKIPPED = re.compile(
    r"^/(accounts/logout|admin/|i18n/)|/(files|download|documents?)/|\.(pdf|csv|ics|docx|zip|json)$"
)


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    competition: int = 0
    """The vacancy through assessment and selection: staff crawls start there too, so that its pages are
    among the few of each kind visited."""


def build_world() -> World:
    """A competition at its last stage (panel, hiring manager, recruiter, appointing authority), and a
    candidate with applications in several states: a draft, a submitted one, a screened-in one and a
    withdrawn one."""
    ending = build_ending()
    competition = ending.competition
    # The recruiter's recommendation waits in the appointing authority's inbox.
    first, second, third, fourth = ending.applications
    one, two = ending.vacancy.posts.order_by("id")
    recommendation = recommendation_draw(vacancy=ending.vacancy, actor=ending.recruiter)
    recommendation = recommendation_save(
        recommendation=recommendation,
        version=recommendation.version,
        selections={one.pk: (first.pk, "First in the ranking."), two.pk: (second.pk, "Second.")},
        others={
            third.pk: (Placement.Outcome.RESERVE, "Suitable; third."),
            fourth.pk: (Placement.Outcome.NOT_SELECTED, "Below the required level in Teamwork."),
        },
        actor=ending.recruiter,
    )
    recommendation_submit(
        recommendation=recommendation, version=recommendation.version, actor=ending.recruiter
    )
    candidate = ProfileFactory(user__email="camille@example.org", name="Camille Candidate")
    open_vacancies = [VacancyFactory(title=f"Policy Officer {n}") for n in range(3)]
    ApplicationFactory(candidate=candidate, vacancy=VacancyFactory(title="Legal Adviser"))  # a draft
    with TestCase.captureOnCommitCallbacks(execute=True):
        submitted = [
            application_submit(
                candidate=candidate, vacancy=vacancy, cv=cv_upload(), essay=None, actor=candidate.user
            )
            for vacancy in open_vacancies
        ]
        for vacancy in open_vacancies:
            vacancy_screen_all(vacancy=vacancy, actor=competition.recruiter)
    application_transition(
        application=submitted[1],
        to=Application.Status.SCREENED_IN,
        reason="Meets every requirement.",
        actor=competition.recruiter,
    )
    application_transition(
        application=submitted[2], to=Application.Status.WITHDRAWN, reason="", actor=candidate.user
    )
    manager = make_user(Role.HIRING_MANAGER, name="Hanna Manager")
    AssignmentFactory(vacancy=competition.vacancy, user=manager, role=VacancyAssignment.Role.HIRING_MANAGER)
    return World(
        competition=competition.vacancy.pk,
        users={
            "anonymous": None,
            "candidate": candidate.user,
            "recruiter": competition.recruiter,
            "panel member": competition.user("chair"),
            "hiring manager": manager,
            "appointing authority": ending.authority,
            "administrator": make_user(Role.ADMINISTRATOR, is_superuser=True, is_staff=True),
        },
    )


START = {
    "anonymous": "/",
    "candidate": "/",
    "recruiter": "/backoffice/",
    "panel member": "/backoffice/",
    "hiring manager": "/backoffice/",
    "appointing authority": "/backoffice/",
    "administrator": "/backoffice/",
}


def kind(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def same_origin_links(page: Any, origin: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(
        "a[href]:not([download])", "links => links.map(link => link.href)"
    )
    out = []
    for href in hrefs:
        url, _ = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIPPED.search(parts.path):
            continue
        out.append(url)
    return out


def crawl(page: Any, origin: str, starts: list[str]) -> tuple[list[str], list[str]]:
    """The pages visited and, for each violation, a line: page, rule (impact), elements."""
    axe = Axe()
    queue = deque(origin + start for start in starts)
    seen: set[str] = set(queue)
    kinds: Counter[str] = Counter()
    visited: list[str] = []
    problems: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        parts = urlsplit(url)
        if kinds[kind(parts.path)] >= PER_KIND:
            continue
        response = page.goto(url)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        kinds[kind(parts.path)] += 1
        visited.append(f"{response.status} {parts.path}{'?' + parts.query if parts.query else ''}")
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in FAILING_IMPACTS:
                targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
                problems.append(
                    f"{parts.path}?{parts.query}: {violation['id']} ({violation['impact']}) "
                    f"{violation['help']} -> {targets}"
                )
        for link in same_origin_links(page, origin):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return visited, problems


def test_the_crawler_reports_a_violation(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    """The check can fail: a page with an unlabelled field and an image without text is reported."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_content('<html lang="en"><body><main><input type="text"><img src="x.png"></main></body></html>')
    violations = {v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in FAILING_IMPACTS}
    assert {"label", "image-alt"} <= violations
    context.close()


# Every role in English on a desktop screen; the public and candidates' pages in French too (the browser
# asks for French), and the recruiter's on a phone (390 px: tables become scrolling regions).
CRAWLS = [(role, "en-GB", 1280) for role in START] + [
    ("anonymous", "fr-FR", 1280),
    ("candidate", "fr-FR", 1280),
    ("recruiter", "en-GB", 390),
]


@pytest.mark.parametrize(
    ("role", "locale", "width"), CRAWLS, ids=[f"{role}-{locale}-{width}" for role, locale, width in CRAWLS]
)
def test_every_page_of_the_role_passes_axe(browser, live_server, role: str, locale: str, width: int) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    user = world.users[role]
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    if user is not None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
    starts = [START[role]]
    if START[role].startswith("/backoffice/"):
        starts.append(f"/backoffice/vacancies/{world.competition}/")
    visited, problems = crawl(page, live_server.url, starts)
    context.close()
    print(f"\n{role}: {len(visited)} pages", *visited, sep="\n  ")  # shown with -s
    assert len(visited) >= 3, visited
    assert problems == [], f"{role}: {len(problems)} violations on {len(visited)} pages\n" + "\n".join(
        problems
    )
