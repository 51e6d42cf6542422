from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.eligibility.builders import notice
from concours.kernel.eligibility.deadline import check_deadline, compile_deadline, deadline_rule
from concours.kernel.eligibility.errors import InvalidInput

BRUSSELS = ZoneInfo("Europe/Brussels")
SECOND = timedelta(seconds=1)
ZONES = ["Europe/Brussels", "America/New_York", "Europe/Vienna", "Asia/Tbilisi", "Europe/London"]


def in_time(deadline: str, submitted: datetime, zone: str = "Europe/Brussels") -> bool:
    return check_deadline(deadline_rule(deadline, zone), submitted).result == "pass"


def test_a_local_deadline_is_read_at_the_duty_station() -> None:
    """Seed 250443 closes 2025-04-06 21:59:00 Brussels time, i.e. 19:59:00 UTC in summer."""
    assert in_time("2025-04-06T21:59:00", datetime(2025, 4, 6, 19, 59, 0, tzinfo=UTC))
    assert not in_time("2025-04-06T21:59:00", datetime(2025, 4, 6, 19, 59, 1, tzinfo=UTC))


def test_a_deadline_with_an_offset_is_taken_as_written() -> None:
    assert in_time("2025-04-06T23:59:00+00:00", datetime(2025, 4, 6, 23, 59, tzinfo=UTC))
    assert not in_time("2025-04-06T23:59:00+00:00", datetime(2025, 4, 7, 0, 0, tzinfo=UTC))


@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31)),
    zone=st.sampled_from(ZONES),
)
def test_one_second_either_side_of_a_local_deadline(moment: datetime, zone: str) -> None:
    """In time up to the local deadline's instant, late one second after; an ambiguous local time
    (clocks going back) is read as its later instant."""
    moment = moment.replace(microsecond=0)
    deadline = moment.isoformat()
    limit = max(
        (moment.replace(tzinfo=ZoneInfo(zone), fold=f) for f in (0, 1)), key=lambda m: m.astimezone(UTC)
    )
    assert in_time(deadline, limit, zone)
    assert in_time(deadline, (limit.astimezone(UTC) - SECOND), zone)
    assert not in_time(deadline, (limit.astimezone(UTC) + SECOND), zone)


@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), zone=st.sampled_from(ZONES))
def test_a_date_alone_closes_at_the_end_of_that_day_locally(day: date, zone: str) -> None:
    tz = ZoneInfo(zone)
    next_midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=tz).astimezone(UTC)
    assert in_time(day.isoformat(), next_midnight - SECOND, zone)
    assert in_time(day.isoformat(), next_midnight - timedelta(microseconds=1), zone)
    assert not in_time(day.isoformat(), next_midnight, zone)


@pytest.mark.parametrize(
    ("day", "last_second_utc"),
    [
        (
            "2025-03-30",
            datetime(2025, 3, 30, 21, 59, 59, tzinfo=UTC),
        ),  # clocks went forward that night: UTC+2
        ("2025-10-26", datetime(2025, 10, 26, 22, 59, 59, tzinfo=UTC)),  # clocks went back: UTC+1
        ("2025-03-29", datetime(2025, 3, 29, 22, 59, 59, tzinfo=UTC)),
    ],
)
def test_the_end_of_day_follows_daylight_saving_time(day: str, last_second_utc: datetime) -> None:
    assert in_time(day, last_second_utc)
    assert not in_time(day, last_second_utc + SECOND)


def test_the_same_instant_in_any_zone_gets_the_same_answer() -> None:
    instant = datetime(2025, 7, 29, 23, 59, 59, tzinfo=BRUSSELS)
    for zone in ZONES:
        assert in_time("2025-07-29", instant.astimezone(ZoneInfo(zone)))


def test_the_zone_comes_from_the_location() -> None:
    rule = compile_deadline(notice(location="Norfolk, United States", deadline="2025-07-29"))
    assert rule is not None and rule.zone == "America/New_York" and rule.zone_known
    rule = compile_deadline(notice(location="Kabul, Afghanistan", deadline="2025-07-29T23:59:00"))
    assert rule is not None and rule.zone == "Asia/Kabul"
    assert rule.limit == datetime(2025, 7, 29, 19, 29, tzinfo=UTC)


