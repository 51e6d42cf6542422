from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.eligibility.intervals import Period, worked_days

DAY0 = 730_000  # an ordinal in 1999


@st.composite
def periods(draw: st.DrawFn, *, full_time: bool = False) -> Period:
    start = draw(st.integers(DAY0, DAY0 + 10_000))
    length = draw(st.integers(0, 4_000))
    fte = 1.0 if full_time else draw(st.sampled_from([1.0, 0.8, 0.5, 0.25]))
    return (start, start + length, fte)


def test_one_post_counts_its_days_inclusive() -> None:
    assert worked_days([(DAY0, DAY0 + 9, 1.0)]) == 10


def test_overlapping_posts_count_once() -> None:
    assert worked_days([(DAY0, DAY0 + 9, 1.0), (DAY0 + 5, DAY0 + 14, 1.0)]) == 15


def test_overlap_counts_the_largest_fte_of_the_day() -> None:
    """Ten days at half time, five of them also at full time: 5 x 0.5 + 5 x 1."""
    assert worked_days([(DAY0, DAY0 + 9, 0.5), (DAY0 + 5, DAY0 + 9, 1.0)]) == 7.5


@given(st.lists(periods(), max_size=8))
def test_the_union_is_at_most_the_sum(items: list[Period]) -> None:
    assert worked_days(items) <= sum((end - start + 1) * fte for start, end, fte in items) + 1e-9


@given(st.lists(periods(), max_size=8), st.randoms(use_true_random=False))
def test_the_order_of_posts_does_not_matter(items: list[Period], rng: random.Random) -> None:
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert abs(worked_days(shuffled) - worked_days(items)) < 1e-6


@given(st.lists(periods(), min_size=1, max_size=8), st.data())
def test_a_post_inside_another_of_no_more_fte_changes_nothing(
    items: list[Period], data: st.DataObject
) -> None:
    start, end, fte = data.draw(st.sampled_from(items))
    inner_start = data.draw(st.integers(start, end))
    inner_end = data.draw(st.integers(inner_start, end))
    inner_fte = data.draw(st.sampled_from([f for f in (1.0, 0.8, 0.5, 0.25) if f <= fte]))
    assert abs(worked_days([*items, (inner_start, inner_end, inner_fte)]) - worked_days(items)) < 1e-6


@given(st.lists(periods(full_time=True), max_size=8), st.sampled_from([0.8, 0.5, 0.25]))
def test_part_time_scales_the_days_by_its_fraction(items: list[Period], fte: float) -> None:
    scaled = [(start, end, fte) for start, end, _ in items]
    assert abs(worked_days(scaled) - fte * worked_days(items)) < 1e-6


@given(st.lists(periods(), max_size=8))
def test_the_union_is_at_least_the_longest_post(items: list[Period]) -> None:
    longest = max(((end - start + 1) * fte for start, end, fte in items), default=0.0)
    assert worked_days(items) >= longest - 1e-9
