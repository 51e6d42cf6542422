"""Dates and deadlines as notices write them, read without dateparser (too slow for bulk parsing).

"06-Apr-2025, 9:59:00 PM", "Apr-14-2019", "29 July 2025", "1er septembre 2025 à 23 h 59 (heure de
Bruxelles)", "18/06/2025", "2025-06-18", "6 April 2026-23:59-GMT-04:00", "3/26/2026 at 11:59pm UTC".
Numeric dates are read day first (the organisations are European or follow the UN's day-month order)
unless the caller says the notice writes the month first (World Bank, IFAD: "03/23/2026"); a date
that can only be read one way is read that way. A time zone turns into an offset only when the notice
names one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from concours.kernel.notices.vocabulary import MONTHS, ZONES, alternation, fold

_WORD = r"[^\W\d_]{3,10}"
_DATE_RE = re.compile(
    r"(?<![\w])(?:"
    r"(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
    rf"|(?P<d1>\d{{1,2}})(?:er|st|nd|rd|th)?[ \t\-./]*(?P<m1>{_WORD})\.?,?[ \t\-./]+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_WORD})\.?[ \t\-./]+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t\-./]+(?P<y2>\d{{4}})"
    r"|(?P<d4>\d{1,2})[/.](?P<m4>\d{1,2})[/.](?P<y4>\d{4})"
    r")(?!\d)"
)
# A zone: an offset from GMT/UTC, a named zone, or ISO 8601's "Z" (UTC; in capitals only).
_ZONE = rf"(?P<zone>(?:GMT|UTC)\s?[+-]\s?\d{{1,2}}(?::?\d{{2}})?|{alternation(ZONES)}|(?-i:Z))(?!\w)"
_OFFSET_RE = re.compile(r"(?:GMT|UTC)\s?(?P<sign>[+-])\s?(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?", re.IGNORECASE)
_TIME_AFTER_RE = re.compile(
    r"[ \t]*[,;]?[ \t]*(?:at[ \t]+|à[ \t]+|-[ \t]*|T|\([ \t]*)?(?:"
    r"(?P<h>\d{1,2})[ \t]*(?:[:.]|h[ \t]*)(?P<mi>\d{2})(?::(?P<s>\d{2}))?[ \t]*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
    r"|(?P<midnight>midnight|minuit))"
    rf"(?:[ \t]*(?:hrs|hours)?[ \t]*(?:\(?(?:noon|midday|midi)\)?)?[ \t]*[(,\-]?[ \t]*{_ZONE}\)?)?",
    re.IGNORECASE,
)
_TIME_BEFORE_RE = re.compile(
    r"(?:(?P<h>\d{1,2})[ \t]*(?:[:.]|h[ \t]*)(?P<mi>\d{2})(?::(?P<s>\d{2}))?[ \t]*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
    r"|(?P<midnight>midnight|minuit))"
    rf"(?:[ \t]*(?:hrs|hours)?[ \t]*\(?{_ZONE}\)?)?[ \t]*(?:on|le|,)?[ \t]*(?:the[ \t]+)?$",
    re.IGNORECASE,
)
_ZONE_AFTER_RE = re.compile(rf"[ \t]*[(,]?[ \t]*{_ZONE}\)?", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: where it is and its ISO form (date, or date and time with optional offset)."""

    start: int
    end: int
    value: str


def _month(word: str | None) -> int | None:
    return MONTHS.get(fold(word)) if word else None


def _day(match: re.Match[str], month_first: bool = False) -> dt.date | None:
    groups = match.groupdict()
    try:
        if groups["y3"]:
            return dt.date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        if groups["y1"]:
            month = _month(groups["m1"])
            return dt.date(int(groups["y1"]), month, int(groups["d1"])) if month else None
        if groups["y2"]:
            month = _month(groups["m2"])
            return dt.date(int(groups["y2"]), month, int(groups["d2"])) if month else None
        first, second = int(groups["d4"]), int(groups["m4"])
        # Day first unless that is impossible ("06/18/2025" can only be US order) or the notice writes
        # the month first; then month first unless that is impossible.
        if month_first:
            day, month = (first, second) if first > 12 >= second else (second, first)
        else:
            day, month = (second, first) if second > 12 >= first else (first, second)
        return dt.date(int(groups["y4"]), month, day)
    except ValueError:
        return None


def _offset(zone: str | None, moment: dt.datetime) -> str:
    written = _OFFSET_RE.fullmatch(zone.strip()) if zone else None
    if written:
        return f"{written.group('sign')}{int(written.group('h')):02d}:{written.group('m') or '00'}"
    name = (ZONES.get(fold(zone)) or ("+00:00" if zone == "Z" else None)) if zone else None
    if not name:
        return ""
    if name[0] in "+-":
        return name
    try:
        delta = moment.replace(tzinfo=ZoneInfo(name)).utcoffset()
    except (KeyError, ValueError, OSError):
        return ""
    if delta is None:
        return ""
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    if match.group("midnight"):
        # "midnight on 12 June" closes the day named: the last minute of it.
        return 23, 59, 0
    hour, minute = int(match.group("h")), int(match.group("mi"))
    second = int(match.group("s") or 0)
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _with_time(text: str, match: re.Match[str], day: dt.date) -> tuple[str, int]:
    """The ISO value of `day` with the time and zone written next to it, and where the date's text ends."""
    after = _TIME_AFTER_RE.match(text, match.end())
    before = _TIME_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
    time_match = after or before
    end = after.end() if after else match.end()
    clock = _clock(time_match) if time_match else None
    if time_match is None or clock is None:
        zone = _ZONE_AFTER_RE.match(text, match.end())
        return day.isoformat(), (zone.end() if zone else match.end())
    # The wall-clock time the notice states; the zone, if it names one, is applied as an offset below.
    moment = dt.datetime(day.year, day.month, day.day, *clock)  # noqa: DTZ001
    zone_name = time_match.group("zone")
    if zone_name is None:
        trailing = _ZONE_AFTER_RE.match(text, end)
        if trailing:
            zone_name, end = trailing.group("zone"), trailing.end()
    return moment.isoformat() + _offset(zone_name, moment), end


def find_dates(
    text: str, start: int = 0, end: int | None = None, *, month_first: bool = False
) -> list[FoundDate]:
    """Every full date (with a year) in `text[start:end]`, in order, with any time written beside it.

    `month_first`: the notice writes numeric dates month first ("03/23/2026")."""
    stop = len(text) if end is None else end
    found: list[FoundDate] = []
    position = start
    while position < stop:
        match = _DATE_RE.search(text, position, stop)
        if match is None:
            break
        day = _day(match, month_first)
        if day is None:
            # A word that is not a month ("Level 14 2019"): look again one character further on.
            position = match.start() + 1
            continue
        value, date_end = _with_time(text, match, day)
        found.append(FoundDate(match.start(), date_end, value))
        position = match.end()
    return found


def first_date(text: str) -> str | None:
    """The first full date in `text`, as ISO, or None."""
    dates = find_dates(text)
    return dates[0].value if dates else None


_NUMERIC_DATE_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])")


def writes_month_first(text: str) -> bool:
    """Whether the notice writes numeric dates month first: one of them can only be read that way
    ("03/23/2026"), or it says so ("MM/DD/YYYY"), and none can only be read day first."""
    if "MM/DD" in text:
        return True
    month_first = day_first = False
    for match in _NUMERIC_DATE_RE.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] in "/_"):
            continue
        first, second = int(match.group(1)), int(match.group(2))
        month_first = month_first or (second > 12 >= first)
        day_first = day_first or (first > 12 >= second)
    return month_first and not day_first
