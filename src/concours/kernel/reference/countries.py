"""ISO 3166-1 alpha-2 countries with their English and French names, and the spellings notices use.

`countries()` is the ISO list (a nationality must be one of them); `country_for(text)` also knows the
territories notices name as a duty station's country that ISO 3166-1 does not list (Kosovo, XK).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from concours.kernel.reference._data import load
from concours.kernel.reference.spelling import fold


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name_en: str
    name_fr: str
    aliases: tuple[str, ...] = ()  # other spellings notices use, folded (spelling.fold)
    notice_name: str = ""  # the English name a notice's "City, Country" writes, where it is not name_en
    notice_name_fr: str = ""  # the French one, where name_fr is ISO's sorting form ("Russie, Fédération de")

    def name(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" else self.name_en

    @property
    def name_in_notices(self) -> str:
        """The English name a notice's location is written with ("Kabul, Afghanistan")."""
        return self.notice_name or self.name_en

    def name_in_location(self, lang: str = "en") -> str:
        """The name a location ("City, Country") is written with in `lang`: "Russia" / "Russie"."""
        return (self.notice_name_fr or self.name_fr) if lang == "fr" else self.name_in_notices


def _country(row: dict[str, Any]) -> Country:
    return Country(
        row["code"],
        row["name_en"],
        row["name_fr"],
        tuple(row.get("aliases", ())),
        row.get("notice_name", ""),
        row.get("notice_name_fr", ""),
    )


@cache
def countries() -> dict[str, Country]:
    """Every ISO 3166-1 alpha-2 country, by code."""
    return {row["code"]: _country(row) for row in load("countries")["countries"]}


@cache
def _places() -> dict[str, Country]:
    """The ISO countries and the territories notices name that ISO 3166-1 does not list, by code."""
    return {**countries(), **{row["code"]: _country(row) for row in load("countries")["territories"]}}


def country_or_territory(code: str) -> Country:
    """A duty station's country: an ISO 3166-1 country or a listed territory; KeyError for others."""
    return _places()[code]


@cache
def country_spellings() -> Mapping[str, Country]:
    """Every folded spelling of a country or territory a notice may use -> the country.

    Its English and French names (those without a comma: "Congo, The Democratic Republic of the" is no
    one's spelling), the names locations are written with, and its aliases.
    """
    spellings: dict[str, Country] = {}
    for place in _places().values():
        names = (place.name_en, place.name_fr, place.name_in_location("en"), place.name_in_location("fr"))
        for spelling in (*(fold(name) for name in names), *place.aliases):
            if "," not in spelling:
                spellings.setdefault(spelling, place)
    return spellings


def country_for(text: str | None) -> Country | None:
    """The country or territory `text` names, in any spelling notices use ('Pays-Bas', 'USA'); else None."""
    return country_spellings().get(fold(text)) if text else None


def is_country(code: str) -> bool:
    return code in countries()


def country(code: str) -> Country:
    """The country with this code; KeyError for a code ISO 3166-1 does not assign."""
    return countries()[code]


def country_name(code: str, lang: str = "en") -> str:
    """The country's name in `lang` ('en' or 'fr'), or the code itself when it is unknown."""
    found = countries().get(code)
    return found.name(lang) if found else code
