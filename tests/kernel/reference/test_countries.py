from __future__ import annotations

import pytest

from concours.kernel.reference.countries import countries, country, country_name, is_country


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
