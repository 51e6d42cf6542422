"""Template filters that only display: names of countries, French spacing and dates written out, each in
the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from concours.core.dates import written_at_place, written_day, written_local
from concours.kernel.reference.countries import country_name as _country_name
from concours.kernel.text.collation import sort_key
from concours.kernel.text.dates import written_moment as _written_moment
from concours.kernel.text.dates import written_month as _written_month
from concours.kernel.text.typography import french_spacing

register = template.Library()


def _reader_language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


@register.filter
def country_name(code: str) -> str:
    return _country_name(code, _reader_language())


@register.filter
def country_names(codes: list[str] | None) -> str:
    """Countries named in the reader's language, in their alphabetical order, separated by commas."""
    names = [_country_name(code, _reader_language()) for code in codes or []]
    return ", ".join(sorted(names, key=sort_key))


@register.filter(is_safe=True, needs_autoescape=True)
def typography(value: Any, autoescape: bool = True) -> Any:
    """In French, a no-break space before : ; ! ? and inside « » (markup and addresses left alone).

    Used around the whole page in base.html, so that labels, notices and messages all get it.
    """
    if _reader_language() != "fr":
        return value
    html = conditional_escape(value) if autoescape else str(value)
    return mark_safe(french_spacing(str(html)))  # escaped above; only spaces are added


@register.filter
def written_date(value: dt.date | dt.datetime | str | None, zone: str = "") -> str:
    """The day written out, "1 December 2026" or "1er décembre 2026" (a date and time: its day on the
    clock of `zone`, else the site's)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):  # an ISO date kept as text (JSON): written out if it is one
        try:
            return written_day(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return written_day(value, zone or None)


@register.filter
def written_month(value: dt.date | str | None) -> str:
    """A month of a career, "March 2019" or "mars 2019" (ISO text "2019-03" or "2019-03-01" too)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            return _written_month(dt.date.fromisoformat(f"{value[:7]}-01"), _reader_language())
        except ValueError:
            return value
    return _written_month(value, _reader_language())


@register.filter
def written_datetime(value: dt.datetime | None, zone: str = "") -> str:
    """The day and time on the site's clock, or on that of `zone` ("UTC" where a record says so):
    "12 January 2027, 14:05", "12 janvier 2027, 14 h 05"."""
    if value is None or value == "":
        return ""
    return written_local(value, zone or None)


@register.filter
def written_moment(value: dt.datetime | None, zone: str = "") -> str:
    """A moment at a place, naming its clock: "3 March 2027, 09:30 (Brussels time)". Without `zone`, the
    moment's own zone (a time already on the place's clock), else the site's."""
    if value is None or value == "":
        return ""
    if not zone:
        zone = getattr(value.tzinfo, "key", "") or timezone.get_current_timezone_name()
    return written_at_place(value, zone)


@register.filter
def written_deadline(value: dt.datetime | None, zone: str) -> str:
    """A deadline on its duty station's clock, with the place: "12 January 2027, 23:59 (Brussels time)"."""
    if value is None or value == "":
        return ""
    return _written_moment(value, zone or timezone.get_current_timezone_name(), _reader_language())
