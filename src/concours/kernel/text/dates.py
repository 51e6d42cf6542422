"""Dates written out as each language writes them: "1 December 2026", "1er décembre 2026"; a deadline
with its time and the place whose clock it is read on: "12 January 2027, 23:59 (Brussels time)",
"12 janvier 2027, 23 h 59 (heure de Bruxelles)".
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from concours.kernel.reference.duty_stations import duty_stations
from concours.kernel.reference.spelling import fold
from concours.kernel.text.typography import NO_BREAK_SPACE

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}


def _language(lang: str) -> str:
    return "fr" if lang.lower().startswith("fr") else "en"


def written_date(day: dt.date, lang: str = "en") -> str:
    """The day written out: "1 December 2026" or "1er décembre 2026" (French writes the first day 1er)."""
    lang = _language(lang)
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[lang][day.month - 1]} {day.year}"


def written_month(day: dt.date, lang: str = "en") -> str:
    """A month of a year, as a career's dates are kept: "March 2019", "mars 2019"."""
    return f"{MONTHS[_language(lang)][day.month - 1]} {day.year}"


def written_time(moment: dt.time | dt.datetime, lang: str = "en") -> str:
    """A clock time: "23:59" in English, "23 h 59" in French (no-break spaces, so it never splits)."""
    if _language(lang) == "fr":
        return f"{moment.hour}{NO_BREAK_SPACE}h{NO_BREAK_SPACE}{moment.minute:02d}"
    return f"{moment.hour:02d}:{moment.minute:02d}"


def zone_place(zone: str, lang: str = "en") -> str:
    """The place whose clock a zone keeps, in the reader's language ("Europe/Brussels": Bruxelles)."""
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    if zone.upper() in ("UTC", "ETC/UTC", "GMT", "ETC/GMT"):
        return "UTC"
    for station in duty_stations():
        if station.zone == zone and fold(station.name_en) == fold(city):
            return station.name(_language(lang))
    return city


def _time_of(place: str, lang: str) -> str:
    if place == "UTC":
        return "UTC"
    if _language(lang) == "fr":
        elided = fold(place[:1]) in ("a", "e", "i", "o", "u", "y", "h")
        return f"heure d’{place}" if elided else f"heure de {place}"
    return f"{place} time"


def written_moment(moment: dt.datetime, zone: str, lang: str = "en") -> str:
    """An instant on the clock of `zone`, written out with that place: "12 January 2027, 23:59 (Brussels
    time)". A naive `moment` is taken as already on that clock."""
    local = moment.astimezone(ZoneInfo(zone)) if moment.tzinfo else moment
    when = f"{written_date(local.date(), lang)}, {written_time(local, lang)}"
    return f"{when} ({_time_of(zone_place(zone, lang), lang)})"
