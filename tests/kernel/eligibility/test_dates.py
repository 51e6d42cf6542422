from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.eligibility.dates import end_day, start_day


def test_a_month_starts_on_its_first_day_and_ends_on_its_last() -> None:
    assert start_day("2024-02") == date(2024, 2, 1).toordinal()
    assert end_day("2024-02") == date(2024, 2, 29).toordinal()
    assert end_day("2023-02") == date(2023, 2, 28).toordinal()


def test_a_full_date_is_that_day_either_way() -> None:
    assert start_day("2019-06-15") == end_day("2019-06-15") == date(2019, 6, 15).toordinal()


@pytest.mark.parametrize(
    "text",
    [
        "2019-13",
        "2019-00",
        "2023-02-29",
        "2019-1",
        "19-01-01",
        "2019/01",
        "２０１９-01",
        "0000-01",
        "2019-01-1x",
        "",
    ],
)
def test_impossible_or_malformed_dates_are_refused(text: str) -> None:
    assert start_day(text) is None
    assert end_day(text) is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_real_day_reads_back(day: date) -> None:
    assert start_day(day.isoformat()) == day.toordinal()
    month = day.isoformat()[:7]
    assert start_day(month) <= day.toordinal() <= end_day(month)  # type: ignore[operator]
