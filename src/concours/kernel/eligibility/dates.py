"""Reading the dates of profiles and notices: YYYY-MM or YYYY-MM-DD, as ordinal day numbers.

A month alone means its first day when it starts something and its last day when it ends something,
so that "2019-01" to "2019-12" is the whole of 2019. Parsing avoids regular expressions and caches
each string, since the same months recur across thousands of profiles.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

_first: dict[str, int | None] = {}
_last: dict[str, int | None] = {}


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
        return _first[text]
    except KeyError:
        value = _first[text] = _parse(text, last=False)
        return value


def end_day(text: str) -> int | None:
    """The ordinal of the last day `text` can mean, or None when it is not a valid date."""
    try:
        return _last[text]
    except KeyError:
        value = _last[text] = _parse(text, last=True)
        return value
