"""Reading the dates of profiles and notices: YYYY-MM or YYYY-MM-DD, as ordinal day numbers.

A month alone means its first day when it starts something and its last day when it ends something,
so that "2019-01" to "2019-12" is the whole of 2019. Parsing avoids regular expressions and caches
each string, since the same months recur across thousands of profiles.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

# text -> ordinal (None: not a date). Screening code may read these with .get() before calling
# start_day/end_day, to save a call per date on the hot path.
FIRST_DAYS: dict[str, int | None] = {}
LAST_DAYS: dict[str, int | None] = {}
# Valid dates are few (some thousands of months and days); the bound keeps a stream of odd strings
# from growing the caches without end.
_CACHE_LIMIT = 50_000


def _parse(text: str, last: bool) -> int | None:
    n = len(text)
    if (n != 7 and n != 10) or text[4] != "-" or not text.isascii():
        return None
    year, month = text[:4], text[5:7]
    if not (year.isdigit() and month.isdigit()):
        return None
    y, m = int(year), int(month)
    if y < 1 or not 1 <= m <= 12:
        return None
    if n == 7:
        return date(y, m, monthrange(y, m)[1] if last else 1).toordinal()
    day = text[8:10]
    if text[7] != "-" or not day.isdigit():
        return None
    try:
        return date(y, m, int(day)).toordinal()
    except ValueError:
        return None


def start_day(text: str) -> int | None:
    """The ordinal of the first day `text` can mean, or None when it is not a valid date."""
    try:
        return FIRST_DAYS[text]
    except KeyError:
        return _remember(FIRST_DAYS, text, _parse(text, last=False))


def end_day(text: str) -> int | None:
    """The ordinal of the last day `text` can mean, or None when it is not a valid date."""
    try:
        return LAST_DAYS[text]
    except KeyError:
        return _remember(LAST_DAYS, text, _parse(text, last=True))


def _remember(cache: dict[str, int | None], text: str, value: int | None) -> int | None:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[text] = value
    return value
