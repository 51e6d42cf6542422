"""Experience claimed per requirement: the years of the posts the candidate names, not of their tags."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.eligibility import InvalidInput, compile_requirements, screen_compiled
from concours.kernel.eligibility.builders import notice, post, profile
from concours.kernel.eligibility.claims import (
    Claim,
    check_claimed_experience,
    requirement_key,
    requirement_keys,
    tags_match,
)
from concours.kernel.eligibility.experience import compile_experience
from concours.kernel.eligibility.intervals import worked_days
from concours.kernel.eligibility.messages import render
from concours.kernel.eligibility.profile import load_profile

ON = date(2025, 1, 1)
ASSISTANT = {"min_years": 5, "max_years": None, "of": "assistant in a senior manager's office"}
ADMINISTRATION = {
    "min_years": 2,
    "max_years": None,
    "of": "national administration or an international organisation",
}

# An executive assistant's career, none of whose posts carries a tag of the fixed list.
CAREER = [
    post("2010-01", "2014-12"),  # 0: five years, full time
    post("2015-01", "2019-12", fte=0.5),  # 1: five years at half time
    post("2013-01", "2016-12"),  # 2: overlaps 0 and 1
    post("2026-01", None),  # 3: begins after the application date
]


def claimed(
    posts: tuple[int, ...], requirement: dict[str, Any] = ASSISTANT, *, reviewed: bool = False
) -> Any:
    (rule,) = compile_experience(notice(experience=[requirement]))
    return check_claimed_experience(
        load_profile(profile(experience=CAREER)), rule, Claim(posts, reviewed), ON.isoformat(), ON.toordinal()
    )


def test_the_claimed_posts_count_where_their_tags_would_count_nothing() -> None:
    """The bug: ten years of assistant work were 'not met' because no tag said 'assistant'."""
    requirements = compile_requirements(notice(experience=[ASSISTANT]))
    tagged = screen_compiled(profile(experience=CAREER), requirements, on=ON)
    assert [c.code for c in tagged.checks if c.criterion == "experience"] == ["experience.fail"]
    check = claimed((0, 1))
    assert (check.result, check.code, check.params["years"]) == ("pass", "experience.pass_claimed", 7.5)


def test_overlaps_count_once_and_part_time_pro_rata() -> None:
    """2010-2014 full time, 2015-2016 full time (post 2 over post 1), 2017-2019 at half time."""
    assert claimed((0, 1, 2)).params["years"] == 8.5
    assert claimed((2, 2, 2)).params == claimed((2,)).params  # a post claimed twice counts once


def test_a_post_begun_after_the_application_date_counts_nothing() -> None:
    assert claimed((3,)).params["years"] == 0


def test_not_claimed_is_told_apart_from_claimed_but_short() -> None:
    nothing, short = claimed(()), claimed((2,))
    assert (nothing.result, nothing.code) == ("fail", "experience.not_claimed")
    assert (short.result, short.code, short.params["years"]) == ("fail", "experience.fail_claimed", 4)
    assert "you claimed no post for it" in render(nothing.code, nothing.params, "en")
    assert "the candidate claimed no post for it" in render(nothing.code, nothing.params, "en", "staff")
    assert "your claim (1 post) comes to only 4 years" in render(short.code, short.params, "en")
    assert "la déclaration de la candidature (1 poste) ne totalise que 4 ans" in render(
        short.code, short.params, "fr", "staff"
    )


def test_a_recruiter_who_counts_no_post_makes_the_claim_short_not_unclaimed() -> None:
    check = claimed((), reviewed=True)
    assert check.code == "experience.fail_claimed"
    assert "the claim as reviewed by a recruiter (no post)" in render(check.code, check.params, "en", "staff")


def test_a_position_outside_the_profile_breaks_the_contract() -> None:
    with pytest.raises(InvalidInput, match="claims"):
        claimed((4,))
    with pytest.raises(InvalidInput, match="claims"):
        claimed((-1,))


def test_requirements_without_a_claim_keep_the_tag_rule() -> None:
    """Applications from before claims (no claim at all), and a requirement the notice gained since."""
    requirements = compile_requirements(notice(experience=[ASSISTANT, ADMINISTRATION]))
    career = profile(experience=[post("2010-01", "2019-12", tags=["international_organisation"])])
    before = screen_compiled(career, requirements, on=ON)
    mixed = screen_compiled(career, requirements, on=ON, claims={0: Claim((0,))})
    assert [c.code for c in before.checks if c.criterion == "experience"] == [
        "experience.fail",
        "experience.pass",
    ]
    assert [c.code for c in mixed.checks if c.criterion == "experience"] == [
        "experience.pass_claimed",
        "experience.pass",
    ]
    assert (before.eligible, mixed.eligible) == ("no", "yes")


def test_a_requirement_key_survives_spacing_and_case_but_not_other_words_or_years() -> None:
    key = requirement_key(0, "National  administration", 2)
    assert key == requirement_key(0, "national administration", 2.0)
    assert key.startswith("0-") and len(key) == 12
    assert key != requirement_key(1, "national administration", 2)
    assert key != requirement_key(0, "national administration", 3)
    assert key != requirement_key(0, "regional administration", 2)
    assert requirement_keys([ASSISTANT, ADMINISTRATION]) == [
        requirement_key(0, ASSISTANT["of"], 5),
        requirement_key(1, ADMINISTRATION["of"], 2),
    ]


def test_tags_only_preselect_what_the_tag_rule_would_count() -> None:
    (senior, general, unknown) = compile_experience(
        notice(
            experience=[
                {"min_years": 1, "max_years": None, "of": "senior management positions"},
                {"min_years": 1, "max_years": None, "of": "professional experience"},
                {"min_years": 1, "max_years": None, "of": "underwater basket weaving"},
            ]
        )
    )
    posts = load_profile(
        profile(
            experience=[post("2010-01", "2011-01", tags=["senior", "management"]), post("2012-01", "2013-01")]
        )
    ).experience
    assert [tags_match(senior, p.tags) for p in posts] == [True, False]
    assert [tags_match(general, p.tags) for p in posts] == [True, True]
    assert [tags_match(unknown, p.tags) for p in posts] == [False, False]


MONTHS = [f"{year}-{month:02d}" for year in range(2000, 2024) for month in (1, 4, 7, 10)]


@st.composite
def careers(draw: st.DrawFn) -> list[dict[str, Any]]:
    items = []
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.sampled_from(MONTHS))
        end = draw(st.sampled_from([None, *[m for m in MONTHS if m >= start]]))
        fte = draw(st.sampled_from([1.0, 0.8, 0.5]))
        items.append(post(start, end, fte=fte))
    return items


@given(careers(), st.data())
def test_claiming_more_posts_never_counts_fewer_years(
    career: list[dict[str, Any]], data: st.DataObject
) -> None:
    (rule,) = compile_experience(notice(experience=[ASSISTANT]))
    loaded = load_profile(profile(experience=career))
    positions = list(range(len(career)))
    some = tuple(data.draw(st.lists(st.sampled_from(positions), unique=True)))
    more = tuple(dict.fromkeys(some + tuple(data.draw(st.lists(st.sampled_from(positions), unique=True)))))
    fewer_years = check_claimed_experience(loaded, rule, Claim(some), ON.isoformat(), ON.toordinal())
    more_years = check_claimed_experience(loaded, rule, Claim(more), ON.isoformat(), ON.toordinal())
    assert fewer_years.params["years"] <= more_years.params["years"]


@given(careers())
def test_claiming_every_post_counts_what_a_general_requirement_counts(career: list[dict[str, Any]]) -> None:
    """Claims reuse the tag rule's counting: every post claimed gives the years of 'professional
    experience', which counts every post."""
    requirements = compile_requirements(
        notice(experience=[{"min_years": 3, "max_years": None, "of": "professional experience"}])
    )
    every = Claim(tuple(range(len(career))))
    by_tags = screen_compiled(profile(experience=career), requirements, on=ON).checks
    by_claim = screen_compiled(profile(experience=career), requirements, on=ON, claims={0: every}).checks
    (tagged,) = [c for c in by_tags if c.criterion == "experience"]
    (claim,) = [c for c in by_claim if c.criterion == "experience"]
    assert tagged.params["years"] == claim.params["years"]
    assert (tagged.result == "pass") == (claim.result == "pass")


def test_worked_days_is_the_counting_of_claims() -> None:
    """A check on the figure itself: two posts claimed, one day of overlap."""
    loaded = load_profile(
        profile(experience=[post("2020-01-01", "2020-01-10"), post("2020-01-10", "2020-01-19")])
    )
    periods = [(p.start, p.end or 0, p.fte) for p in loaded.experience]
    assert worked_days(periods) == 19
