"""The selection reports page: make a report in English or French, list those made with their SHA-256
and moment, download each through the permission-checked view; refused to panels, hiring managers and
candidates, and to an appointing authority of another unit."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import lxml.html
import pypdf
import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.core.models import AuditEvent, AuditEventType
from concours.selection.models import AppointingAuthority, SelectionReport
from concours.selection.reporting import report_make
from factories import OrgUnitFactory, VacancyFactory, make_user
from selection_report_scenario import POSTS, decided_competition

pytestmark = pytest.mark.django_db


def test_a_recruiter_makes_a_french_report_lists_and_downloads_it(client) -> None:  # type: ignore[no-untyped-def]
    competition, _recommendation = decided_competition()
    vacancy = competition.vacancy
    client.force_login(competition.recruiter)
    url = reverse("backoffice:selection_reports", args=[vacancy.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert page.status_code == 200
    assert (
        "Rapports de sélection" in page.content.decode() and "Aucun rapport établi" in page.content.decode()
    )

    response = client.post(url, {"language": "fr"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    report = SelectionReport.objects.get()
    assert report.language == "fr" and report.made_by == competition.recruiter

    listed = lxml.html.fromstring(client.get(url).content)
    row = listed.get_element_by_id(f"report-{report.pk}")
    assert report.sha256 in row.text_content()
    link = row.xpath(".//a/@href")[0]
    assert link == reverse("backoffice:selection_report_download", args=[report.pk])
    # Downloaded through the view, never from a public media URL.
    assert "/media/" not in link and not re.search(r"\.pdf$", link)

    download = client.get(link)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert hashlib.sha256(download.content).hexdigest() == report.sha256
    text = " ".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(download.content)).pages
    ).replace("\u00a0", " ")
    text = " ".join(text.split())
    for post in POSTS:
        assert post in text
    assert "Les décisions" in text and "Alice Martin" in text and "Bruno Keller" in text


def test_the_page_in_french_and_english(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    client.force_login(make_user(Role.ADMINISTRATOR))
    url = reverse("backoffice:selection_reports", args=[vacancy.pk])
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Établir le rapport" in french and "Make the report" not in french
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Make the report" in english
    index = client.get(reverse("backoffice:selection_report_index"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Aucun avis de vacance" in index.content.decode()


@pytest.mark.parametrize(
    ("role", "linked"),
    [
        (Role.RECRUITER, True),
        (Role.ADMINISTRATOR, True),
        (Role.APPOINTING_AUTHORITY, True),
        (Role.PANEL_MEMBER, False),
        (Role.HIRING_MANAGER, False),
        (Role.CANDIDATE, False),
    ],
)
def test_the_menu_links_the_reports_for_those_who_may_read_them(client, role: Role, linked: bool) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user(role))
    page = lxml.html.fromstring(client.get(reverse("vacancies:list")).content)
    links = page.xpath('//a[@id="selection-reports-link"]/@href')
    assert links == ([reverse("backoffice:selection_report_index")] if linked else [])


def _pages(vacancy_id: int, report_id: int) -> list[str]:
    return [
        reverse("backoffice:selection_report_index"),
        reverse("backoffice:selection_reports", args=[vacancy_id]),
        reverse("backoffice:selection_report_download", args=[report_id]),
    ]


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.HIRING_MANAGER, Role.CANDIDATE])
def test_wrong_roles_are_refused_and_make_nothing(client, role: Role, media_files) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    report = report_make(vacancy=vacancy, language="en", actor=make_user(Role.RECRUITER))
    files = media_files()
    client.force_login(make_user(role))
    for url in _pages(vacancy.pk, report.pk):
        assert client.get(url).status_code == 403, url
    url = reverse("backoffice:selection_reports", args=[vacancy.pk])
    assert client.post(url, {"language": "en"}).status_code == 403
    assert SelectionReport.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.SELECTION_REPORT_MADE).count() == 1
    assert media_files() == files


def test_anonymous_visitors_are_sent_to_log_in(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    report = report_make(vacancy=vacancy, language="en", actor=make_user(Role.RECRUITER))
    for url in _pages(vacancy.pk, report.pk):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_the_appointing_authority_of_the_unit_only(client) -> None:  # type: ignore[no-untyped-def]
    unit = OrgUnitFactory()
    vacancy = VacancyFactory(unit=unit)
    other = VacancyFactory()
    authority = make_user(Role.APPOINTING_AUTHORITY)
    AppointingAuthority.objects.create(unit=unit, user=authority)
    elsewhere = make_user(Role.APPOINTING_AUTHORITY)
    AppointingAuthority.objects.create(unit=other.unit, user=elsewhere)
    mine = report_make(vacancy=vacancy, language="en", actor=make_user(Role.RECRUITER))

    client.force_login(elsewhere)
    for url in _pages(vacancy.pk, mine.pk)[1:]:
        assert client.get(url).status_code == 404, url
    assert client.post(_pages(vacancy.pk, mine.pk)[1], {"language": "en"}).status_code == 404
    assert SelectionReport.objects.count() == 1

    client.force_login(authority)
    url = reverse("backoffice:selection_reports", args=[vacancy.pk])
    assert client.post(url, {"language": "en"}).status_code == 302
    assert SelectionReport.objects.filter(made_by=authority).count() == 1
    assert client.get(_pages(vacancy.pk, mine.pk)[2]).status_code == 200


def test_a_language_other_than_english_or_french_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    client.force_login(make_user(Role.RECRUITER))
    response = client.post(reverse("backoffice:selection_reports", args=[vacancy.pk]), {"language": "de"})
    assert response.status_code == 400
    assert not SelectionReport.objects.exists()


def test_an_altered_file_is_not_handed_out(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    recruiter = make_user(Role.RECRUITER)
    report = report_make(vacancy=vacancy, language="en", actor=recruiter)
    path = Path(report.file.path)
    path.write_bytes(path.read_bytes() + b"\n% altered")
    client.force_login(recruiter)
    response = client.get(reverse("backoffice:selection_report_download", args=[report.pk]))
    assert response.status_code == 409
    assert b"no longer matches" in response.content
