"""Dates written out in English and French, deadlines with their place's time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.text.dates import MONTHS, written_date, written_moment, written_time, zone_place
from concours.kernel.text.typography import NO_BREAK_SPACE as NB


def test_the_first_of_the_month_is_1er_in_french() -> None:
    assert written_date(dt.date(2026, 12, 1), "en") == "1 December 2026"
    assert written_date(dt.date(2026, 12, 1), "fr") == "1er décembre 2026"
    assert written_date(dt.date(2027, 8, 2), "fr-be") == "2 août 2027"


def test_a_deadline_has_its_time_and_the_place_whose_clock_it_is() -> None:
    deadline = dt.datetime(2027, 1, 12, 22, 59, tzinfo=dt.UTC)
    assert written_moment(deadline, "Europe/Brussels", "en") == "12 January 2027, 23:59 (Brussels time)"
    assert (
        written_moment(deadline, "Europe/Brussels", "fr")
        == f"12 janvier 2027, 23{NB}h{NB}59 (heure de Bruxelles)"
    )
    # The day is the one at the duty station: in Kabul it is already the 13th.
    assert written_moment(deadline, "Asia/Kabul", "fr").startswith("13 janvier 2027, 3\u00a0h\u00a029")
    assert written_moment(deadline, "Europe/Amsterdam", "fr").endswith("(heure d’Amsterdam)")
    assert written_moment(deadline, "UTC", "en").endswith("(UTC)")


def test_a_zone_is_named_by_its_place_in_the_reader_s_language() -> None:
    assert zone_place("Europe/Brussels", "fr") == "Bruxelles"
    assert zone_place("America/New_York", "en") == "New York"


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)), st.sampled_from(["en", "fr"])
)
def test_every_day_reads_back(day: dt.date, lang: str) -> None:
    number, month, year = written_date(day, lang).split(" ")
    assert int(number.removesuffix("er")) == day.day
    assert (number.endswith("er")) == (lang == "fr" and day.day == 1)
    assert MONTHS[lang].index(month) + 1 == day.month
    assert int(year) == day.year


@given(st.times(), st.sampled_from(["en", "fr"]))
def test_every_time_reads_back(moment: dt.time, lang: str) -> None:
    written = written_time(moment, lang)
    hours, minutes = written.split(":") if lang == "en" else written.split(f"{NB}h{NB}")
    assert (int(hours), int(minutes)) == (moment.hour, moment.minute)


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_the_written_deadline_is_the_local_wall_clock(moment: dt.datetime) -> None:
    aware = moment.replace(tzinfo=dt.UTC)
    local = aware.astimezone(ZoneInfo("Europe/Brussels"))
    assert written_moment(aware, "Europe/Brussels", "en").startswith(
        f"{written_date(local.date(), 'en')}, {local:%H:%M}"
    )
