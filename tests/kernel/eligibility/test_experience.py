from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.eligibility.builders import notice, post, profile
from concours.kernel.eligibility.experience import check_experience, compile_experience, tag_groups_for
from concours.kernel.eligibility.profile import load_profile
from concours.kernel.eligibility.verdict import Check

ON = date(2025, 1, 1)


def check(posts: list[dict[str, Any]], min_years: float = 10, of: str = "professional experience",
          *, on: date = ON, max_years: float | None = None) -> Check:  # fmt: skip
    (rule,) = compile_experience(
        notice(experience=[{"min_years": min_years, "max_years": max_years, "of": of}])
    )
    return check_experience(load_profile(profile(experience=posts)), rule, on.isoformat(), on.toordinal())


@pytest.mark.parametrize(
    ("kind", "groups"),
    [
        ("senior management positions", [["senior"], ["management"]]),
        (
            "progressively senior posts with recent experience in senior-level diplomatic positions",
            [["senior"], ["diplomatic"]],
        ),
        (
            "political affairs, international relations and security policy",
            [["political_analysis", "diplomatic", "security", "policy"]],
        ),
        ("defence matters and change management", [["change_management", "defence"]]),
        ("security policy matters at senior level", [["senior"], ["security", "policy"]]),
        (
            "political reporting and analysis as well as in policy development for an International"
            " Organisation or national administration",
            [["international_organisation", "political_analysis", "policy"]],
        ),
        ("managing diverse teams", [["management"]]),
        ("chairing high-level meetings", [["senior"], ["chairing"]]),
        ("multilateral negotiations", [["multilateral"]]),
        ("professional experience", []),
        ("", []),
        ("underwater basket weaving", None),
    ],
)
def test_a_kind_of_experience_maps_to_post_tags(kind: str, groups: list[list[str]] | None) -> None:
    found = tag_groups_for(kind)
    if groups is None or found is None:
        assert found == groups
    else:
        assert [sorted(group) for group in found] == [sorted(group) for group in groups]


def test_senior_management_needs_posts_that_are_both() -> None:
    posts = [post("2000-01", "2009-12", tags=["senior"]), post("2010-01", "2014-12", tags=["management"])]
    assert check(posts, 5, "senior management positions").result == "fail"
    posts.append(post("2015-01", "2019-12", tags=["senior", "management"]))
    assert check(posts, 5, "senior management positions").result == "pass"


def test_a_field_named_among_several_may_come_from_any() -> None:
    posts = [
        post("2005-01", "2009-12", tags=["defence"]),
        post("2010-01", "2014-12", tags=["change_management"]),
    ]
    assert check(posts, 10, "defence matters and change management").result == "pass"


def test_a_kind_that_cannot_be_mapped_needs_a_person() -> None:
    outcome = check([post("2000-01")], 5, "underwater basket weaving")
    assert (outcome.result, outcome.code) == ("review", "experience.review_kind")
    assert outcome.params["years"] == 25.0


def test_n_calendar_years_of_full_time_work_are_n_years() -> None:
    assert check([post("2015-01", "2024-12")], 10).result == "pass"
    assert check([post("2015-02", "2024-12")], 10).result == "fail"


@given(start=st.dates(min_value=date(1960, 1, 1), max_value=date(2060, 1, 1)), years=st.integers(1, 30))
def test_any_n_consecutive_years_count_as_n(start: date, years: int) -> None:
    end = date(start.year + years, start.month, 1).toordinal() - 1 + (start.day - 1)
    end_text = date.fromordinal(end).isoformat()
    outcome = check([post(start.isoformat(), end_text)], years, on=date(2099, 1, 1))
    assert outcome.result == "pass"


def test_an_ongoing_post_counts_up_to_the_application_date() -> None:
    """A year is 365 days: ten years are 3,650 days, the application date included."""
    start = date(2015, 1, 1)
    assert check([post(start.isoformat())], 10, on=start + timedelta(days=3649)).result == "pass"
    assert check([post(start.isoformat())], 10, on=start + timedelta(days=3648)).result == "fail"


def test_posts_after_the_application_date_do_not_count() -> None:
    posts = [post("2010-01", "2019-12"), post("2030-01", "2040-12")]
    assert check(posts, 10, on=ON).params["years"] == 10.0


def test_part_time_counts_by_its_fraction() -> None:
    outcome = check([post("2005-01", "2024-12", fte=0.5)], 10)
    assert outcome.result == "pass" and outcome.params["years"] == 10.0
    assert check([post("2005-01", "2024-12", fte=0.4)], 10).result == "fail"


def test_overlapping_posts_count_once() -> None:
    posts = [post("2010-01", "2019-12"), post("2012-01", "2016-12")]
    assert check(posts, 10).params["years"] == 10.0
    assert check(posts, 11).result == "fail"


def test_a_range_is_a_minimum_only() -> None:
    """'10-15 years': 25 years are not too many."""
    assert check([post("2000-01", "2024-12")], 10, max_years=15).result == "pass"


def test_the_years_shown_never_read_as_enough_when_they_are_not() -> None:
    start = date(2015, 1, 1)
    outcome = check([post(start.isoformat(), (start + timedelta(days=3648)).isoformat())], 10)
    assert outcome.result == "fail" and outcome.params["years"] == 9.9


def test_a_notice_without_experience_has_no_rule() -> None:
    assert compile_experience(notice(experience=[])) == ()
