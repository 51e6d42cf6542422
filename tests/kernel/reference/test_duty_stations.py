"""Duty stations: one list, each station with its names, spellings, country and IANA zone."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import pytest

from concours.kernel.notices.vocabulary import CITIES, fold, fold_aligned
from concours.kernel.reference.countries import country_or_territory
from concours.kernel.reference.duty_stations import (
    default_zone,
    duty_stations,
    reread_in_zone,
    station_for,
    station_spellings,
    zone_for_location,
)

ZONEINFO = Path("/usr/share/zoneinfo")
# The tz database gives Kosovo (XK, a user-assigned code) no zone of its own: it keeps Serbia's.
ZONE_COUNTRY_EXCEPTIONS = {"XK": "RS"}


@pytest.mark.parametrize(
    ("location", "zone"),
    [
        ("Brussels, Belgium", "Europe/Brussels"),
        ("Mons, Belgium", "Europe/Brussels"),
        ("The Hague, Netherlands", "Europe/Amsterdam"),
        ("Norfolk, United States", "America/New_York"),
        ("Vienna, Austria", "Europe/Vienna"),
        ("Kabul, Afghanistan", "Asia/Kabul"),
        ("Kaboul, Afghanistan", "Asia/Kabul"),
        ("Heraklion, Greece", "Europe/Athens"),
        ("Iraklio", "Europe/Athens"),
        ("Baghdad, Iraq", "Asia/Baghdad"),
        ("Juba, South Sudan", "Africa/Juba"),
        ("Frankfurt am Main, Germany", "Europe/Berlin"),
        ("Francfort, Allemagne", "Europe/Berlin"),
        ("Washington, D.C., United States", "America/New_York"),
        ("Genève, Suisse", "Europe/Zurich"),
        ("İzmir, Türkiye", "Europe/Istanbul"),
        ("Pristina, Kosovo", "Europe/Belgrade"),
    ],
)
def test_a_location_gives_its_station_zone(location: str, zone: str) -> None:
    assert zone_for_location(location) == zone


@pytest.mark.parametrize("location", ["Atlantis", "Mazar-i-Sharif, Afghanistan", "Belgium", "", None])
def test_an_unknown_place_gets_no_zone(location: str | None) -> None:
    """No zone is guessed: not the default, not the country's."""
    assert zone_for_location(location) is None
    assert station_for(location) is None


def test_the_default_zone_is_a_storage_default_only() -> None:
    assert default_zone() == "Europe/Brussels"
    assert zone_for_location("Atlantis") != default_zone()


def test_kabul_is_one_station_with_its_names_country_and_zone() -> None:
    station = station_for("Kabul, Afghanistan")
    assert station is not None
    assert (station.name("en"), station.name("fr"), station.country_code, station.zone) == (
        "Kabul",
        "Kaboul",
        "AF",
        "Asia/Kabul",
    )
    assert station.location == "Kabul, Afghanistan"


def test_the_longest_spelling_wins() -> None:
    """'New York City' is New York; 'Brussels Hoofdstedelijk Gewest' is Brussels."""
    assert station_for("New York City, NY") == station_for("New York")
    assert station_for("Brussels Hoofdstedelijk Gewest") == station_for("Brussels")


def test_every_zone_is_a_real_time_zone() -> None:
    zones = available_timezones()
    for station in duty_stations():
        assert station.zone in zones, station
        ZoneInfo(station.zone)
    ZoneInfo(default_zone())


