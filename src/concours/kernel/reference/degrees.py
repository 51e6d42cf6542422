"""Levels of education, ordered: secondary < bachelor < master < doctorate."""

from __future__ import annotations

from functools import cache

from concours.kernel.reference._data import load


@cache
def _levels() -> tuple[tuple[str, str, str], ...]:
    return tuple((row["code"], row["name_en"], row["name_fr"]) for row in load("degree_levels")["levels"])


@cache
def degree_levels() -> tuple[str, ...]:
    """The level codes, lowest first."""
    return tuple(code for code, _, _ in _levels())


@cache
def degree_ranks() -> dict[str, int]:
    """Level code -> its rank (0 for secondary); a higher rank meets every lower requirement."""
    return {code: rank for rank, code in enumerate(degree_levels())}


def degree_rank(level: str) -> int:
    """The rank of a level; KeyError for an unknown one."""
    return degree_ranks()[level]


def degree_name(level: str, lang: str = "en") -> str:
    """The level in words with its article, e.g. "a master's degree", "un master"."""
    for code, name_en, name_fr in _levels():
        if code == level:
            return name_fr if lang == "fr" else name_en
    return level
