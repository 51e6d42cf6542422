"""The selection report: made only from the records, in English or French, kept with its SHA-256 and
never changed; refused to those who may not read it, and nothing kept when making it fails."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pypdf
import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from weasyprint.urls import FatalURLFetchingError

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.assessment.scoring import stage_agreement
from concours.assessment.services import stage_plan_create
from concours.core.errors import DomainError, NotAllowed
from concours.core.models import AuditEvent, AuditEventType
from concours.selection.models import AppointingAuthority, Recommendation, SelectionReport
from concours.selection.report import (
    LADDER,
    count_reaching,
    pdf_from_html,
    report_gather,
    report_html,
)
from concours.selection.reporting import ReportAltered, report_bytes, report_make
from factories import ApplicationFactory, OrgUnitFactory, VacancyFactory, make_user
from selection_report_scenario import NAMES, POSTS, assessed_competition, decided_competition

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The PDF's text with its line breaks and no-break spaces read as plain spaces."""
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def stored(report: SelectionReport) -> bytes:
    with report.file.open("rb") as handle:
        return bytes(handle.read())


def test_the_report_names_both_posts_the_decisions_and_the_figures(media_files) -> None:  # type: ignore[no-untyped-def]
    competition, _recommendation = decided_competition()
    report = report_make(vacancy=competition.vacancy, language="en", actor=competition.recruiter)

    data = stored(report)
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == report.sha256
    assert media_files() == [Path(report.file.path)]
    text = pdf_text(data)
    for post in POSTS:
        assert post in text
    # The selections with their reasons, the reserve list and the one not selected, by name.
    assert "Alice Martin" in text and "First in the ranking." in text
    assert "Bruno Keller" in text and "Second in the ranking; procurement experience." in text
    assert "Chiara Rossi" in text and "Suitable; met every required level." in text
    assert "Dimitri Novak" in text and "Below the required level in teamwork." in text
    assert "Approved by the appointing authority, Authority Person" in text
    assert "Say why the second post goes to the second candidate." in text
    # The panel's declarations, the consensus reason, the agreement figure and the breakdown.
    assert "Worked for the candidate until 2024." in text
    assert "Examples at the interview stayed general." in text
    found = stage_agreement(competition.stage("final"))
    assert found is not None
    figures, _card = found
    assert figures.overall.value is not None
    assert f"Overall alpha: {figures.overall.value:.3f}" in text
    assert "Achievement" in text and "Teamwork" in text and "Weighted total" in text
    event = AuditEvent.objects.get(event_type=AuditEventType.SELECTION_REPORT_MADE)
    assert event.extra["sha256"] == report.sha256 and event.extra["language"] == "en"
    assert event.actor == competition.recruiter


def test_the_french_report_is_in_french() -> None:
    competition, _recommendation = decided_competition()
    report = report_make(vacancy=competition.vacancy, language="fr", actor=competition.recruiter)
    text = pdf_text(stored(report))
    assert "Rapport de sélection" in text
    assert "Les décisions" in text and "La liste de réserve" in text
    assert competition.vacancy.title_fr in text
    assert "Liste de réserve" in text and "Non retenue" in text
    assert "Approuvée par l’autorité de nomination, Authority Person" in text
    for post in POSTS:
        assert post in text
    for english in ("The decisions", "The reserve list", "Selection report", "Weighted total", "Considered"):
        assert english not in text
    assert report.language == "fr"


POSTS_FR = ("Chef de la Section Capacités", "Chef de la Section Achats")


def test_the_french_report_names_the_posts_in_french() -> None:
    """Where the French notice names the posts, the French report does, wherever a post is named: the
    vacancy's posts, the selection per post (the decision) and the reserve list's offers."""
    competition, _recommendation = decided_competition()
    vacancy = competition.vacancy
    posts = list(vacancy.posts.order_by("id"))
    vacancy.notice_fr = {
        **vacancy.notice_fr,
        "posts": [{"reference": p.reference, "title": t} for p, t in zip(posts, POSTS_FR, strict=True)],
    }
    vacancy.save(update_fields=["notice_fr"])
    data = report_gather(
        vacancy=vacancy, language="fr", made_at=timezone.now(), made_by=competition.recruiter
    )
    assert [line.title for line in data.posts] == list(POSTS_FR)
    assert data.decision is not None
    assert {line.post for line in data.decision.selections} == {
        f"{t} ({p.reference})" for p, t in zip(posts, POSTS_FR, strict=True)
    }
    text = pdf_text(stored(report_make(vacancy=vacancy, language="fr", actor=competition.recruiter)))
    for french, english in zip(POSTS_FR, POSTS, strict=True):
        assert french in text and english not in text
    english = report_gather(
        vacancy=vacancy, language="en", made_at=timezone.now(), made_by=competition.recruiter
    )
    assert [line.title for line in english.posts] == list(POSTS)


