"""Duty stations and the time zone a notice's deadline is read in."""

from __future__ import annotations

from functools import cache

from concours.kernel.reference._data import load


@cache
def _stations() -> tuple[dict[str, str], str]:
    document = load("duty_stations")
    return {city.casefold(): zone for city, zone in document["stations"].items()}, document["default_zone"]


def default_zone() -> str:
    return _stations()[1]


def zone_for_location(location: str | None) -> str:
    """The IANA zone of a notice's location ('Brussels, Belgium' -> 'Europe/Brussels').

    Each comma-separated part is tried as a city, the first part first; an unknown place gets the
    default zone (NATO Headquarters, Brussels).
    """
    stations, default = _stations()
    if location:
        for part in location.split(","):
            zone = stations.get(" ".join(part.split()).casefold())
            if zone is not None:
                return zone
    return default
