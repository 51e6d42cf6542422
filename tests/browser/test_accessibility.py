"""axe-core over every page each role reaches by following links, in a real Chromium.

For each role the crawler signs in on the live server, starts from the role's first page and follows
same-origin links (never logging out, never downloading a file, never into Django's own admin), a few
pages per kind of address, and runs axe-core (axe-playwright-python ships it) on each. Any violation of
impact critical, serious or moderate fails the test, listed by page, rule and element.

The crawl proves its coverage: each role's main pages (MUST_VISIT, by URL name) must be among those
visited, and the crawl fails rather than stop silently at its cap with pages still to visit. Pages
reached only through a form (an error shown again, a move refused until confirmed, a slot booked) are
posted to, then checked the same way (FORM_STEPS).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import TestCase
from django.urls import Resolver404, resolve
from django.utils import timezone

from assessment_scenario import NOTICE
from concours.accounts.models import Role
from concours.applications.claims import ClaimInput, experience_requirements
from concours.applications.models import Application
from concours.applications.services import application_submit, application_transition
from concours.assessment.models import Stage
from concours.assessment.services import candidates_invite, slot_open, stage_plan_create
from concours.screening.services import vacancy_screen_all
from concours.selection.models import Placement
from concours.selection.services import recommendation_draw, recommendation_save, recommendation_submit
from concours.vacancies.models import StaffUnit, VacancyAssignment
from factories import (
    ApplicationFactory,
    AssignmentFactory,
    JobAlertFactory,
    ProfileFactory,
    VacancyFactory,
    cv_upload,
    make_user,
)
from selection_scenario import build_ending, later_vacancy
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAILING_IMPACTS = {"critical", "serious", "moderate"}
MAX_PAGES = 200
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
    interview: int = 0
    """The vacancy whose final interviews the candidate is invited to book a slot for."""
    invited: int = 0
    """The candidate's application invited to the interviews."""
    drafted: int = 0
    """The vacancy the candidate has a draft for."""


def build_world() -> World:
    """A competition at its last stage (panel, hiring manager, recruiter, appointing authority), and a
    candidate with applications in several states: a draft, a submitted one with a claim of experience,
    a screened-in one, a withdrawn one and one invited to book an interview slot; and a job alert. The
    recruiter works for the competition's organisation, whose mails (the invitation) and templates they
    see."""
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
    recruiter = competition.recruiter
    StaffUnit.objects.create(unit=ending.organisation, user=recruiter)
    candidate = ProfileFactory(user__email="camille@example.org", name="Camille Candidate")
    JobAlertFactory(owner=candidate.user)
    open_vacancies = [VacancyFactory(title=f"Policy Officer {n}") for n in range(3)]
    # The first one asks for experience: the candidate claims her post for it, with a sentence.
    open_vacancies[0].notice = {
        **open_vacancies[0].notice,
        "experience": [{"min_years": 5, "max_years": None, "of": "policy work in a ministry"}],
    }
    open_vacancies[0].save(update_fields=["notice"])
    [requirement] = experience_requirements(open_vacancies[0])
    post = candidate.experience.get()
    claims = [ClaimInput(requirement.key, (post.pk,), "Policy officer at the ministry since 2012.")]
    drafted = VacancyFactory(title="Legal Adviser")
    ApplicationFactory(candidate=candidate, vacancy=drafted)  # a draft
    interview = later_vacancy(ending, title="Head of Section", notice=dict(NOTICE))
    with TestCase.captureOnCommitCallbacks(execute=True):
        submitted = [
            application_submit(
                candidate=candidate,
                vacancy=vacancy,
                cv=cv_upload(),
                essay=None,
                actor=candidate.user,
                claims=claims if vacancy == open_vacancies[0] else None,
            )
            for vacancy in [*open_vacancies, interview]
        ]
        for vacancy in [*open_vacancies, interview]:
            vacancy_screen_all(vacancy=vacancy, actor=recruiter)
    # Invited to the final interviews of a vacancy of the recruiter's organisation, two slots to choose.
    stage_plan_create(vacancy=interview, actor=recruiter)
    invited = submitted[3]
    for to in (Application.Status.SCREENED_IN, Application.Status.LONGLISTED, Application.Status.SHORTLISTED):
        invited = application_transition(application=invited, to=to, reason="Strong.", actor=recruiter)
    final = Stage.objects.get(vacancy=interview, key="final")
    with TestCase.captureOnCommitCallbacks(execute=True):
        candidates_invite(stage=final, applications=[invited], actor=recruiter)
    for days in (30, 31):
        slot_open(
            stage=final,
            local_start=(timezone.now() + dt.timedelta(days=days)).replace(tzinfo=None, microsecond=0),
            minutes=45,
            place="Room B-201",
            video_link="",
            capacity=2,
            actor=recruiter,
        )
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
        interview=interview.pk,
        invited=invited.pk,
        drafted=drafted.pk,
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


