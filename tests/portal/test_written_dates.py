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
