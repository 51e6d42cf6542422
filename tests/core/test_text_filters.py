"""The display filters of core.templatetags.concours: dates written out and French spacing, in the
reader's language, and nothing done to English pages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

NB = "\u00a0"


def render(source: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template("{% load concours %}" + source).render(Context(context))


def test_dates_are_written_out_in_the_reader_s_language() -> None:
    day = dt.date(2026, 12, 1)
    assert render("{{ day|written_date }}", "fr", day=day) == "1er décembre 2026"
    assert render("{{ day|written_date }}", "en", day=day) == "1 December 2026"
    assert render("{{ day|written_date }}", "fr", day="2026-12-01") == "1er décembre 2026"
    assert render("{{ day|written_date }}", "fr", day="soon") == "soon"
    assert render("{{ day|written_date }}", "fr", day=None) == ""
    moment = dt.datetime(2026, 12, 1, 8, 5, tzinfo=dt.UTC)  # 09:05 in Brussels, the site's zone
    assert render("{{ at|written_datetime }}", "fr", at=moment) == f"1er décembre 2026, 9{NB}h{NB}05"
    deadline = dt.datetime(2027, 1, 12, 23, 59, tzinfo=ZoneInfo("Europe/Brussels"))
    assert (
        render("{{ at|written_deadline:'Europe/Brussels' }}", "en", at=deadline)
        == "12 January 2027, 23:59 (Brussels time)"
    )


def test_french_spacing_only_in_french_and_escaping_kept() -> None:
    source = "{% filter typography %}Date limite: {{ text }}{% endfilter %}"
    assert render(source, "fr", text="<b>x</b> ?") == f"Date limite{NB}: &lt;b&gt;x&lt;/b&gt;{NB}?"
    assert render(source, "en", text="a ?") == "Date limite: a ?"


def test_a_candidate_s_nationalities_are_listed_in_order() -> None:
    assert render("{{ codes|country_names }}", "fr", codes=["EC", "AE", "EG"]) == (
        "Égypte, Émirats arabes unis, Équateur"
    )
