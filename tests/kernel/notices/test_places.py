"""Places: duty stations and countries in any of their names, split as notices join them."""

from __future__ import annotations

import pytest

from concours.kernel.notices.parse import parse_notice_text
from concours.kernel.notices.places import is_place, split_place, station_named


def test_a_place_is_split_at_its_joins_not_inside_its_names() -> None:
    assert split_place("Belgium-Brussels") == ["Belgium", "Brussels"]
    assert split_place("Timor-Leste") == ["Timor-Leste"]
    assert split_place("Port-au-Prince, Haiti") == ["Port-au-Prince", "Haiti"]


def test_places_in_either_language_and_any_case() -> None:
    assert is_place("Juba, Soudan du Sud") and is_place("Genève") and not is_place("Policy Officer")
    station = station_named("GENÈVE")
    assert station is not None and (station.name_en, station.country_code) == ("Geneva", "CH")
    assert station_named("Addis-Abeba") is station_named("Addis Ababa")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Duty Station: Dili, Timor-Leste", "Dili, Timor-Leste"),
        ("Lieu d'affectation : Port-au-Prince (Haïti)", "Port-au-Prince, Haïti"),
        ("Duty station: Bonn (Germany)", "Bonn, Germany"),
        ("Location: Hybrid - The Hague, Netherlands", "The Hague, Netherlands"),
        ("Location: Home-based", "Home-based"),
    ],
)
def test_the_location_field_as_written(written: str, expected: str) -> None:
    assert parse_notice_text(f"Title: Officer\n{written}\n")["location"] == expected


def test_a_country_and_its_city_joined_by_a_hyphen() -> None:
    """WHO's 'Congo-Brazzaville' (Country-City) is Brazzaville, Congo; 'Guinea-Bissau' stays a country."""
    from concours.kernel.notices.places import location_from

    assert location_from("Congo-Brazzaville") == "Brazzaville, Congo"
    assert location_from("Guinea-Bissau") == "Guinea-Bissau"


def test_a_place_name_joined_by_a_small_word_is_one_place() -> None:
    """'Boulogne-sur-Mer', 'Frankfurt-am-Main': one place each, not cut at a hyphen."""
    assert split_place("Boulogne-sur-Mer, France") == ["Boulogne-sur-Mer", "France"]
    assert split_place("Frankfurt-am-Main, Germany") == ["Frankfurt-am-Main", "Germany"]
    notice = parse_notice_text("Job title: Archivist\nLocation: Châlons-en-Champagne, France\n")
    assert notice["location"] == "Châlons-en-Champagne, France"