def test_parts_read_from_the_records() -> None:
    """Counts follow each application's history; the ranking is the recommendation's, in rank order."""
    competition, recommendation = decided_competition()
    data = report_gather(
        vacancy=competition.vacancy, language="en", made_at=timezone.now(), made_by=competition.recruiter
    )
    counts = {c.stage: (c.considered, c.went_on) for c in data.counts}
    assert counts["Eligibility screening"] == (4, 4)
    assert counts["Longlist (CV and essay)"] == (4, 4)
    assert counts["Pre-selection test"] == (4, None)
    assert counts["Selection"] == (4, 2)
    assert dict(data.applications) == {"Selected": 2, "Reserve list": 1, "Not selected": 1}
    assert data.ranking is not None
    assert [row.candidate for row in data.ranking.rows] == list(NAMES)
    assert [str(row.total) for row in data.ranking.rows] == ["5.00", "4.00", "3.00", "2.00"]
    assert not data.ranking.changed_since_recommendation
    assert [(m.name, m.conflicts) for m in data.panel] == [
        ("Chair Member", 0),
        ("Expert Member", 1),
        ("Manager Member", 0),
        ("Observer Member", 0),
    ]
    assert [c.candidate for c in data.conflicts] == ["Dimitri Novak"]
    assert data.decision is not None and data.decision.final
    assert [s.post for s in data.decision.selections] == [
        str(p) for p in competition.vacancy.posts.order_by("id")
    ]
    assert [line.candidate for line in data.reserve] == ["Chiara Rossi"]
    # The ranking kept with the recommendation no longer matches: the report says so.
    recommendation.ranking = [{**row, "rank": 1} for row in recommendation.ranking]
    recommendation.save()
    again = report_gather(
        vacancy=competition.vacancy, language="en", made_at=timezone.now(), made_by=competition.recruiter
    )
    assert again.ranking is not None and again.ranking.changed_since_recommendation


def test_the_same_records_give_the_same_document() -> None:
    competition = assessed_competition()
    moment = timezone.now()
    first, second = (
        report_html(
            report_gather(
                vacancy=competition.vacancy, language="fr", made_at=moment, made_by=competition.recruiter
            )
        )
        for _ in range(2)
    )
    assert first == second


def test_without_a_decision_the_report_says_so() -> None:
    competition = assessed_competition()
    report = report_make(vacancy=competition.vacancy, language="en", actor=competition.recruiter)
    text = pdf_text(stored(report))
    assert "No decision yet: no recommendation has been drawn up for this vacancy." in text
    assert "No one is on the reserve list." in text
    assert "Dimitri Novak" in text  # the ranking is there all the same


def test_a_recommendation_not_yet_approved_is_not_final() -> None:
    competition = assessed_competition()
    Recommendation.objects.create(
        vacancy=competition.vacancy, status=Recommendation.Status.SUBMITTED, drawn_by=competition.recruiter
    )
    text = pdf_text(
        stored(report_make(vacancy=competition.vacancy, language="en", actor=competition.recruiter))
    )
    assert "Not final" in text and "has not approved it" in text


def test_a_vacancy_with_no_plan_yet_still_gives_a_report() -> None:
    vacancy = VacancyFactory(posts=1)
    report = report_make(vacancy=vacancy, language="fr", actor=make_user(Role.ADMINISTRATOR))
    text = pdf_text(stored(report))
    assert "Aucune décision" in text and "Aucun classement" in text


def test_a_report_cannot_be_changed() -> None:
    vacancy = VacancyFactory()
    report = report_make(vacancy=vacancy, language="en", actor=make_user(Role.RECRUITER))
    report.language = "fr"
    with pytest.raises(ValueError):
        report.save()
    assert SelectionReport.objects.get().language == "en"
    # The admin shows a report but offers no way to add, change or delete one.
    model_admin = admin.site._registry[SelectionReport]
    request = RequestFactory().get("/")
    request.user = make_user(Role.ADMINISTRATOR, is_superuser=True, is_staff=True)
    assert not model_admin.has_change_permission(request, report)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request, report)


