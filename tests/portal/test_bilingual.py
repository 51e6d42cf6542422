"""The portal in the reader's language: each section of a notice in French for a French reader, the
English text (said so) where the French notice lacks it; deadlines and dates written out; French spacing."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from concours.applications.services import application_submit
from concours.vacancies.models import Vacancy
from factories import ProfileFactory, VacancyFactory, cv_upload

pytestmark = pytest.mark.django_db
NB = "\u00a0"
# 1 December 2030 at 23:59 in Brussels: the first of a month, so French writes "1er".
DEADLINE = dt.datetime(2030, 12, 1, 23, 59, tzinfo=ZoneInfo("Europe/Brussels"))


def bilingual_vacancy() -> Vacancy:
    vacancy: Vacancy = VacancyFactory(
        title="Policy Officer (Arms Control)",
        title_fr="Chargé(e) de politique (maîtrise des armements)",
        deadline=DEADLINE,
    )
    vacancy.notice.update(
        principal_issues=["the Treaty on Conventional Armed Forces in Europe;"],
        key_challenges=["drafting analyses for the Council at short notice;"],
        essential_qualifications=["have a university degree in a relevant field;"],
        competencies=[{"name": "Analytical thinking", "level": "Level 3"}],
    )
    # The French notice has no principal issues: French readers get the English ones, said so.
    vacancy.notice_fr = {
        "title": vacancy.title_fr,
        "key_challenges": ["rédiger des analyses pour le Conseil dans des délais courts ;"],
        "essential_qualifications": ["être titulaire d'un diplôme universitaire ;"],
        "competencies": [{"name": "Esprit d'analyse", "level": "niveau 3"}],
    }
    vacancy.save()
    return vacancy


def section(html: str, key: str) -> str:
    found = re.search(rf'<section class="card" id="{key}">(.*?)</section>', html, re.DOTALL)
    assert found, key
    return found[1]


def page(client: Client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_french_reader_sees_the_french_sections_and_is_told_of_the_english_one(client: Client) -> None:
    vacancy = bilingual_vacancy()
    html = page(client, reverse("vacancies:detail", args=[vacancy.pk]), "fr")
    assert "<h1>Chargé(e) de politique (maîtrise des armements)</h1>" in html
    challenges = section(html, "key_challenges")
    assert "rédiger des analyses" in challenges and "drafting" not in challenges
    assert "publiée qu’en anglais" not in challenges
    assert "Esprit d&#x27;analyse" in section(html, "competencies")
    issues = section(html, "principal_issues")
    assert "Cette section n’est publiée qu’en anglais." in issues
    assert '<div lang="en">' in issues and "Conventional Armed Forces" in issues
    assert "in Europe;</li>" in issues  # English text keeps English spacing on a French page


def test_an_english_reader_sees_english_without_a_note(client: Client) -> None:
    vacancy = bilingual_vacancy()
    html = page(client, reverse("vacancies:detail", args=[vacancy.pk]), "en")
    assert "drafting analyses" in section(html, "key_challenges")
    assert "published in" not in html and "rédiger" not in html


def test_an_english_reader_is_told_of_a_section_published_in_french_only(client: Client) -> None:
    vacancy = bilingual_vacancy()
    vacancy.notice_fr["desirable_qualifications"] = ["la connaissance du russe."]
    vacancy.save()
    html = page(client, reverse("vacancies:detail", args=[vacancy.pk]), "en")
    desirable = section(html, "desirable")
    assert "This section is published in French only." in desirable and '<div lang="fr">' in desirable


def test_the_deadline_is_written_out_with_its_place_in_both_languages(client: Client) -> None:
    vacancy = bilingual_vacancy()
    url = reverse("vacancies:detail", args=[vacancy.pk])
    assert "1 December 2030, 23:59 (Brussels time)" in page(client, url, "en")
    assert f"1er décembre 2030, 23{NB}h{NB}59 (heure de Bruxelles)" in page(client, url, "fr")
    listing = page(client, reverse("vacancies:list"), "fr")
    assert f"Date limite{NB}: 1er décembre 2030, 23{NB}h{NB}59" in listing


def test_french_pages_have_no_break_spaces_before_high_signs(client: Client) -> None:
    """Labels composed in templates ("Date limite :", "État :") and catalogue texts alike."""
    vacancy = bilingual_vacancy()
    profile = ProfileFactory()
    client.force_login(profile.user)
    before = [
        reverse("vacancies:list"),
        reverse("vacancies:detail", args=[vacancy.pk]),
        reverse("applications:apply", args=[vacancy.pk]),
    ]
    pages = {url: page(client, url, "fr") for url in before}
    application = application_submit(
        candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user
    )
    for url in (reverse("applications:detail", args=[application.pk]), reverse("applications:list")):
        pages[url] = page(client, url, "fr")
    for url, html in pages.items():
        # Text marked as English (a section published in English only) keeps English spacing.
        french = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", html, flags=re.DOTALL)
        text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", french, flags=re.DOTALL)
        wrong = re.search(r".{0,20}\w ?[:;!?](?=\s)", text)
        assert wrong is None, (url, wrong and wrong[0])


def test_the_application_page_writes_its_dates_out_in_french(client: Client) -> None:
    vacancy = bilingual_vacancy()
    profile = ProfileFactory()
    client.force_login(profile.user)
    apply_page = page(client, reverse("applications:apply", args=[vacancy.pk]), "fr")
    assert f"Date limite{NB}: 1er décembre 2030, 23{NB}h{NB}59 (heure de Bruxelles)" in apply_page
    submitted_at = dt.datetime(2030, 11, 1, 9, 5, tzinfo=ZoneInfo("Europe/Brussels"))
    application = application_submit(
        candidate=profile,
        vacancy=vacancy,
        cv=cv_upload(),
        essay=None,
        actor=profile.user,
        now=submitted_at,
    )
    html = page(client, reverse("applications:detail", args=[application.pk]), "fr")
    assert f"1er novembre 2030, 9{NB}h{NB}05" in html
    listing = page(client, reverse("applications:list"), "fr")
    assert f"1er novembre 2030, 9{NB}h{NB}05" in listing
