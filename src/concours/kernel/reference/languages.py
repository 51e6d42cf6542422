"""ISO 639-1 languages with their English and French names, and the spellings notices name them with."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from concours.kernel.reference._data import load
from concours.kernel.reference.spelling import fold


@cache
def _names() -> dict[str, tuple[str, str]]:
    return {row["code"]: (row["name_en"], row["name_fr"]) for row in load("languages")["languages"]}


def language_codes() -> Mapping[str, object]:
    """Every ISO 639-1 code, as a mapping to test membership with `in` (the fastest look-up)."""
    return _names()


def is_language(code: str) -> bool:
    return code in _names()


def language_name(code: str, lang: str = "en") -> str:
    """The language's name in `lang` ('en' or 'fr'); the code itself when it is unknown."""
    names = _names().get(code)
    if names is None:
        return code
    return names[1] if lang == "fr" else names[0]


@cache
def language_spellings() -> Mapping[str, str]:
    """How notices name the languages they ask for -> ISO 639-1 code ('anglais' -> 'en').

    Only the languages given aliases in languages.json are looked for in notices; each is found by its
    aliases (folded) and by its English and French names as written ('français') and folded ('francais'),
    since the parser looks for them in the text as written.
    """
    spellings: dict[str, str] = {}
    for row in load("languages")["languages"]:
        aliases = row.get("aliases")
        if aliases:
            names = (row["name_en"], row["name_fr"])
            for spelling in (*aliases, *(name.casefold() for name in names), *(fold(name) for name in names)):
                spellings.setdefault(spelling, row["code"])
    return spellings
