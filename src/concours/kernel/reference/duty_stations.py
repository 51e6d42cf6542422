"""Duty stations: each place once, with its names, the spellings notices use, its country and time zone.

A notice's deadline is a local time at the duty station, so the station's IANA zone decides the instant
applications close. A place that is not listed has no known zone: `zone_for_location` says None rather
than guessing, and the caller asks a person (the import flags the draft; the review form asks for the
zone) or says in its answer that the zone is unknown (the eligibility kernel).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from concours.kernel.reference._data import load
from concours.kernel.reference.countries import Country, country_for, country_or_territory
from concours.kernel.reference.spelling import WORD_RE, fold

_LONGEST_SPELLING = 4  # words; "brussels hoofdstedelijk gewest" has three


@dataclass(frozen=True, slots=True)
class DutyStation:
    name_en: str
    name_fr: str
    country_code: str  # ISO 3166-1 alpha-2, or a listed territory's code (XK)
    zone: str  # IANA time zone name
    aliases: tuple[str, ...]  # every spelling notices use, folded (spelling.fold); the names' included

    def name(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" else self.name_en

    @property
    def country(self) -> Country:
        return country_or_territory(self.country_code)

    @property
    def location(self) -> str:
        """The station as a notice's location is written: "Kabul, Afghanistan"."""
        return f"{self.name_en}, {self.country.name_in_notices}"


@cache
def duty_stations() -> tuple[DutyStation, ...]:
    """Every duty station, in the order of the data file."""
    return tuple(
        DutyStation(row["name_en"], row["name_fr"], row["country"], row["zone"], tuple(row["aliases"]))
        for row in load("duty_stations")["stations"]
    )


@cache
def station_spellings() -> Mapping[str, DutyStation]:
    """Every folded spelling of a duty station -> the station."""
    return {alias: station for station in duty_stations() for alias in station.aliases}


@cache
def _first_words() -> frozenset[str]:
    return frozenset(spelling.split(" ")[0] for spelling in station_spellings())


def station_for(text: str | None) -> DutyStation | None:
    """The first duty station `text` names, in any spelling ('Kabul, Afghanistan', 'Bruxelles'); else None.

    Words are read left to right; at each, the longest spelling that starts there wins ("new york city"
    before "new york").
    """
    if not text:
        return None
    spellings, first_words = station_spellings(), _first_words()
    words = WORD_RE.findall(fold(text))
    for i, word in enumerate(words):
        if word not in first_words:
            continue
        for size in range(_LONGEST_SPELLING, 0, -1):
            found = spellings.get(" ".join(words[i : i + size]))
            if found is not None:
                return found
    return None


def location_in(location: str | None, lang: str = "en") -> str:
    """A notice's location written in `lang` ('en' or 'fr'): "Brussels, Belgium" -> "Bruxelles, Belgique".

    The text is read as "City, Country" (or a city or a country alone). A part that names a listed duty
    station (in any of its spellings) or a country is written with its name in `lang`; a city named beside
    another country than its own is left as written, and so is any part the reference does not list. A text
    with neither a known city nor a known country is returned as written.
    """
    if not location or not location.strip():
        return location or ""
    city, comma, country_text = location.rpartition(",")
    if not comma:
        city, country_text = location, ""
    country = country_for(country_text.strip()) if country_text.strip() else None
    station = station_spellings().get(fold(city)) if city.strip() else None
    if station is None and country is None and not country_text.strip():
        country = country_for(city.strip())  # a country alone: "Belgium"
        if country is not None:
            return country.name_in_location(lang)
    if station is not None and country is not None and station.country_code != country.code:
        station = None
    if station is None and country is None:
        return location
    city_shown = station.name(lang) if station is not None else city.strip()
    if not country_text.strip():
        return city_shown
    country_shown = country.name_in_location(lang) if country is not None else country_text.strip()
    return f"{city_shown}, {country_shown}"


def zone_for_location(location: str | None) -> str | None:
    """The IANA zone of a notice's location ('Brussels, Belgium' -> 'Europe/Brussels'); None when the place
    is not a known duty station: the caller must ask for the zone or say it is unknown, never assume one."""
    station = station_for(location)
    return station.zone if station is not None else None


def default_zone() -> str:
    """The zone a vacancy is stored with until a person gives its own (NATO Headquarters, Brussels).

    Never a duty station's zone by itself: whoever uses it for an unknown place must say so.
    """
    zone: str = load("duty_stations")["default_zone"]
    return zone


def reread_in_zone(moment: dt.datetime, wrong_zone: str, right_zone: str) -> dt.datetime:
    """The instant whose local time in `right_zone` is the local time `moment` shows in `wrong_zone`.

    For a deadline stored as an instant read in the wrong zone: 23:59 that was taken as Brussels time
    becomes 23:59 Kabul time. A local time that the clocks pass twice (or skip) when they change is read as
    its later instant, as the eligibility kernel reads deadlines, so that the correction never cuts a
    candidate short.
    """
    wall_clock = moment.astimezone(ZoneInfo(wrong_zone)).replace(tzinfo=None)
    right = ZoneInfo(right_zone)
    return max(
        (wall_clock.replace(tzinfo=right, fold=side) for side in (0, 1)),
        key=lambda candidate: candidate.astimezone(dt.UTC),
    )
