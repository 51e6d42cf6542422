"""The signal in the back office: its three states only on the recruiters' and administrators' page of
an application, each display audited; never for panels, hiring managers, appointing authorities or
candidates, never in the export. The organisation's page shows the calibration and the switch."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from assessment_scenario import build_competition, declare_all, score
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.assessment.models import Stage
from concours.core.models import AuditEvent, AuditEventType
from concours.genai.models import EssaySignal, ExplanationRequest, SignalSwitch
from concours.vacancies.models import VacancyAssignment
from factories import AssignmentFactory, make_user
from genai_scenario import (
    STATE_WORDS,
    application_with_signal,
    attach_essay,
    calibrated,
    organisation,
    vacancy_of,
)

pytestmark = pytest.mark.django_db
S = Application.Status


def shown() -> int:
    return AuditEvent.objects.filter(event_type=AuditEventType.GENAI_SIGNAL_SHOWN).count()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "href" and value and value.startswith("/"):
                self.links.append(value.split("#")[0])


def crawl(client: Any, starts: list[str]) -> dict[str, str]:
    """Every page reachable by links from `starts` (GET only, never signing out), with its text."""
    seen: dict[str, str] = {}
    queue = list(starts)
    while queue:
        url = queue.pop()
        if url in seen or "logout" in url or url.startswith("/static/") or len(seen) > 200:
            continue
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # Refusals (403, 404) say nothing of the application; only what a page gives counts.
        seen[url] = body.decode(errors="replace") if response.status_code == 200 else ""
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser = _Links()
            parser.feed(seen[url])
            queue += parser.links
    return seen


@pytest.mark.parametrize(
    ("state", "label"),
    [
        (EssaySignal.State.REVIEW_SUGGESTED, "Human review suggested"),
        (EssaySignal.State.NO_SIGNAL, "No signal"),
        (EssaySignal.State.NOT_ASSESSABLE, "Not assessable"),
    ],
)
@pytest.mark.parametrize("role", [Role.RECRUITER, Role.ADMINISTRATOR])
def test_recruiters_and_administrators_see_the_state_with_the_figures_and_each_display_is_audited(
    client: Any, role: Role, state: str, label: str
) -> None:
    application = application_with_signal(state)
    viewer = make_user(role)
    client.force_login(viewer)
    url = reverse("backoffice:application", args=[application.pk])
    page = client.get(url).content.decode()
    assert f'id="genai-state" class="genai-{state}">{label}<' in page
    assert "not evidence and cannot alone justify any decision" in page
    assert "non-native" in page and "0.7&nbsp;%" in page  # the group and its upper bound, 0 of 400
    # Never the score, never a percentage of the essay, never the words that would accuse.
    assert "0.95" not in page and "0.2<" not in page and "AI-written" not in page
    assert shown() == 1
    client.get(url)
    event = AuditEvent.objects.filter(event_type=AuditEventType.GENAI_SIGNAL_SHOWN).latest("id")
    assert shown() == 2 and event.actor == viewer and event.extra["state"] == state


def test_a_pending_signal_shows_nothing_and_records_nothing(client: Any) -> None:
    application = application_with_signal(EssaySignal.State.PENDING)
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert "genai-signal" not in page and shown() == 0


@pytest.mark.parametrize(
    "role",
    [VacancyAssignment.Role.PANEL_MEMBER, VacancyAssignment.Role.HIRING_MANAGER, "authority", "candidate"],
)
def test_nobody_else_ever_sees_the_signal(client: Any, role: str) -> None:
    """Every page they reach from the back office and the portal, and the application's own address."""
    application = application_with_signal(status=S.SCREENED_IN)
    if role == "authority":
        user = make_user(Role.APPOINTING_AUTHORITY, is_staff=True)
    elif role == "candidate":
        user = application.candidate.user
    else:
        user = AssignmentFactory(vacancy=application.vacancy, role=role).user
    client.force_login(user)
    pages = crawl(
        client,
        [
            reverse("backoffice:vacancies"),
            reverse("backoffice:application", args=[application.pk]),
            reverse("backoffice:genai_organisations"),
            reverse("applications:list"),
            reverse("applications:detail", args=[application.pk]),
        ],
    )
    assert len([text for text in pages.values() if text]) >= 3
    if role in (VacancyAssignment.Role.PANEL_MEMBER, VacancyAssignment.Role.HIRING_MANAGER):
        # They do open the application (blind): the signal is what is missing, not the page.
        assert application.candidate_code in pages[reverse("backoffice:application", args=[application.pk])]
    for url, text in pages.items():
        assert [word for word in STATE_WORDS if word in text] == [], url
    assert shown() == 0


@pytest.mark.parametrize(
    "role", [Role.PANEL_MEMBER, Role.HIRING_MANAGER, Role.APPOINTING_AUTHORITY, Role.CANDIDATE]
)
def test_the_signal_pages_refuse_everyone_but_recruiters_and_administrators(client: Any, role: Role) -> None:
    unit = organisation()
    calibrated(unit)
    application = application_with_signal(vacancy=vacancy_of(unit))
    client.force_login(make_user(role))
    assert client.get(reverse("backoffice:genai_organisations")).status_code == 403
    assert client.get(reverse("backoffice:genai_organisation", args=[unit.pk])).status_code == 403
    assert client.post(reverse("backoffice:genai_switch", args=[unit.pk]), {"on": "on"}).status_code == 403
    ask = client.post(reverse("backoffice:genai_ask", args=[application.pk]), {"message": "?"})
    assert ask.status_code == 403
    assert not SignalSwitch.objects.exists() and not ExplanationRequest.objects.exists()


