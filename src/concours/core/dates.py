"""Dates and moments written out in the active language (kernel.text.dates), for the strings that pages,
messages and mails build in Python: "1 December 2026, 09:30", "1er décembre 2026, 9 h 30".

A moment is read on the site's clock unless a zone is given (a duty station's, or "UTC" for a record
that states it), as the templates' filters do (core.templatetags.concours).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation

from concours.kernel.text import dates


def reader_language() -> str:
    """The active language as the kernel's functions take it: "fr" or "en"."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return "fr" if language.startswith("fr") else "en"


def local(moment: dt.datetime, zone: str | None = None) -> dt.datetime:
    """`moment` on the clock of `zone`, else the site's; a naive moment is taken as already on it."""
    if not timezone.is_aware(moment):
        return moment
    return moment.astimezone(ZoneInfo(zone)) if zone else timezone.localtime(moment)


def written_day(day: dt.date | dt.datetime, zone: str | None = None) -> str:
    """The day written out; of a moment, its day on the clock of `zone` (else the site's)."""
    if isinstance(day, dt.datetime):
        day = local(day, zone).date()
    return dates.written_date(day, reader_language())


def written_local(moment: dt.datetime, zone: str | None = None) -> str:
    """The day and time on the clock of `zone` (else the site's), without naming it: "12 January 2027,
    14:05", "12 janvier 2027, 14 h 05"."""
    on_clock, language = local(moment, zone), reader_language()
    return f"{dates.written_date(on_clock.date(), language)}, {dates.written_time(on_clock, language)}"


def written_at_place(moment: dt.datetime, zone: str) -> str:
    """The day and time on the clock of `zone`, naming its place: "12 January 2027, 23:59 (Brussels
    time)" (deadlines, tests and interviews)."""
    return dates.written_moment(moment, zone, reader_language())
