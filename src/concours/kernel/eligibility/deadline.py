"""Deadline: a submission's instant against the notice's deadline, a local time at the duty station.

A deadline with a time and no offset is read in the duty station's zone (reference/duty_stations);
one with an offset is taken as written. A date alone means the end of that day at the duty station:
a submission is in time when it is before the next local midnight. A deadline instant itself is in
time (21:59:00 is accepted for a 21:59:00 deadline; 21:59:01 is late).

A duty station whose zone is not known gets no zone guessed. A deadline with an offset is still an exact
instant (shown in UTC). A local one is only known to fall between its instants in the world's
easternmost and westernmost zones: a submission before the first passes, one after the last fails, and
one in between is left to a person (review), each reason saying that the zone is not known.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.messages import JSON
from concours.kernel.eligibility.verdict import FAIL, PASS, REVIEW, Check
from concours.kernel.reference.duty_stations import zone_for_location

# The extreme offsets of the IANA time zone database's zones: UTC+14:00 (Pacific/Kiritimati) and UTC-12:00
# (Etc/GMT+12). A local time at an unknown place means an instant between its readings in those two (the
# database's own names for fixed offsets invert the sign: Etc/GMT-14 is UTC+14:00).
_EASTERNMOST, _WESTERNMOST = "Etc/GMT-14", "Etc/GMT+12"
_UTC_NAME = "UTC"


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    written: str  # the deadline as the notice gives it, e.g. "2025-07-29" or "2025-04-06T21:59:00"
    zone: str
    limit: datetime  # aware, in UTC: comparing with it then costs one offset look-up, the submission's
    shown: str  # the deadline in the zone's local time, for messages: "2025-07-29" or "2025-04-06T21:59:00"
    inclusive: bool  # True: `limit` itself is in time; False: only instants before it
    # False when the duty station's zone is not known: `zone` is then "UTC", the zone messages show
    # instants in, and no duty station's zone.
    zone_known: bool = True
    # For a local deadline at a station of unknown zone: its earliest reading (UTC+14); `limit` is then its
    # latest (UTC-12). None when the instant is known.
    earliest: datetime | None = None


def compile_deadline(notice: Mapping[str, Any]) -> DeadlineRule | None:
    value = notice.get("deadline")
    if value is None:
        return None
    location = notice.get("location")
    zone_name = zone_for_location(location if isinstance(location, str) else None)
    return deadline_rule(value, zone_name)


def deadline_rule(value: object, zone_name: str | None) -> DeadlineRule:
    """The rule for a deadline as notices write it, read in the zone `zone_name` (None: not known)."""
    if zone_name is None:
        return _rule_in_unknown_zone(value)
    zone = ZoneInfo(zone_name)
    if not isinstance(value, str):
        raise InvalidInput("notice.deadline", f"{json.dumps(value)} is not a date or a local time")
    if len(value) == 10:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            day = None
        if day is not None:
            next_midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
            return DeadlineRule(value, zone_name, next_midnight.astimezone(UTC), value, inclusive=False)
    moment = None
    if isinstance(value, str) and len(value) > 10 and value[10] == "T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
    if moment is None:
        raise InvalidInput(
            "notice.deadline",
            f"{json.dumps(value)} is not a date (YYYY-MM-DD) or a local time (YYYY-MM-DDTHH:MM[:SS])",
        )
    if moment.tzinfo is None:
        # A local time the clocks pass twice (or skip) when they change names two instants: the
        # later one is the candidate's reading, so a deadline written ambiguously never cuts anyone short.
        moment = max(
            (moment.replace(tzinfo=zone, fold=fold) for fold in (0, 1)), key=lambda m: m.astimezone(UTC)
        )
    shown = moment.astimezone(zone).replace(tzinfo=None).isoformat()
    return DeadlineRule(value, zone_name, moment.astimezone(UTC), shown, inclusive=True)


def _rule_in_unknown_zone(value: object) -> DeadlineRule:
    """A deadline at a duty station whose zone is not known: exact when it carries an offset, otherwise
    bounded by its readings in the easternmost and westernmost zones."""
    east, west = deadline_rule(value, _EASTERNMOST), deadline_rule(value, _WESTERNMOST)
    if east.limit == west.limit:  # an offset was written: the instant does not depend on the zone
        exact = deadline_rule(value, _UTC_NAME)
        return DeadlineRule(
            exact.written, _UTC_NAME, exact.limit, exact.shown, exact.inclusive, zone_known=False
        )
    return DeadlineRule(
        east.written, _UTC_NAME, west.limit, east.shown, east.inclusive, zone_known=False, earliest=east.limit
    )


def check_deadline(rule: DeadlineRule, submitted_at: datetime) -> Check:
    zone = submitted_at.tzinfo
    # A fixed offset (datetime.timezone, as UTC is) always gives one: skip asking it for the offset.
    if zone.__class__ is not timezone and (zone is None or submitted_at.utcoffset() is None):
        raise ValueError("submitted_at must be an aware datetime (with its time zone)")
    if rule.earliest is not None:
        return _check_in_unknown_zone(rule, rule.earliest, submitted_at)
    in_time = submitted_at <= rule.limit if rule.inclusive else submitted_at < rule.limit
    # The submission is kept as given (with its offset); the message shows it in the deadline's zone.
    params: dict[str, JSON] = {
        "deadline": rule.shown,
        "zone": rule.zone,
        "submitted": submitted_at.isoformat(),
    }
    return _new(
        Check,
        ("deadline", PASS if in_time else FAIL, "deadline.pass" if in_time else "deadline.fail", params),
    )


# Checks are built straight from a tuple: the named tuple's own __new__ is one more Python call.
_new = tuple.__new__


def _check_in_unknown_zone(rule: DeadlineRule, earliest: datetime, submitted_at: datetime) -> Check:
    """In time, late, or for a person to judge, for a local deadline whose zone is not known."""
    if rule.inclusive:
        in_time_everywhere, late_everywhere = submitted_at <= earliest, submitted_at > rule.limit
    else:
        in_time_everywhere, late_everywhere = submitted_at < earliest, submitted_at >= rule.limit
    result, code = (
        (PASS, "deadline.pass_zone_unknown")
        if in_time_everywhere
        else (FAIL, "deadline.fail_zone_unknown")
        if late_everywhere
        else (REVIEW, "deadline.review_zone_unknown")
    )
    params: dict[str, JSON] = {
        "deadline": rule.shown,
        "zone": rule.zone,
        "submitted": submitted_at.isoformat(),
    }
    return _new(Check, ("deadline", result, code, params))