def _zone_countries() -> dict[str, set[str]]:
    """Each zone -> the countries the tz database places it in (zone.tab and zone1970.tab)."""
    found: dict[str, set[str]] = {}
    for name, codes_column, zone_column in (("zone.tab", 0, 2), ("zone1970.tab", 0, 2)):
        for line in (ZONEINFO / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            cells = line.split("\t")
            found.setdefault(cells[zone_column], set()).update(cells[codes_column].split(","))
    return found


@pytest.mark.skipif(not (ZONEINFO / "zone.tab").exists(), reason="no tz database tables on this machine")
def test_every_zone_belongs_to_its_station_country() -> None:
    """Kabul's zone is Afghanistan's: the tz database's own tables say which country each zone serves."""
    zone_countries = _zone_countries()
    for station in duty_stations():
        country = ZONE_COUNTRY_EXCEPTIONS.get(station.country_code, station.country_code)
        assert country in zone_countries.get(station.zone, set()), station


def test_every_station_country_is_known() -> None:
    for station in duty_stations():
        assert country_or_territory(station.country_code).code == station.country_code


def test_every_alias_is_folded_as_the_parser_folds() -> None:
    """The parser looks spellings up in the folded text: an unfolded alias could never be found."""
    for station in duty_stations():
        for alias in station.aliases:
            assert alias == fold(alias) == fold_aligned(alias), alias
            assert 1 <= len(alias.split(" ")) <= 4, alias
        assert fold(station.name_en) in station.aliases
        assert fold(station.name_fr) in station.aliases


def test_every_alias_resolves_to_its_station() -> None:
    for station in duty_stations():
        for alias in station.aliases:
            assert station_for(alias) is station, alias
            assert station_for(f"{alias.title()}, somewhere") is station, alias
            assert CITIES[alias] == (station.name_en, station.country.name_in_notices)


def test_no_alias_names_two_stations() -> None:
    counts = Counter(alias for station in duty_stations() for alias in station.aliases)
    assert [alias for alias, count in counts.items() if count > 1] == []
    assert len(station_spellings()) == sum(counts.values())


def test_no_station_is_listed_twice() -> None:
    names = Counter((station.name_en, station.country_code) for station in duty_stations())
    assert [name for name, count in names.items() if count > 1] == []


# Every spelling of the two lists this one replaced, with the zone the old zone list gave where it had one
# (None: the old list did not know it and fell back to Brussels). None may be lost.
OLD_ZONES = {
    "brussels": "Europe/Brussels", "bruxelles": "Europe/Brussels", "mons": "Europe/Brussels",
    "casteau": "Europe/Brussels", "evere": "Europe/Brussels", "the hague": "Europe/Amsterdam",
    "la haye": "Europe/Amsterdam", "den haag": "Europe/Amsterdam", "brunssum": "Europe/Amsterdam",
    "amsterdam": "Europe/Amsterdam", "capellen": "Europe/Luxembourg", "luxembourg": "Europe/Luxembourg",
    "betzdorf": "Europe/Luxembourg", "norfolk": "America/New_York", "new york": "America/New_York",
    "washington": "America/New_York", "naples": "Europe/Rome", "napoli": "Europe/Rome",
    "rome": "Europe/Rome", "roma": "Europe/Rome", "la spezia": "Europe/Rome",
    "poggio renatico": "Europe/Rome", "lago patria": "Europe/Rome", "ramstein": "Europe/Berlin",
    "kalkar": "Europe/Berlin", "uedem": "Europe/Berlin", "oberammergau": "Europe/Berlin",
    "bonn": "Europe/Berlin", "geilenkirchen": "Europe/Berlin", "berlin": "Europe/Berlin",
    "ulm": "Europe/Berlin", "oeiras": "Europe/Lisbon", "lisbon": "Europe/Lisbon",
    "lisbonne": "Europe/Lisbon", "paris": "Europe/Paris", "strasbourg": "Europe/Paris",
    "stavanger": "Europe/Oslo", "oslo": "Europe/Oslo", "bydgoszcz": "Europe/Warsaw",
    "warsaw": "Europe/Warsaw", "varsovie": "Europe/Warsaw", "izmir": "Europe/Istanbul",
    "istanbul": "Europe/Istanbul", "ankara": "Europe/Istanbul", "riga": "Europe/Riga",
    "tallinn": "Europe/Tallinn", "vilnius": "Europe/Vilnius", "madrid": "Europe/Madrid",
    "torrejón": "Europe/Madrid", "copenhagen": "Europe/Copenhagen", "stockholm": "Europe/Stockholm",
    "helsinki": "Europe/Helsinki", "vienna": "Europe/Vienna", "vienne": "Europe/Vienna",
    "wien": "Europe/Vienna", "geneva": "Europe/Zurich", "genève": "Europe/Zurich",
    "geneve": "Europe/Zurich", "nairobi": "Africa/Nairobi", "bangkok": "Asia/Bangkok",
    "addis ababa": "Africa/Addis_Ababa", "santiago": "America/Santiago", "beirut": "Asia/Beirut",
    "kyiv": "Europe/Kyiv", "kiev": "Europe/Kyiv", "tbilisi": "Asia/Tbilisi", "chisinau": "Europe/Chisinau",
    "belgrade": "Europe/Belgrade", "pristina": "Europe/Belgrade", "sarajevo": "Europe/Sarajevo",
    "skopje": "Europe/Skopje", "tirana": "Europe/Tirane", "podgorica": "Europe/Podgorica",
    "bishkek": "Asia/Bishkek", "dushanbe": "Asia/Dushanbe", "ashgabat": "Asia/Ashgabat",
    "tashkent": "Asia/Tashkent", "astana": "Asia/Almaty", "yerevan": "Asia/Yerevan", "baku": "Asia/Baku",
    "london": "Europe/London", "dublin": "Europe/Dublin", "valletta": "Europe/Malta",
    "athens": "Europe/Athens", "prague": "Europe/Prague", "budapest": "Europe/Budapest",
    "bucharest": "Europe/Bucharest", "sofia": "Europe/Sofia", "ljubljana": "Europe/Ljubljana",
    "zagreb": "Europe/Zagreb", "bratislava": "Europe/Bratislava",
    # Only in the parser's old list:
    "brussel": None, "brussels hoofdstedelijk gewest": None, "bergen": None, "'s-gravenhage": None,
    "genf": None, "new york city": None, "latina": None, "warszawa": None, "athenes": None,
    "heraklion": None, "iraklio": None, "lisboa": None, "copenhague": None, "frankfurt": None,
    "francfort": None, "cologne": None, "koln": None, "prishtina": None, "beograd": None, "erevan": None,
    "bakou": None, "addis-abeba": None, "beyrouth": None, "dakar": None, "juba": None, "bangui": None,
    "entebbe": None, "naqoura": None, "baghdad": None, "bagdad": None, "kabul": None, "kaboul": None,
    "kinshasa": None,
}  # fmt: skip


@pytest.mark.parametrize("spelling", sorted(OLD_ZONES))
def test_no_spelling_of_the_old_lists_is_lost(spelling: str) -> None:
    station = station_for(spelling)
    assert station is not None
    assert fold(spelling) in CITIES
    if OLD_ZONES[spelling] is not None:
        assert station.zone == OLD_ZONES[spelling]


@pytest.mark.parametrize(
    ("spelling", "zone"),
    [
        ("heraklion", "Europe/Athens"),
        ("baghdad", "Asia/Baghdad"),
        ("kabul", "Asia/Kabul"),
        ("juba", "Africa/Juba"),
        ("frankfurt", "Europe/Berlin"),
        ("dakar", "Africa/Dakar"),
        ("kinshasa", "Africa/Kinshasa"),
    ],
)
def test_stations_the_old_zone_list_missed_have_their_own_zone(spelling: str, zone: str) -> None:
    """These deadlines used to be read in Brussels time."""
    assert zone_for_location(spelling) == zone


def test_a_wall_clock_time_is_read_again_in_the_right_zone() -> None:
    """23:59 taken as Brussels time becomes 23:59 Kabul time, 2.5 hours earlier in summer."""
    stored = dt.datetime(2025, 7, 29, 23, 59, tzinfo=ZoneInfo("Europe/Brussels"))
    corrected = reread_in_zone(stored, "Europe/Brussels", "Asia/Kabul")
    assert corrected.astimezone(ZoneInfo("Asia/Kabul")).replace(tzinfo=None) == dt.datetime(
        2025, 7, 29, 23, 59
    )
    assert stored - corrected == dt.timedelta(hours=2, minutes=30)


def test_an_ambiguous_wall_clock_time_is_read_as_its_later_instant() -> None:
    """02:30 on 2025-10-26 happens twice in Brussels: the later one (01:30 UTC) is kept."""
    stored = dt.datetime(2025, 10, 26, 2, 30, tzinfo=ZoneInfo("Asia/Kabul"))
    corrected = reread_in_zone(stored, "Asia/Kabul", "Europe/Brussels")
    assert corrected.astimezone(dt.UTC) == dt.datetime(2025, 10, 26, 1, 30, tzinfo=dt.UTC)
