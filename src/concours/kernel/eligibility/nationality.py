"""Nationality: any one of the candidate's nationalities that belongs to the required membership on the
application date qualifies (a Finn qualifies for NATO from 2023-04-04, not on 2023-04-03).

Which membership is required comes from the notice's restriction when it names one; otherwise from the
organisation's standing rule, which holds even where a notice does not write it (every NATO post is
for nationals of member countries).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from concours.kernel.eligibility.messages import JSON
from concours.kernel.eligibility.profile import Profile
from concours.kernel.eligibility.verdict import FAIL, PASS, REVIEW, Check
from concours.kernel.reference.memberships import membership
from concours.kernel.reference.organisations import Organisation, membership_named_in


@dataclass(frozen=True, slots=True)
class NationalityRule:
    # None: the notice restricts in words no membership matches, or the organisation is unknown.
    membership: str | None
    # Per member country, its first and last day of membership (ordinals).
    days: Mapping[str, tuple[int, int]]
    # The organisation whose standing rule applies (the notice wrote none), else None.
    standing: str | None
    restriction: str | None  # the notice's words, when it wrote a restriction
    organisation: str | None  # the organisation as the notice names it, when unknown to the reference


def compile_nationality(
    notice: Mapping[str, Any], organisation: Organisation | None
) -> NationalityRule | None:
    """The nationality rule of a notice; None when neither the notice nor the organisation restricts."""
    restriction = notice.get("nationality_restriction")
    if isinstance(restriction, str) and restriction.strip():
        key = membership_named_in(restriction, organisation)
        return _rule(key, standing=None, restriction=restriction.strip(), organisation=None)
    if organisation is None:
        named = notice.get("organisation") or notice.get("body")
        return _rule(None, standing=None, restriction=None, organisation=str(named) if named else "?")
    if organisation.nationality_rule_standing:
        return _rule(organisation.membership, standing=organisation.key, restriction=None, organisation=None)
    return None


def _rule(
    key: str | None, *, standing: str | None, restriction: str | None, organisation: str | None
) -> NationalityRule:
    days = membership(key).days if key is not None else {}
    return NationalityRule(key, days, standing, restriction, organisation)


def check_nationality(
    profile: Profile, rule: NationalityRule | None, on: date, on_day: int, on_text: str | None = None
) -> Check:
    """`on_text`: on.isoformat(), when the caller has it already."""
    nationalities = profile.nationalities
    if rule is None:
        return _new(Check, ("nationality", PASS, "nationality.open", {}))
    if rule.membership is None:
        if rule.restriction is not None:
            params: dict[str, JSON] = {"restriction": rule.restriction, "countries": list(nationalities)}
            return Check("nationality", REVIEW, "nationality.review_restriction", params)
        params = {"organisation": rule.organisation, "countries": list(nationalities)}
        return Check("nationality", REVIEW, "nationality.review_organisation", params)
    days = rule.days
    if on_text is None:
        on_text = on.isoformat()
    for code in nationalities:
        span = days.get(code)
        if span is not None and span[0] <= on_day <= span[1]:
            params = {
                "members": rule.membership,
                "standing": rule.standing,
                "on": on_text,
                "country": code,
            }
            return _new(Check, ("nationality", PASS, "nationality.pass", params))
    base: dict[str, JSON] = {"members": rule.membership, "standing": rule.standing, "on": on_text}
    if not nationalities:
        return Check("nationality", FAIL, "nationality.fail_none", base)
    base["countries"] = list(nationalities)
    # Say why when a nationality's membership starts later or ended earlier: that is what people ask.
    later = sorted((days[code][0], code) for code in nationalities if code in days and days[code][0] > on_day)
    if later:
        first_day, code = later[0]
        since = date.fromordinal(first_day).isoformat()
        return Check(
            "nationality", FAIL, "nationality.fail_not_yet", {**base, "country": code, "since": since}
        )
    left = sorted((days[code][1], code) for code in nationalities if code in days and days[code][1] < on_day)
    if left:
        last_day, code = left[-1]
        until = date.fromordinal(last_day).isoformat()
        return Check("nationality", FAIL, "nationality.fail_left", {**base, "country": code, "until": until})
    return Check("nationality", FAIL, "nationality.fail", base)


# Checks are built straight from a tuple: the named tuple's own __new__ is one more Python call.
_new = tuple.__new__