def test_the_export_has_no_signal(client: Any) -> None:
    application = application_with_signal()
    client.force_login(make_user(Role.RECRUITER))
    response = client.get(reverse("backoffice:export", args=[application.vacancy_id]))
    text = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and application.candidate_code in text
    header = text.splitlines()[0].lower()
    assert "signal" not in header and "genai" not in header and "ai" not in header.split(",")
    assert [word for word in [*STATE_WORDS, "review_suggested", "0.95"] if word in text] == []


def test_the_organisation_page_shows_the_figures_and_an_administrator_switches(client: Any) -> None:
    unit = organisation()
    calibrated(unit)
    recruiter = make_user(Role.RECRUITER)
    client.force_login(recruiter)
    page = client.get(reverse("backoffice:genai_organisation", args=[unit.pk])).content.decode()
    assert "non-native" in page and "The signal is off" in page
    assert "genai-switch-form" not in page  # recruiters see, administrators switch
    assert client.post(reverse("backoffice:genai_switch", args=[unit.pk]), {"on": "on"}).status_code == 403
    client.force_login(make_user(Role.ADMINISTRATOR))
    page = client.get(reverse("backoffice:genai_organisation", args=[unit.pk])).content.decode()
    assert "genai-switch-form" in page
    response = client.post(reverse("backoffice:genai_switch", args=[unit.pk]), {"on": "on", "seen": ""})
    assert response.status_code == 302
    assert SignalSwitch.objects.get().on is True
    page = client.get(reverse("backoffice:genai_organisation", args=[unit.pk])).content.decode()
    assert "The signal is on" in page


def test_switching_on_without_a_calibration_says_why(client: Any) -> None:
    unit = organisation()
    client.force_login(make_user(Role.ADMINISTRATOR))
    response = client.post(reverse("backoffice:genai_switch", args=[unit.pk]), {"on": "on"}, follow=True)
    assert "no calibration" in response.content.decode()
    assert not SignalSwitch.objects.exists()


def test_a_recruiter_asks_the_candidate_from_the_application_page(client: Any) -> None:
    application = application_with_signal()
    client.force_login(make_user(Role.RECRUITER))
    url = reverse("backoffice:application", args=[application.pk])
    assert 'id="genai-ask-form"' in client.get(url).content.decode()
    response = client.post(
        reverse("backoffice:genai_ask", args=[application.pk]), {"message": "How did you write it?"}
    )
    assert response.status_code == 302
    assert ExplanationRequest.objects.get(application=application).message == "How did you write it?"
    assert "How did you write it?" in client.get(url).content.decode()


def test_no_scoring_page_of_a_blind_stage_shows_the_signal_even_to_a_recruiter(client: Any) -> None:
    """Every candidate of a competition is flagged: the panel's pages (declarations, candidates,
    scorecards, consensus, ranking, the JSON and the calendar) and the recruiter's assessment pages
    (home, panel, results, each stage, slots) never show it, and nothing is recorded as shown."""
    competition = build_competition()
    calibration = calibrated(organisation())
    for application in competition.applications:
        essay = attach_essay(application, "Key challenges. An essay the signal was made from.")
        EssaySignal.objects.create(
            application=application,
            state=EssaySignal.State.REVIEW_SUGGESTED,
            score=0.95,
            calibration=calibration,
            made_at=calibration.made_at,
            essay_sha256=essay.sha256,
        )
    for key in ("chair", "expert", "manager"):
        declare_all(competition, key)
        for application in competition.applications:
            score(competition, key, application, 3)
    home = reverse("backoffice:assessment", args=[competition.vacancy.pk])
    first = competition.applications[0]
    for user in [competition.user(key) for key in ("chair", "expert", "manager", "observer")]:
        client.force_login(user)
        pages = crawl(client, [home])
        pages["json"] = client.get(
            reverse("backoffice:assessment_scores_json", args=[competition.stage("longlist").pk, first.pk])
        ).content.decode()
        pages["ics"] = client.get(reverse("backoffice:assessment_schedule")).content.decode()
        assert any(first.candidate_code in text for text in pages.values()), user
        for url, text in pages.items():
            assert [word for word in STATE_WORDS if word in text] == [], (user, url)
    client.force_login(competition.recruiter)
    vacancy = competition.vacancy.pk
    recruiter_pages = [
        home,
        reverse("backoffice:assessment_panel", args=[vacancy]),
        reverse("backoffice:assessment_results", args=[vacancy]),
        reverse("backoffice:assessment_slots", args=[competition.stage("final").pk]),
        *(
            reverse("backoffice:assessment_stage", args=[stage.pk])
            for stage in Stage.objects.filter(vacancy=vacancy)
        ),
    ]
    for url in recruiter_pages:
        response = client.get(url)
        text = response.content.decode()
        # The header links recruiters to the signal's page ("genai-link"): the signal itself is not there.
        shows = [
            word for word in [*STATE_WORDS[:3], "genai-signal", "genai-state", "not evidence"] if word in text
        ]
        assert response.status_code == 200 and shows == [], url
    assert shown() == 0


def test_the_organisation_is_named_in_french_on_french_pages(client: Any) -> None:
    unit = organisation()
    unit.name_fr = "Secrétariat international de l’OTAN"
    unit.save(update_fields=["name_fr"])
    client.force_login(make_user(Role.RECRUITER))
    for url in (
        reverse("backoffice:genai_organisations"),
        reverse("backoffice:genai_organisation", args=[unit.pk]),
    ):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert "Secrétariat international de l’OTAN" in page, url
        assert f">{unit.name}<" not in page and f"– {unit.name}<" not in page, url
