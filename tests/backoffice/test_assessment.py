"""The assessment's back-office pages: who may open each, what a member sees before and after
submitting, what a conflicted member gets, what never reaches a blind stage, the CSV import."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment_scenario import Competition, build_competition, declare_all, score
from backoffice.test_blind_review import _crawl  # the blind-review test's crawler
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.assessment.models import Stage, TestResult
from concours.assessment.services import declarations_record, panel_member_add
from concours.core.models import AuditEvent
from factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def competition() -> Competition:
    return build_competition()


def pages(competition: Competition) -> dict[str, tuple[str, str]]:
    """Every new back-office page, with who may open it: 'recruiter', 'member', 'chair'."""
    vacancy = competition.vacancy
    longlist = competition.stage("longlist")
    final = competition.stage("final")
    first = competition.applications[0]
    return {
        "home": (reverse("backoffice:assessment", args=[vacancy.pk]), "member"),
        "panel": (reverse("backoffice:assessment_panel", args=[vacancy.pk]), "recruiter"),
        "results": (reverse("backoffice:assessment_results", args=[vacancy.pk]), "recruiter"),
        "stage": (reverse("backoffice:assessment_stage", args=[longlist.pk]), "recruiter"),
        "slots": (reverse("backoffice:assessment_slots", args=[final.pk]), "recruiter"),
        "declare": (reverse("backoffice:assessment_declare", args=[vacancy.pk]), "member"),
        "candidates": (reverse("backoffice:assessment_candidates", args=[longlist.pk]), "member"),
        "scorecard": (reverse("backoffice:assessment_scorecard", args=[longlist.pk, first.pk]), "member"),
        "json": (reverse("backoffice:assessment_scores_json", args=[longlist.pk, first.pk]), "member"),
        "agreement": (reverse("backoffice:assessment_agreement", args=[longlist.pk]), "chair"),
        "consensus": (reverse("backoffice:assessment_consensus", args=[longlist.pk, first.pk]), "chair"),
        "ranking": (reverse("backoffice:assessment_ranking", args=[longlist.pk]), "chair"),
        "schedule": (reverse("backoffice:assessment_schedule"), "member"),
    }


def test_every_page_opens_for_its_role_and_refuses_the_wrong_one(client, competition) -> None:  # type: ignore[no-untyped-def]
    """Right role 200; a candidate 403; a panel member of another vacancy 404 (or 403 for recruiters'
    pages); a member who is not the chair 403 on the chair's pages; anonymous to the login page."""
    declare_all(competition, "chair")
    declare_all(competition, "expert")
    outsider = make_user(Role.PANEL_MEMBER)
    candidate = competition.applications[0].candidate.user
    for name, (url, who) in pages(competition).items():
        client.logout()
        assert client.get(url).status_code == 302, name
        client.force_login(candidate)
        assert client.get(url).status_code == 403, name
        client.force_login(competition.user("chair"))
        assert client.get(url).status_code == (403 if who == "recruiter" else 200), name
        client.force_login(competition.user("expert"))
        assert client.get(url).status_code == (200 if who == "member" else 403), name
        if who == "recruiter":
            client.force_login(competition.recruiter)
            assert client.get(url).status_code == 200, name
        if name != "schedule":  # the schedule is the reader's own: empty for an outsider
            client.force_login(outsider)
            assert client.get(url).status_code in (403, 404), name


def test_every_change_refuses_the_wrong_role(client, competition) -> None:  # type: ignore[no-untyped-def]
    """The recruiters' changes refuse a panel member and a candidate (403) and change nothing."""
    vacancy = competition.vacancy
    longlist = competition.stage("longlist")
    criterion = longlist.criteria.first()
    changes = [
        reverse("backoffice:assessment_plan", args=[vacancy.pk]),
        reverse("backoffice:assessment_stage_add", args=[vacancy.pk]),
        reverse("backoffice:assessment_stage_move", args=[longlist.pk]),
        reverse("backoffice:assessment_stage_remove", args=[longlist.pk]),
        reverse("backoffice:assessment_criterion_add", args=[longlist.pk]),
        reverse("backoffice:assessment_criterion_remove", args=[criterion.pk]),
        reverse("backoffice:assessment_panel_remove", args=[competition.members["expert"].pk]),
    ]
    events = AuditEvent.objects.count()
    for user in (competition.user("chair"), competition.applications[0].candidate.user):
        client.force_login(user)
        for url in changes:
            assert client.post(url, {"direction": "up", "name": "X", "weight": "1"}).status_code == 403, url
    assert AuditEvent.objects.count() == events
    assert Stage.objects.filter(vacancy=vacancy).count() == 6 and longlist.criteria.count() == 3


