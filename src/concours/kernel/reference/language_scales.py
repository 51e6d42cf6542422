"""Language proficiency scales: NATO I-VI, CEFR A1-C2, STANAG 6001 0-5 (with SLP profiles), UN.

The scales are kept apart on purpose: no source gives an official mapping between them, so a level on
one scale is never compared with a level on another.

A level is read into a tuple of ranks. Single levels give one rank; a STANAG 6001 Standardized Language
Profile (SLP, e.g. "3321": Listening, Speaking, Reading, Writing) gives four. STANAG ranks count
half-steps so that "plus" levels sit between whole levels: "2" -> 4, "2+" -> 5, "3" -> 6.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import product

from concours.kernel.reference._data import load

Ranks = tuple[int, ...]

SCALES = ("NATO", "CEFR", "STANAG6001", "UN")
SLP_SKILLS = ("listening", "speaking", "reading", "writing")


@dataclass(frozen=True, slots=True)
class Level:
    code: str
    name_en: str
    name_fr: str
    confirmed: bool

    def name(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" else self.name_en


@dataclass(frozen=True, slots=True)
class LanguageScale:
    code: str
    name_en: str
    name_fr: str
    source: str
    levels: tuple[Level, ...]
    # level as written (normalised: see `_key`) -> ranks
    _ranks: dict[str, Ranks]
    # a level's English or French name (normalised) -> its ranks: notices write UN levels by name
    # ("working knowledge", "connaissance pratique"); not offered as levels to choose from
    _named: dict[str, Ranks]

    def name(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def parse(self, level: str) -> Ranks | None:
        """The ranks of `level` on this scale (its code or its name in English or French: "working
        knowledge" is the UN's "working"), or None when the scale has no such level."""
        key = _key(level)
        found = self._ranks.get(key)
        return found if found is not None else self._named.get(key)

    def normalise(self, level: str) -> str | None:
        """The level as this scale writes it ('vi' -> 'VI', 'c1' -> 'C1'), or None when unknown."""
        key = _key(level)
        if key not in self._ranks:
            return None
        return key.lower() if self.code == "UN" else key

    def written_levels(self) -> tuple[str, ...]:
        """Every level this scale accepts, in its normalised spelling (e.g. every SLP for STANAG 6001)."""
        return tuple(self._ranks)

    def level(self, code: str) -> Level | None:
        for level in self.levels:
            if level.code == code:
                return level
        return None

    @property
    def is_profile_scale(self) -> bool:
        """Whether a level may be a per-skill profile (STANAG 6001 SLP)."""
        return self.code == "STANAG6001"


def _key(level: str) -> str:
    return level.strip().upper()


def _ranks_of(code: str, levels: tuple[Level, ...]) -> dict[str, Ranks]:
    if code != "STANAG6001":
        return {level.code.upper(): (rank,) for rank, level in enumerate(levels)}
    ranks: dict[str, Ranks] = {}
    top = len(levels) - 1
    for whole in range(top + 1):
        ranks[str(whole)] = (2 * whole,)
        if whole < top:  # no "5+": 5 is the top of the scale
            ranks[f"{whole}+"] = (2 * whole + 1,)
    # Every four-digit SLP: the whole levels of Listening, Speaking, Reading, Writing.
    for digits in product(range(top + 1), repeat=len(SLP_SKILLS)):
        ranks["".join(map(str, digits))] = tuple(2 * d for d in digits)
    return ranks


@cache
def language_scales() -> dict[str, LanguageScale]:
    """Every scale, by code ('NATO', 'CEFR', 'STANAG6001', 'UN')."""
    result: dict[str, LanguageScale] = {}
    for code, row in load("language_scales")["scales"].items():
        levels = tuple(
            Level(lv["code"], lv["name_en"], lv["name_fr"], lv["confirmed"]) for lv in row["levels"]
        )
        ranks = _ranks_of(code, levels)
        named = {
            _key(name): ranks[_key(level.code)]
            for level in levels
            for name in (level.name_en, level.name_fr)
            if _key(name) not in ranks
        }
        result[code] = LanguageScale(
            code, row["name_en"], row["name_fr"], row["source"], levels, ranks, named
        )
    return result


@cache
def level_words(code: str) -> dict[str, str]:
    """The words that stand for a level of scale `code` where a notice names none ("thorough knowledge"
    -> C1 for the EU's CEFR reading), keyed in lower case; {} for a scale without such words."""
    row = load("language_scales")["scales"].get(code, {})
    return {str(word).casefold(): str(level) for word, level in row.get("words", {}).items()}


def language_scale(code: str) -> LanguageScale:
    """The scale with this code; KeyError for an unknown one."""
    return language_scales()[code]
