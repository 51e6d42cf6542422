"""ISO 3166-1 alpha-2 countries with their English and French names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from concours.kernel.reference._data import load


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name_en: str
    name_fr: str

    def name(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" else self.name_en


@cache
def countries() -> dict[str, Country]:
    """Every ISO 3166-1 alpha-2 country, by code."""
    return {
        row["code"]: Country(row["code"], row["name_en"], row["name_fr"])
        for row in load("countries")["countries"]
    }


def is_country(code: str) -> bool:
    return code in countries()


def country(code: str) -> Country:
    """The country with this code; KeyError for a code ISO 3166-1 does not assign."""
    return countries()[code]


def country_name(code: str, lang: str = "en") -> str:
    """The country's name in `lang` ('en' or 'fr'), or the code itself when it is unknown."""
    found = countries().get(code)
    return found.name(lang) if found else code