def test_a_member_sees_others_scores_only_after_submitting(client, competition) -> None:  # type: ignore[no-untyped-def]
    declare_all(competition, "chair")
    declare_all(competition, "expert")
    first = competition.applications[0]
    score(competition, "chair", first, 2)
    score(competition, "expert", first, 4, submit=False)
    client.force_login(competition.user("expert"))
    urls = pages(competition)
    page = client.get(urls["scorecard"][0]).content.decode()
    assert "Chair Member" not in page and "once you have submitted yours" in page
    data = json.loads(client.get(urls["json"][0]).content)
    assert data["others"] is None and {s["value"] for s in data["own"]} == {4}
    assert "Chair Member" not in json.dumps(data)
    score(competition, "expert", first, 4)
    page = client.get(urls["scorecard"][0]).content.decode()
    assert "Chair Member" in page
    data = json.loads(client.get(urls["json"][0]).content)
    assert [o["member"] for o in data["others"]] == ["Chair Member"]
    assert {s["value"] for s in data["others"][0]["scores"]} == {2}


def test_a_conflicted_member_gets_404_for_that_candidate(client, competition) -> None:  # type: ignore[no-untyped-def]
    first, second = competition.applications[:2]
    declare_all(competition, "expert", {first.pk: "My brother-in-law."})
    client.force_login(competition.user("expert"))
    longlist = competition.stage("longlist")
    for name, args in (
        ("backoffice:assessment_scorecard", [longlist.pk, first.pk]),
        ("backoffice:assessment_scores_json", [longlist.pk, first.pk]),
        ("backoffice:application", [first.pk]),
        ("backoffice:essay", [first.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert (
        client.get(reverse("backoffice:assessment_scorecard", args=[longlist.pk, second.pk])).status_code
        == 200
    )
    listing = client.get(reverse("backoffice:assessment_candidates", args=[longlist.pk])).content.decode()
    assert first.candidate_code not in listing and second.candidate_code in listing
    blind = client.get(reverse("backoffice:vacancy", args=[competition.vacancy.pk])).content.decode()
    assert first.candidate_code not in blind


def test_a_member_sees_no_candidate_before_declaring(client, competition) -> None:  # type: ignore[no-untyped-def]
    first = competition.applications[0]
    client.force_login(competition.user("expert"))
    longlist = competition.stage("longlist")
    assert (
        client.get(reverse("backoffice:assessment_scorecard", args=[longlist.pk, first.pk])).status_code
        == 404
    )
    blind = client.get(reverse("backoffice:vacancy", args=[competition.vacancy.pk])).content.decode()
    assert first.candidate_code not in blind
    response = client.post(
        reverse("backoffice:assessment_declare", args=[competition.vacancy.pk]),
        {f"conflict_{a.pk}": "no" for a in competition.applications},
    )
    assert response.status_code == 302
    assert (
        client.get(reverse("backoffice:assessment_scorecard", args=[longlist.pk, first.pk])).status_code
        == 200
    )


def test_no_identity_reaches_a_blind_stages_pages_files_or_exports(client, competition) -> None:  # type: ignore[no-untyped-def]
    """Every page, JSON and calendar file a seated member can reach shows codes, never the candidate."""
    first = competition.applications[0]
    profile = first.candidate
    profile.name = "Zoë Ångström-Kowalczyk"
    profile.nationalities = ["IS"]
    profile.save()
    profile.user.email = "zoe.kowalczyk@example.is"
    profile.user.save()
    for key in ("chair", "expert", "manager"):
        declare_all(competition, key)
        for application in competition.applications:
            score(competition, key, application, 3)
    for key in ("chair", "expert"):
        client.force_login(competition.user(key))
        found = _crawl(client, reverse("backoffice:assessment", args=[competition.vacancy.pk]))
        found["json"] = client.get(pages(competition)["json"][0]).content.decode()
        found["ics"] = client.get(reverse("backoffice:assessment_schedule")).content.decode()
        assert any(first.candidate_code in text for text in found.values())
        assert len(found) > 6, sorted(found)
        for url, text in found.items():
            for secret in ("Zoë", "Ångström", "Kowalczyk", "zoe.kowalczyk", "Iceland", "Islande"):
                assert secret not in text, (url, secret)


def test_a_refused_csv_changes_nothing_and_says_why_per_row(client, competition) -> None:  # type: ignore[no-untyped-def]
    first, second = competition.applications[:2]
    good = f"code,test,score,maximum,date\n{first.candidate_code},Written test,71,100,2026-12-15\n"
    bad = (
        "code,test,score,maximum,date\n"
        f"{first.candidate_code},Written test,71,100,2026-12-15\n"
        "C-NOBODY00,Written test,50,100,2026-12-15\n"
        f"{second.candidate_code},Written test,120,100,2026-12-15\n"
        f"{second.candidate_code},Language test,12,20,15/12/2026\n"
        f"{first.candidate_code},Written test,70,100,2026-12-15\n"
    )
    client.force_login(competition.recruiter)
    url = reverse("backoffice:assessment_results", args=[competition.vacancy.pk])
    events = AuditEvent.objects.count()
    response = client.post(url, {"file": _csv(bad)})
    assert response.status_code == 400
    text = response.content.decode()
    for row, column in ((3, "code"), (4, "score"), (5, "date"), (6, "code")):
        assert f"<td>{row}</td><td>{column}</td>" in text, (row, column)
    assert TestResult.objects.count() == 0 and AuditEvent.objects.count() == events
    response = client.post(url, {"file": _csv("code,test\n".encode("utf-16"))})
    assert response.status_code == 400 and "UTF-8" in response.content.decode()
    assert client.post(url, {"file": _csv(good)}).status_code == 302
    assert TestResult.objects.get().score == 71
    events = AuditEvent.objects.count()
    assert client.post(url, {"file": _csv(good)}).status_code == 302
    assert TestResult.objects.count() == 1 and AuditEvent.objects.count() == events


def test_a_result_is_found_by_the_application_number_as_by_the_candidate_code(client, competition) -> None:  # type: ignore[no-untyped-def]
    first, second = competition.applications[:2]
    rows = (
        "code,test,score,maximum,date\n"
        f"{first.pk},Written test,64,100,2026-12-15\n"
        f"{second.candidate_code.lower()},Written test,58,100,2026-12-15\n"
    )
    client.force_login(competition.recruiter)
    url = reverse("backoffice:assessment_results", args=[competition.vacancy.pk])
    assert client.post(url, {"file": _csv(rows)}).status_code == 302
    scores = dict(TestResult.objects.values_list("application_id", "score"))
    assert scores == {first.pk: 64, second.pk: 58}
    # A number that is no application of this vacancy is refused like an unknown code.
    response = client.post(
        url, {"file": _csv(f"code,test,score,maximum,date\n{first.pk + 10_000},Oral,1,5,2026-12-15\n")}
    )
    assert response.status_code == 400 and "<td>2</td><td>code</td>" in response.content.decode()


def _csv(text: str | bytes):  # type: ignore[no-untyped-def]
    return SimpleUploadedFile("results.csv", text.encode() if isinstance(text, str) else text, "text/csv")


def test_the_recruiter_adapts_the_plan_through_the_pages(client, competition) -> None:  # type: ignore[no-untyped-def]
    client.force_login(competition.recruiter)
    test = competition.stage("test")
    response = client.post(
        reverse("backoffice:assessment_stage", args=[test.pk]),
        {
            "name": "Language test",
            "name_fr": "Test linguistique",
            "kind": "test",
            "scorers": "test_provider",
            "pass_rule": "threshold",
            "pass_value": "3",
            "entry_status": "longlisted",
            "advances_to": "",
            "when": "January 2027",
            "where": "",
            "zone": "",
        },
    )
    assert response.status_code == 302
    client.post(reverse("backoffice:assessment_stage_move", args=[test.pk]), {"direction": "up"})
    order = list(Stage.objects.filter(vacancy=competition.vacancy).values_list("key", flat=True))
    assert order[:3] == ["screening", "test", "longlist"]
    assert Stage.objects.get(pk=test.pk).name_fr == "Test linguistique"


# English words of the assessment pages that must not remain on a French page (user data such as the
# notice's criteria stays as written).
ENGLISH = [
    "Assessment",
    "Plan of stages",
    "Panel",
    "Scorecard",
    "Submit",
    "Agreement",
    "Ranking",
    "Slots",
    "Test results",
    "declarations",
    "Conflict",
    "Mean",
    "Those who pass",
    "Open a slot",
    "Invite",
    "Save",
    "Weight",
    "Overall",
    "Record",
    "Candidate",
]


def test_every_new_page_is_in_french(client, competition) -> None:  # type: ignore[no-untyped-def]
    """Each page, opened in French by a reader allowed to see it, shows no English of ours."""
    declare_all(competition, "chair")
    for application in competition.applications:
        score(competition, "chair", application, 3)
    for name, (url, who) in pages(competition).items():
        if name in {"json", "schedule"}:
            continue
        client.force_login(competition.recruiter if who == "recruiter" else competition.user("chair"))
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="fr">' in html, name
        text = re.sub(r"<[^>]+>", " ", html)
        for word in ENGLISH:
            assert not re.search(rf"\b{re.escape(word)}\b", text), (name, word)


def test_a_recruiter_types_in_one_result(client, competition) -> None:  # type: ignore[no-untyped-def]
    first = competition.applications[0]
    client.force_login(competition.recruiter)
    url = reverse("backoffice:assessment_results", args=[competition.vacancy.pk])
    row = {"typed": "1", "test": "Language test", "score": "14", "maximum": "20", "taken_on": "2026-12-15"}
    response = client.post(url, {**row, "code": "C-NOBODY00"})
    assert response.status_code == 400 and TestResult.objects.count() == 0
    assert client.post(url, {**row, "code": first.candidate_code}).status_code == 302
    result = TestResult.objects.get()
    assert (result.application_id, result.score, result.maximum) == (first.pk, 14, 20)
    assert AuditEvent.objects.filter(event_type="TEST_RESULT_RECORDED").count() == 1


def test_the_chair_reads_which_candidates_are_short_of_scorers(client, competition, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CONCOURS_MIN_SCORERS = 3
    first, second = competition.applications[:2]
    declare_all(competition, "chair")
    declare_all(competition, "expert", {first.pk: "Former colleague."})
    client.force_login(competition.user("chair"))
    page = client.get(pages(competition)["agreement"][0]).content.decode()
    assert 'id="short-of-scorers"' in page
    warning = page.split('id="short-of-scorers"')[1].split("</p>")[0]
    assert first.candidate_code in warning and second.candidate_code not in warning


def test_the_chair_sees_scores_side_by_side_with_their_spread(client, competition) -> None:  # type: ignore[no-untyped-def]
    first = competition.applications[0]
    for key, value in (("chair", 2), ("expert", 4), ("manager", 3)):
        declare_all(competition, key)
        score(competition, key, first, value)
    client.force_login(competition.user("chair"))
    page = client.get(pages(competition)["agreement"][0]).content.decode()
    table = page.split(f'id="candidate-{first.candidate_code}"')[1].split("</table>")[0]
    cells = re.findall(r"<td>([^<]*)</td>", table)
    # per criterion: its name, three members' scores, the mean, the spread (4 - 2) and no agreed score yet
    assert cells[1:7] == ["2", "4", "3", "3.00", "2", "—"]


def test_a_recruiter_on_the_panel_who_declared_a_conflict_gets_404(client, competition) -> None:  # type: ignore[no-untyped-def]
    """An HR member with a recruiter's account sees identities, but not those of a candidate they declared
    a conflict with: the application's page and its files are 404 for them, not for other recruiters."""
    first, second = competition.applications[:2]
    hr = make_user(Role.RECRUITER)
    member = panel_member_add(vacancy=competition.vacancy, user=hr, role="hr", actor=competition.recruiter)
    declarations_record(
        member=member, answers={first.pk: (True, "My cousin."), second.pk: (False, "")}, actor=hr
    )
    client.force_login(hr)
    assert client.get(reverse("backoffice:application", args=[first.pk])).status_code == 404
    assert client.get(reverse("backoffice:attachment", args=[first.pk, "cv"])).status_code == 404
    assert client.get(reverse("backoffice:application", args=[second.pk])).status_code == 200
    client.force_login(competition.recruiter)
    assert client.get(reverse("backoffice:application", args=[first.pk])).status_code == 200


def test_a_scorecard_past_its_stage_is_shown_without_a_change_button(client, competition) -> None:  # type: ignore[no-untyped-def]
    """Past the stage, the member still reads their scorecard, but is not offered a change the service
    would refuse ("This candidate is not at this stage")."""
    declare_all(competition, "expert")
    first = competition.applications[0]
    score(competition, "expert", first, 4)
    client.force_login(competition.user("expert"))
    url = pages(competition)["scorecard"][0]
    assert "Change my submitted scores" in client.get(url).content.decode()
    Application.objects.filter(pk=first.pk).update(status=Application.Status.LONGLISTED)
    page = client.get(url).content.decode()
    assert "Change my submitted scores" not in page and 'name="submit"' not in page
    assert "This candidate has moved on from this stage" in page
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Ce candidat n’est plus à cette étape\u00a0: sa grille ne peut plus être modifiée." in french


def test_the_chair_reads_means_and_the_pass_rule_with_a_french_decimal_comma(client, competition) -> None:  # type: ignore[no-untyped-def]
    first = competition.applications[0]
    for key, value in (("chair", 2), ("expert", 4), ("manager", 4)):
        declare_all(competition, key)
        score(competition, key, first, value)
    client.force_login(competition.user("chair"))
    page = client.get(pages(competition)["agreement"][0], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    table = page.split(f'id="candidate-{first.candidate_code}"')[1].split("</table>")[0]
    cells = re.findall(r"<td>([^<]*)</td>", table)
    assert cells[1:5] == ["2", "4", "4", "3,33"]
    longlist = competition.stage("longlist")
    longlist.pass_rule, longlist.pass_value = Stage.PassRule.THRESHOLD, Decimal("3.5")
    longlist.save(update_fields=["pass_rule", "pass_value"])
    page = client.get(pages(competition)["ranking"][0], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "(≥ 3,5" in page and "(≥ 3.5" not in page
