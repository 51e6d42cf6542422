from __future__ import annotations

import pytest

from concours.kernel.reference.countries import (
    countries,
    country,
    country_for,
    country_name,
    country_or_territory,
    country_spellings,
    is_country,
)
from concours.kernel.reference.spelling import fold


def test_every_iso_3166_1_alpha_2_code_is_listed() -> None:
    """The country list holds the 249 ISO 3166-1 codes, each two capital letters."""
    codes = countries()
    assert len(codes) == 249
    assert all(len(code) == 2 and code.isupper() for code in codes)


@pytest.mark.parametrize(
    ("code", "english", "french"),
    [
        ("FI", "Finland", "Finlande"),
        ("GB", "United Kingdom", "Royaume-Uni"),
        ("US", "United States", "États-Unis"),
    ],
)
def test_countries_have_english_and_french_names(code: str, english: str, french: str) -> None:
    assert country(code).name("en") == english
    assert country_name(code, "fr") == french


@pytest.mark.parametrize("code", ["UK", "EU", "XK", "fi", "ZZ"])
def test_codes_iso_does_not_assign_are_unknown(code: str) -> None:
    """UK is not the United Kingdom's code (GB is); unknown codes are refused."""
    assert not is_country(code)
    with pytest.raises(KeyError):
        country(code)


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Belgique", "BE"),
        ("pays-bas", "NL"),
        ("USA", "US"),
        ("États-Unis", "US"),
        ("Afghanistan", "AF"),
        ("Türkiye", "TR"),
        ("République démocratique du Congo", "CD"),
        ("Kosovo", "XK"),
    ],
)
def test_a_country_is_found_by_the_spellings_notices_use(spelling: str, code: str) -> None:
    found = country_for(spelling)
    assert found is not None and found.code == code


def test_kosovo_names_a_duty_station_country_but_is_no_nationality() -> None:
    """XK is user-assigned: a territory a notice may name, never an ISO code a profile may hold."""
    assert country_or_territory("XK").name("fr") == "Kosovo"
    assert not is_country("XK")


def test_no_spelling_names_two_countries() -> None:
    owners: dict[str, set[str]] = {}
    for place in [*countries().values(), country_or_territory("XK")]:
        for spelling in (fold(place.name_en), fold(place.name_fr), *place.aliases):
            owners.setdefault(spelling, set()).add(place.code)
    assert {spelling: codes for spelling, codes in owners.items() if len(codes) > 1} == {}
    assert all(fold(alias) == alias for spelling in country_spellings() for alias in [spelling])


def test_locations_keep_the_english_names_notices_write() -> None:
    assert country("TR").name_in_notices == "Turkey"
    assert country("CD").name_in_notices == "Democratic Republic of the Congo"
    assert country("AF").name_in_notices == "Afghanistan"
