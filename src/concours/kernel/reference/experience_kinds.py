"""The keyword table that matches a notice's kind of experience to the tags candidates put on posts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from concours.kernel.reference._data import load

# The tags of candidate.schema.json (experience[].tags).
POST_TAGS = (
    "senior",
    "management",
    "diplomatic",
    "multilateral",
    "international_organisation",
    "policy",
    "political_analysis",
    "defence",
    "security",
    "change_management",
    "chairing",
)


@dataclass(frozen=True, slots=True)
class KindPhrase:
    phrase: str
    tag: str
    group: str


@cache
def general_phrases() -> frozenset[str]:
    """Texts that ask for experience of any kind ('professional experience'): every post counts."""
    return frozenset(p.casefold() for p in load("experience_kinds")["general_phrases"])


@cache
def kind_phrases() -> tuple[KindPhrase, ...]:
    """The phrases, longest first, so that 'change management' is read before 'management'."""
    rows = load("experience_kinds")["phrases"]
    phrases = [KindPhrase(row["phrase"].casefold(), row["tag"], row["group"]) for row in rows]
    return tuple(sorted(phrases, key=lambda p: -len(p.phrase)))
