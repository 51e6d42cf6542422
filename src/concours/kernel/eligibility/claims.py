"""Experience claimed per requirement: the candidate names the posts that show each experience a notice
asks for, and screening counts the years of those posts rather than guessing from their tags.

A claim names posts by their position in the profile as submitted (its `experience` list, from 0):
the profile is frozen at submission, so a position always names the same post. Years are counted as
for tags (experience.py): the union of the posts' periods, part-time by its fraction, ongoing posts up
to the application date. A requirement the candidate claimed no post for is "not claimed", a claim
whose posts fall short "claimed but short": the candidate and the recruiter read which one it is.

A requirement is named by a key that survives reading the notice again: its position among the
notice's experience requirements and a hash of its words and years. A notice edited after a
submission gives its changed requirements new keys; claims to the old ones then name nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.experience import DAYS_PER_YEAR, ExperienceRule
from concours.kernel.eligibility.intervals import Period, worked_days
from concours.kernel.eligibility.messages import JSON
from concours.kernel.eligibility.profile import Profile
from concours.kernel.eligibility.verdict import FAIL, PASS, Check


class Claim(NamedTuple):
    """The posts (positions in the profile's experience) that count for one requirement; `reviewed`
    when a recruiter confirmed or corrected them, so that the reason says whose choice it is."""

    posts: tuple[int, ...]
    reviewed: bool = False


def requirement_key(index: int, of: str, min_years: float) -> str:
    """'2-5d41402abc': the requirement's position and the first ten hex digits of a hash of its words
    (spaces and case aside) and years, so that a claim and its requirement can be matched again."""
    words = " ".join(str(of).split()).casefold()
    digest = hashlib.sha256(f"{words}|{float(min_years):g}".encode()).hexdigest()
    return f"{index}-{digest[:10]}"


def requirement_keys(experience: Iterable[Mapping[str, Any]]) -> list[str]:
    """The key of each experience requirement of a notice, in its order."""
    return [
        requirement_key(index, str(item.get("of") or ""), _years(item.get("min_years")))
        for index, item in enumerate(experience)
    ]


def _years(value: object) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def tags_match(rule: ExperienceRule, tags: int) -> bool:
    """Whether a post with these tag bits counts for the rule by its tags (what pre-selects a claim):
    every post for a general phrase, none for a kind that matches no tag."""
    if rule.groups is None:
        return False
    if not rule.groups:
        return True
    return tags in rule.accepted


def claimed_periods(profile: Profile, posts: Sequence[int], on_day: int) -> list[Period]:
    """The periods of the claimed posts begun by the application date, ongoing ones up to it.

    A position that names no post of the profile breaks the contract (InvalidInput): the claim was not
    made on this profile.
    """
    experience = profile.experience
    periods: list[Period] = []
    for position in dict.fromkeys(posts):  # a post claimed twice counts once
        if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position < len(experience):
            raise InvalidInput("claims", f"{position!r} is not the position of a post of the profile")
        start, end, fte, _tags = experience[position]
        if start > on_day:
            continue
        periods.append((start, on_day if end is None or end > on_day else end, fte))
    return periods


def check_claimed_experience(
    profile: Profile, rule: ExperienceRule, claim: Claim, on: str, on_day: int
) -> Check:
    """The check of one experience rule over the posts claimed for it (see the module's rules)."""
    days = worked_days(claimed_periods(profile, claim.posts, on_day))
    params: dict[str, JSON] = {
        "of": rule.of,
        "min_years": rule.min_years,
        "max_years": rule.max_years,
        "years": int(days * 10 / DAYS_PER_YEAR + 1e-9) / 10,
        "on": on,
        "claimed": {"posts": len(set(claim.posts)), "reviewed": claim.reviewed},
    }
    if days + 1e-9 >= rule.min_days:
        return Check("experience", PASS, "experience.pass_claimed", params)
    if not claim.posts and not claim.reviewed:
        return Check("experience", FAIL, "experience.not_claimed", params)
    return Check("experience", FAIL, "experience.fail_claimed", params)
