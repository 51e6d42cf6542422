"""Experience: years worked, per kind of experience a notice asks for, over the posts of that kind.

A notice's kind ('senior management positions') is matched once, when the notice is compiled, to the
tags a post must carry (reference/data/experience_kinds.json); a kind that matches no tag and is not a
general phrase ('professional experience') needs a person. Years are counted over the union of the
matching posts (see intervals.py for overlaps and part-time), ongoing posts up to the application date.
A year is 365 days, so that N calendar years of full-time work always make N years, and the years a
reason shows are rounded down to a tenth, so they never read as enough when they are not. A range
('10-15 years') is a minimum for eligibility; the upper figure is no bar.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.intervals import Period, worked_days
from concours.kernel.eligibility.messages import JSON
from concours.kernel.eligibility.profile import TAG_BITS, Profile
from concours.kernel.eligibility.verdict import FAIL, PASS, REVIEW, Check
from concours.kernel.reference.experience_kinds import general_phrases, kind_phrases

DAYS_PER_YEAR = 365
# Posts the notice's words match count; a group is a bit mask (any of its tags will do).
_GROUP_ORDER = ("rank", "role", "field")


@dataclass(frozen=True, slots=True)
class ExperienceRule:
    of: str
    min_years: float
    max_years: float | None
    min_days: float
    # None: the kind could not be matched; () : every post counts; else every group must match.
    groups: tuple[int, ...] | None
    # Every combination of tags that counts, so that a post is tested by one set look-up.
    accepted: frozenset[int]
    tags: list[JSON]  # the groups as tag names, for messages


def tag_groups_for(kind: str) -> list[list[str]] | None:
    """The tag groups a kind of experience asks for, or None when its words match none.

    'senior management positions' -> [['senior'], ['management']]; 'professional experience' -> [].
    """
    text = " ".join(kind.split()).casefold()
    if text.rstrip(" .;") in general_phrases():
        return []
    groups: dict[str, list[str]] = {}
    for entry in kind_phrases():
        if entry.phrase in text:
            # Each stretch of text is read once: "change management" is not "management" too.
            text = text.replace(entry.phrase, "\x00")
            tags = groups.setdefault(entry.group, [])
            if entry.tag not in tags:
                tags.append(entry.tag)
    if not groups:
        return None
    return [groups[name] for name in sorted(groups, key=_group_rank)]


def _group_rank(name: str) -> int:
    return _GROUP_ORDER.index(name) if name in _GROUP_ORDER else len(_GROUP_ORDER)


def compile_experience(notice: Mapping[str, Any]) -> tuple[ExperienceRule, ...]:
    value = notice.get("experience")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InvalidInput("notice.experience", "must be a list")
    rules = []
    for i, item in enumerate(value):
        field = f"notice.experience[{i}]"
        if not isinstance(item, Mapping):
            raise InvalidInput(field, "must be an object")
        min_years, max_years, kind = item.get("min_years"), item.get("max_years"), item.get("of", "")
        if isinstance(min_years, bool) or not isinstance(min_years, int | float) or min_years < 0:
            raise InvalidInput(f"{field}.min_years", "must be a number of years, 0 or more")
        if max_years is not None and (isinstance(max_years, bool) or not isinstance(max_years, int | float)):
            raise InvalidInput(f"{field}.max_years", "must be a number of years or null")
        if not isinstance(kind, str):
            raise InvalidInput(f"{field}.of", "must be text")
        groups = tag_groups_for(kind)
        masks = None if groups is None else tuple(_mask(group) for group in groups)
        accepted = frozenset(
            tags for tags in range(1 << len(TAG_BITS)) if masks and all(tags & mask for mask in masks)
        )
        tags: list[JSON] = [list(group) for group in groups] if groups is not None else []
        rules.append(
            ExperienceRule(kind, float(min_years), None if max_years is None else float(max_years),
                           float(min_years) * DAYS_PER_YEAR, masks, accepted, tags)
        )  # fmt: skip
    return tuple(rules)


def _mask(tags: list[str]) -> int:
    mask = 0
    for tag in tags:
        mask |= TAG_BITS[tag]
    return mask


# A post as of the application date: (first day, last day, fte, tags), ongoing posts ended that day.
DatedPost = tuple[int, int, float, int]


def posts_by(profile: Profile, on_day: int) -> list[DatedPost]:
    """The profile's posts begun by the application date, ongoing ones counted up to it."""
    return [
        (start, on_day if end is None or end > on_day else end, fte, tags)
        for start, end, fte, tags in profile.experience
        if start <= on_day
    ]


def check_experience(profile: Profile, rule: ExperienceRule, on: str, on_day: int) -> Check:
    """The check of one experience rule on the application date (`on` its ISO text, `on_day` its ordinal)."""
    groups = rule.groups
    accepted = rule.accepted if groups else None
    # The usual case, full-time posts listed in order, adds up in one pass over the profile: the length
    # of their union, merged as they come. Anything else (a part-time post, posts out of order) is
    # counted by worked_days, as check_dated_experience does; both give the same figure.
    total = 0
    current_start = current_end = previous_start = previous_end = 0
    merging = False  # whether current_start..current_end holds a stretch not yet added to total
    for start, end, fte, tags in profile.experience:
        if start > on_day or (accepted is not None and tags not in accepted):
            continue
        if end is None or end > on_day:
            end = on_day
        # Out of (start, end) order: the merge below needs the order worked_days sorts into.
        if fte != 1.0 or (
            merging and (start < previous_start or (start == previous_start and end < previous_end))
        ):
            return check_dated_experience(posts_by(profile, on_day), rule, on)
        previous_start, previous_end = start, end
        if not merging:
            current_start, current_end, merging = start, end, True
        elif start > current_end + 1:
            total += current_end - current_start + 1
            current_start, current_end = start, end
        elif end > current_end:
            current_end = end
    if merging:
        total += current_end - current_start + 1
    return _experience_check(rule, float(total), on)


def check_dated_experience(posts: list[DatedPost], rule: ExperienceRule, on: str) -> Check:
    """As check_experience, over posts already dated by `posts_by` (once for all of a notice's rules)."""
    if rule.groups:
        accepted = rule.accepted
        periods: list[Period] = [(start, end, fte) for start, end, fte, tags in posts if tags in accepted]
    else:
        periods = [(start, end, fte) for start, end, fte, _ in posts]
    return _experience_check(rule, worked_days(periods), on)


def _experience_check(rule: ExperienceRule, days: float, on: str) -> Check:
    params: dict[str, JSON] = {
        "of": rule.of,
        "min_years": rule.min_years,
        "max_years": rule.max_years,
        "years": int(days * 10 / DAYS_PER_YEAR + 1e-9) / 10,
        "on": on,
        "counted": rule.tags,
    }
    if rule.groups is None:
        return _new(Check, ("experience", REVIEW, "experience.review_kind", params))
    if days + 1e-9 >= rule.min_days:
        return _new(Check, ("experience", PASS, "experience.pass", params))
    return _new(Check, ("experience", FAIL, "experience.fail", params))


# Checks are built straight from a tuple: the named tuple's own __new__ is one more Python call.
_new = tuple.__new__
