"""Organisations' standing rules: whose nationals they recruit and which language scale they use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from concours.kernel.reference._data import load


@dataclass(frozen=True, slots=True)
class Organisation:
    key: str
    name_en: str
    name_fr: str
    aliases: tuple[str, ...]
    membership: str
    # True where the rule holds for every post even when a notice does not write it (NATO).
    nationality_rule_standing: bool
    nationality_rule_source: str
    language_scale: str

    def name(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" else self.name_en


@cache
def organisations() -> dict[str, Organisation]:
    """Every organisation, by key ('nato', 'un', 'osce', 'eu')."""
    return {
        key: Organisation(
            key,
            row["name_en"],
            row["name_fr"],
            tuple(row["aliases"]),
            row["membership"],
            row["nationality_rule_standing"],
            row["nationality_rule_source"],
            row["language_scale"],
        )
        for key, row in load("organisations")["organisations"].items()
    }


def organisation(key: str) -> Organisation:
    """The organisation with this key; KeyError for an unknown one."""
    return organisations()[key]


@cache
def _by_alias() -> dict[str, Organisation]:
    return {alias.casefold(): org for org in organisations().values() for alias in (org.key, *org.aliases)}


def find_organisation(*names: str | None) -> Organisation | None:
    """The organisation the first recognised name stands for (e.g. a notice's organisation, then its body)."""
    for name in names:
        if name:
            found = _by_alias().get(" ".join(name.split()).casefold())
            if found is not None:
                return found
    return None


@cache
def restriction_phrases() -> tuple[tuple[str, str | None], ...]:
    """(phrase, membership key or None for 'the organisation's own'), longest phrase first."""
    rows = load("organisations")["restriction_phrases"]["phrases"]
    pairs = [(row["phrase"].casefold(), row["membership"]) for row in rows]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def membership_named_in(restriction: str, organisation: Organisation | None) -> str | None:
    """The membership a notice's nationality restriction names, or None when its words name none.

    'nationals of NATO member countries' -> 'nato'; 'nationals of member States' -> the organisation's own.
    """
    text = restriction.casefold()
    # Phrases naming a membership outright win over a bare "member", whatever their length.
    for phrase, key in restriction_phrases():
        if key is not None and phrase in text:
            return key
    for phrase, key in restriction_phrases():
        if key is None and phrase in text:
            return organisation.membership if organisation is not None else None
    return None
