"""Degree: the highest degree completed by the application date against the notice's minimum level.

Where the notice accepts "or equivalent" (in its essential qualifications), a lower degree is for a
person to judge ("review"), not a failure. A degree not yet completed that would meet the level is
also for a person to judge: it may be completed by the time of appointment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.messages import JSON
from concours.kernel.eligibility.profile import Profile
from concours.kernel.eligibility.verdict import FAIL, PASS, REVIEW, Check
from concours.kernel.reference.degrees import degree_levels, degree_ranks

# Words that, together in one essential qualification, accept an equivalent of the degree.
_DEGREE_WORDS = ("degree", "diploma", "university", "qualification", "diplôme", "licence", "master")
_EQUIVALENT_WORDS = ("equivalent", "équivalent")


@dataclass(frozen=True, slots=True)
class DegreeRule:
    level: str
    rank: int
    or_equivalent: bool


def accepts_equivalent(qualifications: object) -> bool:
    """Whether an essential qualification about the degree also accepts an equivalent."""
    if not isinstance(qualifications, list):
        return False
    for text in qualifications:
        if isinstance(text, str):
            folded = text.casefold()
            if any(w in folded for w in _EQUIVALENT_WORDS) and any(w in folded for w in _DEGREE_WORDS):
                return True
    return False


def compile_degree(notice: Mapping[str, Any]) -> DegreeRule | None:
    value = notice.get("degree")
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidInput("notice.degree", "must be an object or null")
    level = value.get("min_level")
    if level is None:
        return None
    if level not in degree_ranks():
        raise InvalidInput("notice.degree.min_level", f"must be one of {', '.join(degree_levels())} or null")
    return DegreeRule(
        level, degree_ranks()[level], accepts_equivalent(notice.get("essential_qualifications"))
    )


def check_degree(profile: Profile, rule: DegreeRule, on: str, on_day: int) -> Check:
    held = studying = -1
    for degree in profile.education:
        if degree.completed is not None and degree.completed <= on_day:
            held = max(held, degree.rank)
        else:
            studying = max(studying, degree.rank)
    levels = degree_levels()
    params: dict[str, JSON] = {"level": rule.level, "held": levels[held] if held >= 0 else None}
    if held >= rule.rank:
        return _new(Check, ("degree", PASS, "degree.pass", params))
    if rule.or_equivalent:
        return _new(Check, ("degree", REVIEW, "degree.review_equivalent", params))
    if studying >= rule.rank:
        return Check(
            "degree", REVIEW, "degree.review_in_progress", {**params, "studying": levels[studying], "on": on}
        )
    return _new(Check, ("degree", FAIL, "degree.fail", params))


# Checks are built straight from a tuple: the named tuple's own __new__ is one more Python call.
_new = tuple.__new__