def test_an_unknown_duty_station_gets_no_zone_guessed() -> None:
    """Not Brussels: the rule says the zone is not known."""
    rule = compile_deadline(notice(location="Somewhere", deadline="2025-07-29"))
    assert rule is not None and not rule.zone_known and rule.zone != "Europe/Brussels"


# 2025-07-29 23:59 local time somewhere unknown: 09:59 UTC at UTC+14, 11:59 UTC the next day at UTC-12.
EARLIEST, LATEST = datetime(2025, 7, 29, 9, 59, tzinfo=UTC), datetime(2025, 7, 30, 11, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("submitted", "result"),
    [
        (EARLIEST, "pass"),
        (EARLIEST + SECOND, "review"),
        (datetime(2025, 7, 29, 21, 59, tzinfo=UTC), "review"),  # in time in Brussels, late in Kabul
        (LATEST, "review"),
        (LATEST + SECOND, "fail"),
    ],
)
def test_a_local_deadline_at_an_unknown_station_is_judged_only_where_every_zone_agrees(
    submitted: datetime, result: str
) -> None:
    """In time in every zone passes, late in every zone fails; in between a person decides."""
    rule = compile_deadline(notice(location="Mazar-i-Sharif, Afghanistan", deadline="2025-07-29T23:59:00"))
    assert rule is not None
    check = check_deadline(rule, submitted)
    assert check.result == result
    assert "time zone is not known" in check.reason("en")
    assert "fuseau horaire n'est pas connu" in check.reason("fr")


def test_a_date_alone_at_an_unknown_station_closes_at_midnight_in_some_zone() -> None:
    rule = compile_deadline(notice(location="Somewhere", deadline="2025-07-29"))
    assert rule is not None
    assert check_deadline(rule, datetime(2025, 7, 29, 9, 59, 59, tzinfo=UTC)).result == "pass"
    assert check_deadline(rule, datetime(2025, 7, 29, 10, 0, tzinfo=UTC)).result == "review"
    assert check_deadline(rule, datetime(2025, 7, 30, 11, 59, 59, tzinfo=UTC)).result == "review"
    assert check_deadline(rule, datetime(2025, 7, 30, 12, 0, tzinfo=UTC)).result == "fail"


def test_a_deadline_with_an_offset_needs_no_station_zone() -> None:
    """The instant is written: it is checked exactly and shown in UTC, not in a guessed zone."""
    rule = compile_deadline(notice(location="Somewhere", deadline="2025-07-29T23:59:00+04:30"))
    assert rule is not None and not rule.zone_known and rule.zone == "UTC"
    assert check_deadline(rule, datetime(2025, 7, 29, 19, 29, tzinfo=UTC)).result == "pass"
    late = check_deadline(rule, datetime(2025, 7, 29, 19, 29, 1, tzinfo=UTC))
    assert late.result == "fail"
    assert "29 July 2025 at 19:29:00 (time zone UTC)" in late.reason("en")


def test_the_reason_shows_the_submission_in_the_deadline_zone() -> None:
    check = check_deadline(
        deadline_rule("2025-07-29", "Europe/Brussels"), datetime(2025, 7, 29, 22, 30, tzinfo=UTC)
    )
    assert check.result == "fail"
    assert "30 July 2025 at 00:30:00" in check.reason("en")
    assert "30 juillet 2025 à 00:30:00" in check.reason("fr")


def test_a_naive_submission_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        check_deadline(deadline_rule("2025-07-29", "Europe/Brussels"), datetime(2025, 7, 29, 12, 0))


@pytest.mark.parametrize("value", ["2025-02-30", "29-Jul-2025", "2025-07-29 23:59", 20250729])
def test_an_impossible_deadline_is_refused(value: object) -> None:
    with pytest.raises(InvalidInput, match=r"^notice\.deadline"):
        compile_deadline(notice(deadline=value))


def test_no_deadline_means_no_rule() -> None:
    assert compile_deadline(notice(deadline=None)) is None


def test_an_ambiguous_local_deadline_is_read_as_its_later_instant() -> None:
    """02:30 on 2025-10-26 happens twice in Brussels; a submission at the second 02:30 is in time."""
    first, second = datetime(2025, 10, 26, 0, 30, tzinfo=UTC), datetime(2025, 10, 26, 1, 30, tzinfo=UTC)
    assert in_time("2025-10-26T02:30:00", first) and in_time("2025-10-26T02:30:00", second)
    assert not in_time("2025-10-26T02:30:00", second + SECOND)
