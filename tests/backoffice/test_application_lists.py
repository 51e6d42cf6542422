"""Finding things in the back office: counts per vacancy, sorting and name search for recruiters (never
for panels' blind lists), CSV export, and reasons written about the candidate, not to them."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit, application_transition
from concours.backoffice.export import csv_cell
from concours.core.audit import audit_events_for
from concours.core.models import AuditEventType
from concours.screening.services import application_screen
from factories import (
    ApplicationFactory,
    AssignmentFactory,
    ProfileFactory,
    VacancyFactory,
    cv_upload,
    make_user,
)

pytestmark = pytest.mark.django_db
S = Application.Status


def submitted(vacancy, name: str, nationalities: list[str] | None = None) -> Application:  # type: ignore[no-untyped-def]
    profile = ProfileFactory(name=name, nationalities=nationalities or ["BE"])
    return application_submit(
        candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user
    )


def names_in(page: str, *names: str) -> list[str]:
    """The names, in the order the page shows them."""
    return sorted((name for name in names if name in page), key=page.index)


def test_the_vacancy_list_shows_each_vacancys_application_count_to_recruiters(client) -> None:  # type: ignore[no-untyped-def]
    """Drafts are the candidates' own and are not counted; those still to screen are counted apart."""
    busy, quiet = VacancyFactory(), VacancyFactory()
    submitted(busy, "Ana Ferreira")
    application_transition(
        application=submitted(busy, "Bo Lindqvist"),
        to=S.SCREENED_IN,
        reason="ok",
        actor=make_user(Role.RECRUITER),
    )
    ApplicationFactory(vacancy=busy)  # a draft
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:vacancies")).content.decode()
    rows = {
        vacancy.pk: page[page.index(vacancy.localized_title()) :].split("</tr>")[0]
        for vacancy in (busy, quiet)
    }
    assert '<td class="applications-count">2 <small>(1 to screen)</small></td>' in rows[busy.pk]
    assert '<td class="applications-count">0</td>' in rows[quiet.pk]


def test_panel_members_see_no_counts(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    submitted(vacancy, "Ana Ferreira")
    client.force_login(AssignmentFactory(vacancy=vacancy).user)
    assert "applications-count" not in client.get(reverse("backoffice:vacancies")).content.decode()


def test_the_recruiter_sorts_and_searches_applications_by_name(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    names = ["Chloé Martin", "Ana Ferreira", "Bo Lindqvist"]
    for name in names:
        submitted(vacancy, name)
    client.force_login(make_user(Role.RECRUITER))
    url = reverse("backoffice:vacancy", args=[vacancy.pk])
    assert names_in(client.get(url).content.decode(), *names) == sorted(names)
    assert names_in(client.get(url, {"sort": "-name"}).content.decode(), *names) == sorted(
        names, reverse=True
    )
    # Latest submitted first: the order they were submitted in, backwards.
    assert names_in(client.get(url, {"sort": "-submitted"}).content.decode(), *names) == names[::-1]
    found = client.get(url, {"q": "lindq"}).content.decode()
    assert names_in(found, *names) == ["Bo Lindqvist"]


def test_a_panel_members_list_is_never_searched_by_name_and_stays_ordered_by_code(client) -> None:  # type: ignore[no-untyped-def]
    """A name typed in the address must not narrow a blind list: the list would tell who applied."""
    vacancy = VacancyFactory()
    recruiter = make_user(Role.RECRUITER)
    applications = [submitted(vacancy, name) for name in ("Ana Ferreira", "Bo Lindqvist", "Chloé Martin")]
    for application in applications:
        application_transition(application=application, to=S.SCREENED_IN, reason="ok", actor=recruiter)
    client.force_login(AssignmentFactory(vacancy=vacancy).user)
    url = reverse("backoffice:vacancy", args=[vacancy.pk])
    codes = sorted(application.candidate_code for application in applications)
    for query in ({}, {"q": "Lindqvist", "sort": "-name"}):
        page = client.get(url, query).content.decode()
        assert names_in(page, *codes) == codes and "Bo Lindqvist" not in page


def test_the_recruiter_exports_the_list_as_it_is_filtered(client) -> None:  # type: ignore[no-untyped-def]
    """Streamed; every row of the filter, none of the others; a name typed as a formula is defused."""
    vacancy = VacancyFactory(reference="260142")
    recruiter = make_user(Role.RECRUITER)
    kept = submitted(vacancy, '=HYPERLINK("http://x")')
    other = submitted(vacancy, "Bo Lindqvist")
    application_transition(application=other, to=S.SCREENED_OUT, reason="No degree", actor=recruiter)
    client.force_login(recruiter)
    response = client.get(reverse("backoffice:export", args=[vacancy.pk]), {"status": S.SUBMITTED})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="applications-260142.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == ["Candidate code", "Name", "Email", "State", "Eligibility", "Submitted"]
    assert rows[1][:5] == [
        kept.candidate_code,
        '\'=HYPERLINK("http://x")',
        kept.candidate.user.email,
        "Submitted",
        "Not screened",
    ]
    assert len(rows) == 2
    event = audit_events_for(vacancy).get(event_type=AuditEventType.APPLICATIONS_EXPORTED)
    assert event.actor == recruiter and event.extra["filters"]["status"] == S.SUBMITTED


@pytest.mark.parametrize("value", ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_quote(value: str) -> None:
    assert csv_cell(value) == "'" + value


def test_a_plain_cell_is_kept_as_it_is() -> None:
    assert [csv_cell(v) for v in ("Ana Ferreira", "a=b", "", None, 3)] == ["Ana Ferreira", "a=b", "", "", "3"]


@pytest.mark.parametrize("role", list(Role))
def test_export_and_bulk_move_refuse_every_other_role(client, role: Role) -> None:  # type: ignore[no-untyped-def]
    """Recruiters and administrators only: a panel member assigned to the vacancy is refused too."""
    vacancy = VacancyFactory()
    application = submitted(vacancy, "Ana Ferreira")
    user = make_user(role)
    if role in {Role.PANEL_MEMBER, Role.HIRING_MANAGER}:
        AssignmentFactory(vacancy=vacancy, user=user)
    client.force_login(user)
    export = client.get(reverse("backoffice:export", args=[vacancy.pk]))
    move = client.post(
        reverse("backoffice:bulk_move", args=[vacancy.pk]),
        {
            "selected": [f"{application.pk}:{S.SUBMITTED}"],
            "to": S.SCREENED_IN,
            "reason": "x",
            "confirm": "on",
        },
    )
    if role in {Role.RECRUITER, Role.ADMINISTRATOR}:
        assert (export.status_code, move.status_code) == (200, 302)
    else:
        assert (export.status_code, move.status_code) == (403, 403)
        assert Application.objects.get(pk=application.pk).status == S.SUBMITTED
        assert not audit_events_for(vacancy).filter(event_type=AuditEventType.APPLICATIONS_EXPORTED).exists()


def test_the_recruiter_reads_the_reasons_about_the_candidate_not_to_them(client) -> None:  # type: ignore[no-untyped-def]
    """The bug: the back office said "none of your nationalities" about a candidate."""
    application = submitted(VacancyFactory(), "Ana Ferreira", nationalities=["CH"])
    application_screen(application=application)
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert "none of the candidate&#x27;s nationalities (Switzerland)" in page
    assert "your nationalit" not in page
    client.force_login(application.candidate.user)
    own = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "the candidate&#x27;s" not in own
