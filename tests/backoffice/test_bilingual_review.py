"""The recruiter imports a notice in both languages through the page and compares the two versions."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bilingual_notices import ENGLISH, FRENCH
from concours.accounts.models import Role
from concours.core.models import AuditEvent
from concours.vacancies.models import Vacancy
from factories import VacancyFactory, make_user

pytestmark = pytest.mark.django_db


def row(html: str, key: str) -> tuple[str, str]:
    found = re.search(
        rf'<tr id="version-{key}">.*?<td lang="en">(.*?)</td>\s*<td lang="fr">(.*?)</td>', html, re.S
    )
    assert found, key
    return found[1], found[2]


def test_both_notices_sent_together_make_one_vacancy_in_two_languages(client: Client) -> None:
    """The French file first: the page still reads the English one first, then fills the French version."""
    client.force_login(make_user(Role.RECRUITER))
    files = [
        SimpleUploadedFile("avis.txt", FRENCH.encode()),
        SimpleUploadedFile("notice.txt", ENGLISH.encode()),
    ]
    report = client.post(reverse("backoffice:import"), {"notices": files}).content.decode()
    rows = re.findall(r"<tr><td>(.*?)</td>\s*<td>(.*?)</td>", report)
    assert rows == [("avis.txt", "updated"), ("notice.txt", "created")]
    vacancy = Vacancy.objects.get()
    html = client.get(reverse("backoffice:review", args=[vacancy.pk])).content.decode()
    english, french = row(html, "key_challenges")
    assert "drafting analyses" in english and "rédiger des analyses" in french
    english, french = row(html, "principal_issues")
    assert "Conventional Armed Forces" in english and "forces armées conventionnelles" in french
    assert 'id="french-source"' in html and "CONDITIONS ESSENTIELLES" in html
    assert 'id="no-french-notice"' not in html


def test_the_review_page_says_when_there_is_no_french_notice(client: Client) -> None:
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT)
    client.force_login(make_user(Role.RECRUITER))
    html = client.get(reverse("backoffice:review", args=[vacancy.pk])).content.decode()
    assert 'id="no-french-notice"' in html
    english, french = row(html, "key_challenges")
    assert "Lead the policy work" in english and "Not in this version" in french


def test_the_review_page_says_when_the_english_notice_is_still_to_come(client: Client) -> None:
    client.force_login(make_user(Role.RECRUITER))
    client.post(reverse("backoffice:import"), {"notices": [SimpleUploadedFile("avis.txt", FRENCH.encode())]})
    vacancy = Vacancy.objects.get()
    html = client.get(reverse("backoffice:review", args=[vacancy.pk])).content.decode()
    assert 'id="no-english-notice"' in html and 'id="no-french-notice"' not in html
    english, french = row(html, "key_challenges")
    assert "Not in this version" in english and "rédiger des analyses" in french
    client.post(
        reverse("backoffice:import"), {"notices": [SimpleUploadedFile("notice.txt", ENGLISH.encode())]}
    )
    html = client.get(reverse("backoffice:review", args=[vacancy.pk])).content.decode()
    assert 'id="no-english-notice"' not in html
    english, french = row(html, "key_challenges")
    assert "drafting analyses" in english and "rédiger des analyses" in french


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.PANEL_MEMBER, Role.HIRING_MANAGER])
def test_other_roles_neither_import_nor_see_the_versions(client: Client, role: Role) -> None:
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT)
    client.force_login(make_user(role))
    files = [SimpleUploadedFile("notice.txt", ENGLISH.encode())]
    assert client.post(reverse("backoffice:import"), {"notices": files}).status_code == 403
    assert client.get(reverse("backoffice:review", args=[vacancy.pk])).status_code == 403
    assert Vacancy.objects.count() == 1


def french_data(vacancy: Vacancy, **changes: str) -> dict[str, str]:
    data = {
        "seen": vacancy.updated_at.isoformat(),
        "fr-title_fr": "Chargé(e) de politique",
        "fr-reports_to": "",
        "fr-principal_issues": "",
        "fr-key_challenges": "rédiger des analyses ;\nanimer un réseau d'experts.",
        "fr-essential_qualifications": "être titulaire d'un diplôme universitaire ;",
        "fr-desirable_qualifications": "",
        "fr-competencies": "Esprit d'analyse : niveau 3",
        "fr-selection_timeline": "",
    }
    return {**data, **{f"fr-{key}": value for key, value in changes.items()}}


def test_the_recruiter_corrects_the_french_version(client: Client) -> None:
    vacancy = VacancyFactory(status=Vacancy.Status.PUBLISHED)
    recruiter = make_user(Role.RECRUITER)
    client.force_login(recruiter)
    response = client.post(reverse("backoffice:review_french", args=[vacancy.pk]), french_data(vacancy))
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.title_fr == "Chargé(e) de politique"
    assert vacancy.notice_fr["key_challenges"] == ["rédiger des analyses ;", "animer un réseau d'experts."]
    assert vacancy.notice_fr["competencies"] == [{"name": "Esprit d'analyse", "level": "niveau 3"}]
    assert vacancy.notice["key_challenges"] == ["Lead the policy work of the section."]  # English kept
    event = AuditEvent.objects.filter(event_type="VACANCY_UPDATED").latest("id")
    assert event.actor == recruiter and event.extra["language"] == "fr"
    assert "fr:key_challenges" in event.extra["changed"]
    html = client.get(reverse("vacancies:detail", args=[vacancy.pk]), HTTP_ACCEPT_LANGUAGE="fr").content
    assert "rédiger des analyses" in html.decode()


def test_a_stale_french_edit_is_refused_and_changes_nothing(client: Client) -> None:
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT)
    client.force_login(make_user(Role.RECRUITER))
    stale = french_data(vacancy)
    Vacancy.objects.filter(pk=vacancy.pk).update(title_fr="Changé ailleurs")
    vacancy.save()  # another edit since the page was opened: a new updated_at
    events = AuditEvent.objects.count()
    response = client.post(reverse("backoffice:review_french", args=[vacancy.pk]), stale)
    assert response.status_code == 409
    vacancy.refresh_from_db()
    assert vacancy.notice_fr == {} and AuditEvent.objects.count() == events


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.PANEL_MEMBER, Role.HIRING_MANAGER])
def test_other_roles_cannot_correct_the_french_version(client: Client, role: Role) -> None:
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT)
    client.force_login(make_user(role))
    response = client.post(reverse("backoffice:review_french", args=[vacancy.pk]), french_data(vacancy))
    assert response.status_code == 403
    vacancy.refresh_from_db()
    assert vacancy.notice_fr == {}
