"""Treaty memberships (NATO, OSCE, UN, EU), dated, with the source of each date.

A country is a member on a day when `since <= day` and, if it has left, `day <= until`. A `since` of
None means a member since before 2000, the earliest day this system deals with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from concours.kernel.reference._data import load

# Ordinal day numbers standing for "always" and "never left", so that a membership test is two integer
# comparisons in the screening loop.
FIRST_DAY = date.min.toordinal()
LAST_DAY = date.max.toordinal()


@dataclass(frozen=True, slots=True)
class Member:
    code: str
    since: date | None
    until: date | None
    day_inferred: bool
    source: str

    def is_member_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass(frozen=True, slots=True)
class Membership:
    key: str
    name_en: str
    name_fr: str
    members_en: str
    members_fr: str
    source: str
    members: dict[str, Member]

    def name(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def members_phrase(self, lang: str = "en") -> str:
        """How the members are called, e.g. 'NATO member countries'."""
        return self.members_fr if lang == "fr" else self.members_en

    def is_member(self, code: str, on: date) -> bool:
        member = self.members.get(code)
        return member is not None and member.is_member_on(on)

    def members_on(self, on: date) -> frozenset[str]:
        return frozenset(code for code, member in self.members.items() if member.is_member_on(on))

    @property
    def days(self) -> dict[str, tuple[int, int]]:
        """Per member, its first and last day of membership as ordinals (inclusive)."""
        return _days(self.key)


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


@cache
def memberships() -> dict[str, Membership]:
    """Every membership, by key ('nato', 'osce', 'un', 'eu')."""
    result: dict[str, Membership] = {}
    for key, row in load("memberships")["memberships"].items():
        members = {
            m["code"]: Member(m["code"], _day(m["since"]), _day(m["until"]), m["day_inferred"], m["source"])
            for m in row["members"]
        }
        result[key] = Membership(
            key, row["name_en"], row["name_fr"], row["members_en"], row["members_fr"], row["source"], members
        )
    return result


def membership(key: str) -> Membership:
    """The membership with this key; KeyError for an unknown one."""
    return memberships()[key]


@cache
def _days(key: str) -> dict[str, tuple[int, int]]:
    return {
        code: (
            FIRST_DAY if m.since is None else m.since.toordinal(),
            LAST_DAY if m.until is None else m.until.toordinal(),
        )
        for code, m in membership(key).members.items()
    }
