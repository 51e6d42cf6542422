from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from concours.kernel.eligibility.builders import degree, notice, profile
from concours.kernel.eligibility.degree import accepts_equivalent, check_degree, compile_degree
from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.profile import load_profile
from concours.kernel.eligibility.verdict import Check

ON = date(2025, 1, 1)


def check(education: list[dict[str, Any]], minimum: str = "bachelor", *qualifications: str) -> Check:
    rule = compile_degree(
        notice(
            degree={"min_level": minimum, "preferred_level": None},
            essential_qualifications=list(qualifications),
        )
    )
    assert rule is not None
    return check_degree(load_profile(profile(education=education)), rule, ON.isoformat(), ON.toordinal())


@pytest.mark.parametrize(
    ("held", "minimum", "expected"),
    [
        ("doctorate", "master", "pass"),
        ("master", "master", "pass"),
        ("bachelor", "master", "fail"),
        ("secondary", "bachelor", "fail"),
        ("bachelor", "secondary", "pass"),
    ],
)
def test_degree_levels_are_ordered(held: str, minimum: str, expected: str) -> None:
    assert check([degree(held)], minimum).result == expected


def test_the_highest_degree_counts() -> None:
    assert check([degree("secondary"), degree("master"), degree("bachelor")], "master").result == "pass"


def test_or_equivalent_turns_a_fail_into_a_review() -> None:
    """Seed 250443: 'a university degree ... or equivalent level of qualification'."""
    wording = "hold a university degree (Master's level preferred) or equivalent level of qualification;"
    outcome = check([degree("secondary")], "bachelor", wording)
    assert (outcome.result, outcome.code) == ("review", "degree.review_equivalent")
    assert check([degree("master")], "bachelor", wording).result == "pass"


def test_equivalent_elsewhere_in_the_notice_does_not_count() -> None:
    assert not accepts_equivalent(["speak English or an equivalent language;", "have a university degree;"])


def test_a_degree_in_progress_needs_a_person() -> None:
    outcome = check([degree("secondary"), degree("bachelor", None)], "bachelor")
    assert (outcome.result, outcome.code) == ("review", "degree.review_in_progress")
    assert check([degree("bachelor", "2026-06")], "bachelor").result == "review"  # completed after the date


def test_no_degree_fails_and_says_so() -> None:
    outcome = check([], "bachelor")
    assert outcome.result == "fail" and "no completed degree" in outcome.reason("en")


def test_an_unknown_required_level_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"^notice\.degree\.min_level"):
        compile_degree(notice(degree={"min_level": "licence"}))


def test_no_minimum_means_no_rule() -> None:
    assert compile_degree(notice(degree=None)) is None
    assert compile_degree(notice(degree={"min_level": None, "preferred_level": "master"})) is None