# Each role's main pages, by URL name: the crawl fails unless it visited every one.
MUST_VISIT = {
    "anonymous": {"vacancies:list", "vacancies:detail"},
    "candidate": {
        "vacancies:list",
        "vacancies:detail",
        "applications:apply",
        "candidates:profile",
        "applications:list",
        "applications:detail",
        "applications:withdraw",
        "applications:slots",
        "applications:accommodation",
        "alerts:list",
        "privacy:home",
    },
    "recruiter": {
        "backoffice:vacancies",
        "backoffice:vacancy",
        "backoffice:application",
        "backoffice:review",
        "backoffice:questions",
        "backoffice:assessment",
        "backoffice:assessment_panel",
        "backoffice:assessment_results",
        "backoffice:assessment_stage",
        "backoffice:assessment_ranking",
        "backoffice:assessment_slots",
        "backoffice:selection",
        "backoffice:selection_reserve",
        "backoffice:outbox",
        "backoffice:outbox_mail",
        "backoffice:mail_templates",
        "backoffice:mail_template_edit",
    },
    "panel member": {
        "backoffice:vacancies",
        "backoffice:assessment",
        "backoffice:assessment_declare",
        "backoffice:assessment_candidates",
        "backoffice:assessment_scorecard",
    },
    "hiring manager": {"backoffice:vacancies"},
    "appointing authority": {"backoffice:selection_inbox"},
    "administrator": {"backoffice:vacancies", "backoffice:erasures", "backoffice:genai_organisations"},
}


def view_name(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return ""


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


def violations(page: Any, label: str) -> list[str]:
    """axe-core on the page as it is: a line per failing violation (page, rule, impact, elements)."""
    problems = []
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] in FAILING_IMPACTS:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            problems.append(
                f"{label}: {violation['id']} ({violation['impact']}) {violation['help']} -> {targets}"
            )
    return problems


@dataclass
class Crawl:
    visited: list[str] = field(default_factory=list)
    """"status path?query" of each page checked."""
    names: set[str] = field(default_factory=set)
    """The URL names of the pages checked."""
    problems: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    """Pages still to visit when the crawl reached its cap (then it did not cover the role)."""


def crawl(page: Any, origin: str, starts: list[str]) -> Crawl:
    """Every page reachable by links from `starts` (PER_KIND of each kind), each checked by axe-core."""
    queue = deque(origin + start for start in starts)
    seen: set[str] = set(queue)
    kinds: Counter[str] = Counter()
    found = Crawl()
    while queue and len(found.visited) < MAX_PAGES:
        url = queue.popleft()
        parts = urlsplit(url)
        if kinds[kind(parts.path)] >= PER_KIND:
            continue
        response = page.goto(url)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        kinds[kind(parts.path)] += 1
        found.visited.append(f"{response.status} {parts.path}{'?' + parts.query if parts.query else ''}")
        found.names.add(view_name(parts.path))
        found.problems += violations(page, f"{parts.path}?{parts.query}")
        for link in same_origin_links(page, origin):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    found.left = [url for url in queue if kinds[kind(urlsplit(url).path)] < PER_KIND]
    return found