def test_the_admin_does_not_change_a_report(client) -> None:  # type: ignore[no-untyped-def]
    report = report_make(vacancy=VacancyFactory(), language="en", actor=make_user(Role.RECRUITER))
    client.force_login(make_user(Role.ADMINISTRATOR, is_superuser=True, is_staff=True))
    url = reverse("admin:selection_selectionreport_change", args=[report.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(url, {"language": "fr", "sha256": "0" * 64}).status_code == 403
    assert SelectionReport.objects.get().language == "en"


def test_a_stored_file_that_no_longer_matches_is_refused() -> None:
    report = report_make(vacancy=VacancyFactory(), language="en", actor=make_user(Role.RECRUITER))
    assert report_bytes(report) == stored(report)
    Path(report.file.path).write_bytes(stored(report) + b"\n% altered")
    with pytest.raises(ReportAltered):
        report_bytes(report)


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.HIRING_MANAGER, Role.CANDIDATE])
def test_wrong_roles_are_refused_and_leave_nothing(role: Role, media_files) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    with pytest.raises(NotAllowed):
        report_make(vacancy=vacancy, language="en", actor=make_user(role))
    assert not SelectionReport.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SELECTION_REPORT_MADE).exists()
    assert media_files() == []


def test_only_the_authority_of_the_vacancy_s_unit() -> None:
    parent = OrgUnitFactory()
    unit = OrgUnitFactory(parent=parent)
    vacancy = VacancyFactory(unit=unit)
    above = make_user(Role.APPOINTING_AUTHORITY)
    elsewhere = make_user(Role.APPOINTING_AUTHORITY)
    AppointingAuthority.objects.create(unit=parent, user=above)
    AppointingAuthority.objects.create(unit=OrgUnitFactory(), user=elsewhere)
    with pytest.raises(NotAllowed):
        report_make(vacancy=vacancy, language="en", actor=elsewhere)
    # Named for the unit above, with no one named lower: theirs.
    assert report_make(vacancy=vacancy, language="en", actor=above).made_by == above


def test_a_failure_leaves_no_record(settings, tmp_path, media_files) -> None:  # type: ignore[no-untyped-def]
    """A report that refers to anything outside itself is not made: no row, no file, no audit."""
    with pytest.raises(DomainError):
        report_make(vacancy=VacancyFactory(), language="de", actor=make_user(Role.RECRUITER))
    documents = tmp_path / "templates" / "selection" / "documents"
    documents.mkdir(parents=True)
    (documents / "report.html").write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.example.org/a.css"></head>'
        "<body>{{ report.vacancy.title }}</body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates"]}]
    with pytest.raises(FatalURLFetchingError):
        report_make(vacancy=VacancyFactory(), language="en", actor=make_user(Role.RECRUITER))
    assert not SelectionReport.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SELECTION_REPORT_MADE).exists()
    assert media_files() == []


@pytest.mark.parametrize(
    "html",
    [
        '<img src="https://example.org/logo.png">',
        '<img src="file:///etc/passwd">',
        "<style>@font-face { font-family: x; src: url(http://example.org/x.woff); }"
        " p { font-family: x }</style><p>x</p>",
    ],
)
def test_the_pdf_fetches_nothing(html: str) -> None:
    with pytest.raises(FatalURLFetchingError):
        pdf_from_html(f"<html><body>{html}</body></html>")


def test_a_plain_document_renders() -> None:
    assert pdf_from_html("<html><body><p>Rapport</p></body></html>").startswith(b"%PDF-")


STATES = st.sets(st.sampled_from([s.value for s in Application.Status if s != Application.Status.DRAFT]))


@given(st.lists(STATES, max_size=12))
def test_counts_never_grow_down_the_ladder(histories: list[set[str]]) -> None:
    reaching = [count_reaching(histories, status) for status in LADDER]
    assert reaching == sorted(reaching, reverse=True)
    # Every state but a draft or a withdrawal (a draft may be withdrawn) follows a submission.
    submitted = {s.value for s in Application.Status} - {"draft", "withdrawn"}
    assert reaching[0] == sum(1 for states in histories if states & submitted)
    # Whoever was selected or put on the reserve list was shortlisted.
    decided = sum(1 for states in histories if states & {"selected", "reserve"})
    assert count_reaching(histories, Application.Status.SHORTLISTED) >= decided


def test_an_application_without_its_earlier_states_counts_for_them() -> None:
    """Counting by history: a selected application created straight in its state still counts at
    every step before it."""
    vacancy = VacancyFactory()
    recruiter = make_user(Role.RECRUITER)
    stage_plan_create(vacancy=vacancy, actor=recruiter)
    ApplicationFactory(vacancy=vacancy, status=Application.Status.SELECTED)
    ApplicationFactory(vacancy=vacancy, status=Application.Status.SCREENED_OUT)
    ApplicationFactory(vacancy=vacancy, status=Application.Status.DRAFT)
    data = report_gather(vacancy=vacancy, language="en", made_at=timezone.now(), made_by=recruiter)
    assert dict(data.applications) == {"Screened out": 1, "Selected": 1}
    counts = {c.stage: (c.considered, c.went_on) for c in data.counts}
    assert counts["Eligibility screening"] == (2, 1)
    assert counts["Shortlist"] == (1, 1)
    assert counts["Selection"] == (1, 1)
