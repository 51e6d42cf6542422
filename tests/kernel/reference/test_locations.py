"""A notice's location and grade in the reader's language: every duty station and its country named in
French; a grade written as a word too."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.reference.countries import country_for
from concours.kernel.reference.duty_stations import DutyStation, duty_stations, location_in, station_for
from concours.kernel.reference.grades import grade_in

stations = st.sampled_from(duty_stations())


@given(stations)
def test_every_station_and_its_country_have_a_french_name_that_fits_a_location(station: DutyStation) -> None:
    assert station.name_fr.strip() == station.name_fr != ""
    name = station.country.name_in_location("fr")
    assert name.strip() == name != ""
    assert "," not in name, station.country.code  # ISO's sorting form cannot stand after a city


@given(stations)
def test_a_station_in_french_and_back(station: DutyStation) -> None:
    """The English location in French names the same station and country, and reads back as written."""
    french = location_in(station.location, "fr")
    assert french == f"{station.name_fr}, {station.country.name_in_location('fr')}"
    assert station_for(french) == station
    assert country_for(french.rpartition(", ")[2]) == station.country
    assert location_in(french, "en") == station.location
    assert location_in(station.location, "en") == station.location


@pytest.mark.parametrize(
    ("location", "french", "english"),
    [
        ("Brussels, Belgium", "Bruxelles, Belgique", "Brussels, Belgium"),
        ("The Hague, Netherlands", "La Haye, Pays-Bas", "The Hague, Netherlands"),
        ("Kabul, Afghanistan", "Kaboul, Afghanistan", "Kabul, Afghanistan"),
        ("Naples, Italy", "Naples, Italie", "Naples, Italy"),
        ("Norfolk, United States", "Norfolk, États-Unis", "Norfolk, United States"),
        ("Moscow, Russian Federation", "Moscou, Russie", "Moscow, Russian Federation"),
        ("Bruxelles, Belgique", "Bruxelles, Belgique", "Brussels, Belgium"),
        ("Brussels", "Bruxelles", "Brussels"),
        ("Belgium", "Belgique", "Belgium"),
        # A city the reference does not list keeps its spelling; its country is named.
        ("Somewhere, Belgium", "Somewhere, Belgique", "Somewhere, Belgium"),
        ("Mons (Casteau), Belgium", "Mons (Casteau), Belgique", "Mons (Casteau), Belgium"),
        # A station named beside another country is another place of the same name.
        ("Naples, United States", "Naples, États-Unis", "Naples, United States"),
        # Unknown places are shown as written.
        ("Home based", "Home based", "Home based"),
        ("Atlantis,  Nowhere", "Atlantis,  Nowhere", "Atlantis,  Nowhere"),
        ("", "", ""),
    ],
)
def test_locations_in_each_language(location: str, french: str, english: str) -> None:
    assert location_in(location, "fr") == french
    assert location_in(location, "en") == english


@given(st.text(max_size=40))
def test_any_text_gives_a_text_and_an_unknown_one_is_kept(text: str) -> None:
    shown = location_in(text, "fr")
    assert isinstance(shown, str)
    if station_for(text) is None and country_for(text.rpartition(",")[2].strip()) is None:
        assert shown == text


@pytest.mark.parametrize(
    ("grade", "french", "english"),
    [
        ("Unclassified", "Non classifié", "Unclassified"),
        ("Non classifié", "Non classifié", "Unclassified"),
        ("G15", "G15", "G15"),
        ("NATO Grade G17", "NATO Grade G17", "NATO Grade G17"),
        ("", "", ""),
    ],
)
def test_a_grade_written_as_a_word_in_each_language(grade: str, french: str, english: str) -> None:
    assert grade_in(grade, "fr") == french
    assert grade_in(grade, "en") == english
