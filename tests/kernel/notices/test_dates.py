"""Dates as notices write them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.notices.dates import find_dates, first_date


def test_taleo_deadline_keeps_its_time_without_inventing_a_zone() -> None:
    """'06-Apr-2025, 9:59:00 PM' is read as a local time with no offset: the notice names no zone."""
    assert first_date("Application Deadline 06-Apr-2025, 9:59:00 PM") == "2025-04-06T21:59:00"


def test_named_zone_becomes_the_offset_of_that_day() -> None:
    """'heure de Bruxelles' in September is +02:00, CET is +01:00 whatever the season."""
    assert first_date("14 septembre 2025, 23 h 59 (heure de Bruxelles)") == "2025-09-14T23:59:00+02:00"
    assert first_date("9 November 2025, 23:59 (CET)") == "2025-11-09T23:59:00+01:00"
    assert first_date("by 23:59 CET on 15 June 2025") == "2025-06-15T23:59:00+01:00"


def test_month_names_of_several_languages_and_orders() -> None:
    """English, French, Dutch/German month names; month-first boards; day-first numeric dates."""
    assert first_date("Apr-14-2019") == "2019-04-14"
    assert first_date("3 Mai 2017") == "2017-05-03"
    assert first_date("1er août 2025") == "2025-08-01"
    assert first_date("by latest 18/06/2025.") == "2025-06-18"
    assert first_date("June 18, 2025") == "2025-06-18"


def test_a_date_without_a_year_is_no_date() -> None:
    """'Posted Feb 25' says no year: no date is made up."""
    assert find_dates("Posted Feb 25") == []


def test_impossible_dates_are_skipped() -> None:
    """31 February does not exist; the next real date is still found."""
    assert first_date("31 February 2025 or 2 March 2025") == "2025-03-02"


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_day_round_trips_in_the_usual_spellings(day: dt.date) -> None:
    """Any day written '29 July 2025', '29-Jul-2025' or ISO reads back as that day."""
    for text in (day.strftime("%d %B %Y"), day.strftime("%d-%b-%Y"), day.isoformat()):
        assert first_date(text) == day.isoformat()


def test_times_and_zones_as_boards_write_them() -> None:
    """A written offset, a named city's time, "noon" beside the time, ISO 8601's Z; a zone-like word
    that is no zone leaves the time local."""
    assert first_date("2026-03-15 23:59 GMT+1") == "2026-03-15T23:59:00+01:00"
    assert first_date("15 March 2026, 23:59 (UTC+03:00)") == "2026-03-15T23:59:00+03:00"
    assert first_date("15 March 2026, 12:00 noon (Brussels time)") == "2026-03-15T12:00:00+01:00"
    assert first_date("15 mars 2026 à 23h59 (heure de Genève)") == "2026-03-15T23:59:00+01:00"
    assert first_date("2026-03-15T23:59:00Z") == "2026-03-15T23:59:00+00:00"
    assert first_date("15 March 2026 at 17:00 Zurich") == "2026-03-15T17:00:00"
    assert first_date("15/03/2026 23:59 (CET)") == "2026-03-15T23:59:00+01:00"
    assert first_date("15 May 2026 (23:59 Paris time)") == "2026-05-15T23:59:00+02:00"
