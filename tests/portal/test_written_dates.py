"""The newer pages write their dates as the rest of the site does (kernel.text.dates): "1er décembre
2026, 10 h 05" in French, "1 December 2026, 10:05" in English; never Django's "1 décembre 2026 10:05"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from accommodation_scenario import build
from concours.accommodation.models import AccommodationRequest
from concours.accommodation.services import accommodation_decide
from factories import VacancyFactory

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def _text(html: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))  # no-break spaces kept


def test_the_accommodation_page_writes_its_dates_out_in_french_and_english(client) -> None:  # type: ignore[no-untyped-def]
    scene = build()
    asked = scene.request(now=dt.datetime(2026, 12, 1, 9, 5, tzinfo=dt.UTC))  # 10:05 in Brussels
    accommodation_decide(
        request=asked,
        state="granted",
        measures=["extra_time"],
        measures_note="",
        reason="",
        actor=scene.recruiter,
        now=dt.datetime(2026, 12, 3, 15, 30, tzinfo=dt.UTC),
    )
    assert AccommodationRequest.objects.get(pk=asked.pk).decided_at is not None
    client.force_login(scene.candidate)
    url = reverse("applications:accommodation", args=[scene.application.pk])

    french = _text(client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode())
    assert f"1er décembre 2026, 10{NBSP}h{NBSP}05" in french
    assert "(3 décembre 2026)" in french
    assert "1 décembre 2026" not in french and "10:05" not in french

    english = _text(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "1 December 2026, 10:05" in english and "(3 December 2026)" in english


def test_the_notices_essay_due_date_is_written_out(client) -> None:  # type: ignore[no-untyped-def]
    """The notice keeps the essay's due date as ISO text; the vacancy page writes it out in each language."""
    vacancy = VacancyFactory()
    vacancy.notice = {**vacancy.notice, "essay": {"required": True, "format": "docx", "due": "2027-01-05"}}
    vacancy.save(update_fields=["notice"])
    url = reverse("vacancies:detail", args=[vacancy.pk])

    french = _text(client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode())
    assert f"Date limite de remise{NBSP}: 5 janvier 2027." in french
    assert "2027-01-05" not in french
    english = _text(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "Due by 5 January 2027." in english


def test_the_salary_is_written_with_the_readers_separators(client) -> None:  # type: ignore[no-untyped-def]
    """A monthly salary reads "4 620,00 EUR" in French and "4,620.00 EUR" in English, not "4620,00"."""
    vacancy = VacancyFactory()
    vacancy.notice = {**vacancy.notice, "salary": {"amount": 4620, "currency": "EUR", "period": "month"}}
    vacancy.save(update_fields=["notice"])
    url = reverse("vacancies:detail", args=[vacancy.pk])
    assert f"4{NBSP}620,00 EUR / mois" in _text(client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode())
    assert "4,620.00 EUR / month" in _text(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
