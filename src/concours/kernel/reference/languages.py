"""ISO 639-1 languages with their English and French names."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from concours.kernel.reference._data import load


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
