"""The parser's places and language names come from the reference data, and keep every old spelling."""

from __future__ import annotations

from concours.kernel.notices.header import place
from concours.kernel.notices.vocabulary import CITIES, COUNTRIES, LANGUAGES
from concours.kernel.reference.duty_stations import duty_stations
from concours.kernel.reference.languages import is_language

# The parser's own lists before they were read from the reference data.
OLD_COUNTRIES = {
    "belgium": "Belgium", "belgique": "Belgium", "belgie": "Belgium", "netherlands": "Netherlands",
    "the netherlands": "Netherlands", "pays-bas": "Netherlands", "switzerland": "Switzerland",
    "suisse": "Switzerland", "austria": "Austria", "autriche": "Austria", "united states": "United States",
    "united states of america": "United States", "usa": "United States", "etats-unis": "United States",
    "luxembourg": "Luxembourg", "italy": "Italy", "italie": "Italy", "france": "France", "poland": "Poland",
    "pologne": "Poland", "greece": "Greece", "grece": "Greece", "portugal": "Portugal", "spain": "Spain",
    "espagne": "Spain", "germany": "Germany", "allemagne": "Germany", "turkey": "Turkey", "turkiye": "Turkey",
    "denmark": "Denmark", "sweden": "Sweden", "finland": "Finland", "estonia": "Estonia", "latvia": "Latvia",
    "lithuania": "Lithuania", "ukraine": "Ukraine", "georgia": "Georgia", "armenia": "Armenia",
    "kenya": "Kenya", "serbia": "Serbia", "albania": "Albania", "montenegro": "Montenegro",
    "north macedonia": "North Macedonia", "kosovo": "Kosovo", "moldova": "Moldova",
    "kazakhstan": "Kazakhstan", "kyrgyzstan": "Kyrgyzstan", "tajikistan": "Tajikistan",
    "uzbekistan": "Uzbekistan", "turkmenistan": "Turkmenistan",
    "bosnia and herzegovina": "Bosnia and Herzegovina", "united kingdom": "United Kingdom",
    "canada": "Canada", "norway": "Norway", "iceland": "Iceland", "czechia": "Czechia",
    "slovakia": "Slovakia", "slovenia": "Slovenia", "croatia": "Croatia", "hungary": "Hungary",
    "romania": "Romania", "bulgaria": "Bulgaria", "azerbaijan": "Azerbaijan",
}  # fmt: skip
OLD_LANGUAGES = {
    "english": "en", "anglais": "en", "french": "fr", "francais": "fr", "français": "fr",
    "néerlandais": "nl", "german": "de", "allemand": "de", "spanish": "es", "espagnol": "es",
    "russian": "ru", "russe": "ru", "arabic": "ar", "arabe": "ar", "chinese": "zh", "chinois": "zh",
    "italian": "it", "italien": "it", "dutch": "nl", "neerlandais": "nl", "portuguese": "pt",
    "portugais": "pt", "polish": "pl", "polonais": "pl", "ukrainian": "uk", "ukrainien": "uk",
    "greek": "el", "grec": "el", "turkish": "tr", "turc": "tr",
}  # fmt: skip
# (spelling, city, country) of the old list where the country is not simply the station's ISO name.
OLD_CITIES = [
    ("kinshasa", "Kinshasa", "Democratic Republic of the Congo"),
    ("ankara", "Ankara", "Turkey"),
    ("pristina", "Pristina", "Kosovo"),
    ("casteau", "Mons", "Belgium"),
    ("bergen", "Mons", "Belgium"),
    ("new york city", "New York", "United States"),
    ("brussels hoofdstedelijk gewest", "Brussels", "Belgium"),
    ("juba", "Juba", "South Sudan"),
    ("bangui", "Bangui", "Central African Republic"),
]


def test_every_old_country_spelling_gives_the_same_name() -> None:
    assert {spelling: COUNTRIES.get(spelling) for spelling in OLD_COUNTRIES} == OLD_COUNTRIES


def test_every_old_language_name_is_kept() -> None:
    assert {spelling: LANGUAGES.get(spelling) for spelling in OLD_LANGUAGES} == OLD_LANGUAGES


def test_field_duty_stations_languages_are_named_in_english_and_french() -> None:
    """Thai, Korean, Swahili...: named by their reference names in both languages, each an ISO 639-1 code."""
    assert LANGUAGES["thai"] == LANGUAGES["thaï"] == "th"
    assert LANGUAGES["swahili"] == LANGUAGES["kiswahili"] == "sw"
    assert all(is_language(code) for code in LANGUAGES.values())


def test_old_city_spellings_give_the_same_place() -> None:
    for spelling, city, country in OLD_CITIES:
        assert CITIES[spelling] == (city, country)


def test_every_station_is_a_city_of_the_parser() -> None:
    for station in duty_stations():
        for alias in station.aliases:
            assert CITIES[alias] == (station.name_en, station.country.name_in_notices)


def test_places_are_written_in_english_whatever_the_spelling() -> None:
    assert place("Kaboul, Afghanistan") == "Kabul, Afghanistan"
    assert place("Bagdad") == "Baghdad, Iraq"
    assert place("Cotonou, Bénin") == "Cotonou, Benin"  # a country of the ISO list, a city not listed
    assert place("Somewhere, Nowhere") is None
