"""Organisations' standing rules (whose nationals they recruit, which language scale they use), and the
employers notices name: organisations and their employing bodies, with every name each is known by."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from concours.kernel.reference._data import load
from concours.kernel.reference.spelling import fold


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
    """The organisation the first recognised name stands for (e.g. a notice's organisation, then its body).

    A name is an alias of an organisation with standing rules, or the name of an employer (a body such
    as "World Food Programme" stands for the United Nations' rules); an employer with no such rules
    (WHO, the World Bank) stands for none, and the next name is tried.
    """
    for name in names:
        if name:
            found = _by_alias().get(" ".join(name.split()).casefold())
            if found is None:
                owner = employer_named(name)
                rules = owner.root.rules if owner is not None else None
                found = organisations().get(rules) if rules else None
            if found is not None:
                return found
    return None


@dataclass(frozen=True, slots=True, eq=False)
class Employer:
    """An organisation or one of its employing bodies, with every name notices give it (one object per
    employer: compared and hashed as itself).

    `parent` is None for an organisation (the top level of a notice's `organisation`); for a body, the
    organisation or body it belongs to. `rules` is the key of the standing rules in `organisations()`.
    """

    name: str
    name_fr: str
    names: tuple[str, ...]
    parent: Employer | None
    rules: str | None
    # The scale a notice's language levels are read on when it states none: "UN" for the UN system.
    language_scale: str | None = None

    @property
    def root(self) -> Employer:
        """The organisation at the top: itself for an organisation, else its parent's root."""
        employer = self
        while employer.parent is not None:
            employer = employer.parent
        return employer

    @property
    def depth(self) -> int:
        """0 for an organisation, 1 for a body within it, 2 for a body within a body..."""
        depth, employer = 0, self
        while employer.parent is not None:
            depth, employer = depth + 1, employer.parent
        return depth


@cache
def employers() -> tuple[Employer, ...]:
    """Every organisation and body of the reference list, parents before the bodies within them."""
    rows = load("organisations")["employers"]["list"]
    built: dict[str, Employer] = {}
    pending = list(rows)
    while pending:
        waiting = []
        for row in pending:
            parent_name = row["part_of"]
            if parent_name is not None and parent_name not in built:
                waiting.append(row)
                continue
            built[row["name"]] = Employer(
                row["name"],
                row["name_fr"],
                tuple(row["names"]),
                built[parent_name] if parent_name is not None else None,
                row.get("rules"),
                row.get("language_scale"),
            )
        if len(waiting) == len(pending):
            raise ValueError(f"organisations.json: unknown part_of in {[row['name'] for row in waiting]}")
        pending = waiting
    return tuple(built.values())


@cache
def _employer_names() -> dict[str, Employer]:
    return {fold(name): employer for employer in employers() for name in (employer.name, *employer.names)}


def employer_named(name: str | None) -> Employer | None:
    """The organisation or body `name` is one of the names of (any case, accents ignored); else None."""
    return _employer_names().get(fold(name)) if name else None


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
