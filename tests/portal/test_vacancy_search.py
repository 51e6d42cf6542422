"""Finding a vacancy on the portal: open ones first, filters, and a search of the notice's whole text
(PostgreSQL's full-text search in production, a plainer match on SQLite: these tests run on both)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from concours.vacancies.models import Vacancy
from concours.vacancies.selectors import vacancy_list_published
from factories import VacancyFactory

pytestmark = pytest.mark.django_db


def days(n: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=n)


def listed(**filters: object) -> list[str]:
    return [vacancy.title for vacancy in vacancy_list_published(**filters)]  # type: ignore[arg-type]


def test_open_vacancies_come_first_soonest_deadline_first_then_the_closed_ones() -> None:
    """The bug: the list was by deadline only, so last month's closed vacancies came before open ones."""
    VacancyFactory(title="Closed long ago", deadline=days(-60), status=Vacancy.Status.CLOSED)
    VacancyFactory(title="Past its deadline", deadline=days(-2))  # published, not yet closed by the task
    VacancyFactory(title="Open for long", deadline=days(40))
    VacancyFactory(title="Closing soon", deadline=days(3))
    VacancyFactory(title="A draft", deadline=days(10), status=Vacancy.Status.DRAFT)
    assert listed() == ["Closing soon", "Open for long", "Past its deadline", "Closed long ago"]


def test_the_filters_narrow_by_organisation_grade_location_and_closing_soon(client) -> None:  # type: ignore[no-untyped-def]
    VacancyFactory(title="NATO Brussels G17", organisation="NATO", grade="G17", location="Brussels, Belgium")
    VacancyFactory(
        title="NSPA Capellen G15",
        organisation="NSPA",
        grade="G15",
        location="Capellen, Luxembourg",
        deadline=days(5),
    )
    VacancyFactory(title="NATO Mons G15", organisation="NATO", grade="G15", location="Mons, Belgium")
    assert listed(organisation="NATO") == ["NATO Brussels G17", "NATO Mons G15"]
    assert listed(grade="G15") == ["NSPA Capellen G15", "NATO Mons G15"]
    assert listed(location="Mons, Belgium") == ["NATO Mons G15"]
    assert listed(closing_soon=True) == ["NSPA Capellen G15"]
    page = client.get(reverse("vacancies:list"), {"organisation": "NATO", "grade": "G15"}).content.decode()
    assert "NATO Mons G15" in page and "NATO Brussels G17" not in page and "NSPA Capellen G15" not in page
    # The filters offer the listed vacancies' own values.
    assert '<option value="Capellen, Luxembourg">' in page and '<option value="NSPA">' in page


def test_an_unknown_filter_value_is_ignored_rather_than_an_error(client) -> None:  # type: ignore[no-untyped-def]
    VacancyFactory(title="Policy Officer")
    response = client.get(reverse("vacancies:list"), {"organisation": "Nowhere", "closing_soon": "on"})
    assert response.status_code == 200


def test_the_search_reads_the_whole_notice_not_only_its_title(client) -> None:  # type: ignore[no-untyped-def]
    """A word only in the key challenges or the qualifications finds the vacancy."""
    notice = {
        "title": "Policy Officer",
        "key_challenges": ["Lead the arms control negotiations with partner nations."],
        "essential_qualifications": ["A university degree in cybersecurity."],
    }
    VacancyFactory(title="Policy Officer", notice=notice)
    VacancyFactory(title="Legal Adviser")
    assert listed(query="negotiations") == ["Policy Officer"]
    assert listed(query="cybersecurity degree") == ["Policy Officer"]
    assert listed(query="submarine") == []
    page = client.get(reverse("vacancies:list"), {"q": "negotiations"}).content.decode()
    assert "Policy Officer" in page and "Legal Adviser" not in page


def test_the_search_finds_french_words_with_their_accents() -> None:
    """On SQLite the JSON of the notice writes "é" as \\u00e9: the search matches that writing too."""
    notice = {"title": "Chef de section", "key_challenges_fr": ["Renforcer la sécurité énergétique."]}
    VacancyFactory(title="Chef de section", notice=notice)
    VacancyFactory(title="Legal Adviser")
    assert listed(query="sécurité") == ["Chef de section"]


def test_the_search_still_finds_by_reference() -> None:
    wanted = VacancyFactory(title="Policy Officer", reference="260142")
    VacancyFactory(title="Legal Adviser")
    assert listed(query=wanted.reference) == ["Policy Officer"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search: run with scripts/with-postgres.sh"
)
def test_postgresql_matches_other_forms_of_a_word_in_english_and_french() -> None:
    """Stemming, which the SQLite match has not: "negotiating" finds "negotiations", "négociation"
    finds "négociations"; and a notice's JSON keys are not words of it."""
    VacancyFactory(
        title="Policy Officer",
        notice={"title": "Policy Officer", "key_challenges": ["Lead the negotiations."]},
    )
    VacancyFactory(
        title="Chef de section",
        notice={"title": "Chef de section", "summary_fr": ["Mener les négociations."]},
    )
    assert listed(query="negotiating") == ["Policy Officer"]
    assert listed(query="négociation") == ["Chef de section"]
    assert listed(query="key_challenges") == []