# Pages reached only through a form: each step posts one, then the page it leads to is checked by axe.


def _post(page: Any, form: str, button: str = "button[type=submit]") -> Any:
    """Submit the form as it is, the browser's own checks off (the server's answer is what is checked)."""
    page.eval_on_selector(form, "form => { form.noValidate = true; }")
    with page.expect_navigation():
        page.click(f"{form} {button}")
    page.wait_for_load_state()
    return page


def _apply_without_cv(page: Any, origin: str, world: World) -> str:
    page.goto(f"{origin}/applications/apply/{world.drafted}/")
    _post(page, "#apply-form", "button[name=submit]")
    assert page.locator(".errorlist, .messages .error, [aria-invalid=true]").count(), page.url
    return "apply page, submitted without a CV (errors shown again)"


def _profile_without_name(page: Any, origin: str, world: World) -> str:
    page.goto(f"{origin}/profile/")
    page.fill("#profile-form input[name=name]", "")
    _post(page, "#profile-form", "button.primary")
    assert page.locator(".errorlist").count(), page.url
    return "profile saved without a name (errors shown again)"


def _book_a_slot(page: Any, origin: str, world: World) -> str:
    page.goto(f"{origin}/applications/{world.invited}/slots/")
    page.check("input[name=slot] >> nth=0")
    _post(page, "form:has(button.book)", "button.book")
    assert page.locator("button[name=cancel]").count(), page.url  # booked: it can be cancelled now
    return "slots page, a time booked"


def _bulk_move_unconfirmed(page: Any, origin: str, world: World) -> str:
    page.goto(f"{origin}/backoffice/vacancies/{world.interview}/")
    page.check("#bulk-move input[name=selected] >> nth=0")
    irreversible = page.eval_on_selector(
        "#bulk-move select[name=to]",
        "select => [...select.options].map(o => o.value)"
        ".find(v => ['withdrawn', 'not_selected', 'selected'].includes(v))",
    )
    assert irreversible, "no move that cannot be undone is offered"
    page.select_option("#bulk-move select[name=to]", irreversible)
    page.fill("#bulk-move textarea[name=reason]", "Moved by the accessibility test.")
    _post(page, "#bulk-move", "#bulk-move-fields button[type=submit]")
    assert "tick the box to confirm" in page.content(), page.url
    return "bulk move without its confirmation (refused, said so)"


def _move_without_target(page: Any, origin: str, world: World) -> str:
    page.goto(f"{origin}/backoffice/applications/{world.invited}/")
    _post(page, "#move-form")
    assert page.locator(".errorlist").count(), page.url
    return "application page, a move without target nor reason (errors shown again)"


def _screen_all(page: Any, origin: str, world: World) -> str:
    page.goto(f"{origin}/backoffice/vacancies/{world.interview}/")
    _post(page, "#screen-all")
    return "applications after screening them all"


FORM_STEPS = {
    "candidate": [_apply_without_cv, _profile_without_name, _book_a_slot],
    "recruiter": [_bulk_move_unconfirmed, _move_without_target, _screen_all],
}


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
        sign_in(page, live_server.url, user.email)
    starts = [START[role]]
    if START[role].startswith("/backoffice/"):
        starts.append(f"/backoffice/vacancies/{world.competition}/")
    found = crawl(page, live_server.url, starts)
    for step in FORM_STEPS.get(role, []):
        label = step(page, live_server.url, world)
        found.visited.append(f"POST {label}")
        found.problems += violations(page, label)
    context.close()
    print(f"\n{role}: {len(found.visited)} pages", *found.visited, sep="\n  ")  # shown with -s
    assert not found.left, (
        f"{role}: the crawl stopped at {MAX_PAGES} pages with more to visit: {found.left[:10]}"
    )
    assert MUST_VISIT[role] <= found.names, f"{role}: never visited {sorted(MUST_VISIT[role] - found.names)}"
    assert found.problems == [], (
        f"{role}: {len(found.problems)} violations on {len(found.visited)} pages\n"
        + "\n".join(found.problems)
    )
