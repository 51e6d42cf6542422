"""Screening: one verdict per application, from a profile and a notice's compiled requirements.

For many applications to one vacancy, compile the notice once (`compile_requirements`) and call
`screen_compiled` per application; `screen` does both for a single application.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from concours.kernel.eligibility.claims import Claim, check_claimed_experience
from concours.kernel.eligibility.deadline import check_deadline
from concours.kernel.eligibility.degree import check_degree
from concours.kernel.eligibility.experience import check_experience
from concours.kernel.eligibility.languages import check_languages
from concours.kernel.eligibility.nationality import check_nationality
from concours.kernel.eligibility.profile import Profile, load_profile
from concours.kernel.eligibility.questions import check_question
from concours.kernel.eligibility.requirements import Requirements, compile_requirements
from concours.kernel.eligibility.verdict import Check, Verdict


def screen(
    profile: Profile | Mapping[str, Any],
    requirements: Requirements | Mapping[str, Any],
    *,
    on: date,
    submitted_at: datetime | None = None,
    organisation: str | None = None,
) -> Verdict:
    """The verdict on one application made on `on` (the application date).

    `profile`: a Profile or a dict shaped as candidate.schema.json; `requirements`: compiled
    Requirements or a dict shaped as notice.schema.json; `submitted_at` (aware) is checked against
    the deadline when given; `organisation` overrides the notice's for its standing rules.
    Raises InvalidInput for a profile or notice that breaks its contract.
    """
    if not isinstance(requirements, Requirements):
        requirements = compile_requirements(requirements, organisation=organisation)
    return screen_compiled(profile, requirements, on=on, submitted_at=submitted_at)


def screen_compiled(
    profile: Profile | Mapping[str, Any],
    requirements: Requirements,
    *,
    on: date,
    submitted_at: datetime | None = None,
    claims: Mapping[int, Claim] | None = None,
    answers: Mapping[str, object] | None = None,
) -> Verdict:
    """The verdict on one application against requirements compiled once for the vacancy.

    `claims`: the posts claimed per experience requirement (by its index in `requirements.experience`);
    a requirement without a claim is judged by the tags of the posts, as before claims existed.
    `answers`: the answers to the vacancy's screening questions, by question key.
    """
    if not isinstance(profile, Profile):
        profile = load_profile(profile)
    day = _DAYS.get(on) if on.__class__ is date else None
    if day is None:
        day = _day(on)
    on_day, on_text = day
    checks: list[Check] = [check_nationality(profile, requirements.nationality, on, on_day, on_text)]
    if requirements.languages is not None:
        checks.append(check_languages(profile, requirements.languages))
    if claims:
        for index, rule in enumerate(requirements.experience):
            claim = claims.get(index)
            if claim is None:
                checks.append(check_experience(profile, rule, on_text, on_day))
            else:
                checks.append(check_claimed_experience(profile, rule, claim, on_text, on_day))
    else:
        for rule in requirements.experience:
            checks.append(check_experience(profile, rule, on_text, on_day))
    if requirements.degree is not None:
        checks.append(check_degree(profile, requirements.degree, on_text, on_day))
    if submitted_at is not None and requirements.deadline is not None:
        checks.append(check_deadline(requirements.deadline, submitted_at))
    for question in requirements.questions:
        found = check_question(question, answers.get(question.key) if answers else None)
        if found is not None:
            checks.append(found)
    return Verdict.of(tuple(checks), on)


# An application date -> (its ordinal, its ISO text): a vacancy's applications share a few dates.
_DAYS: dict[date, tuple[int, str]] = {}


def _day(on: date) -> tuple[int, str]:
    day = (on.toordinal(), on.isoformat())
    # Only plain dates are kept: a datetime may equal a date of another text (another zone, a time).
    if on.__class__ is date:
        if len(_DAYS) >= 4096:
            _DAYS.clear()
        _DAYS[on] = day
    return day
