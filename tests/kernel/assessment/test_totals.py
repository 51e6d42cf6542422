"""Weighted totals: the panel mean per criterion, test results on the scale, exact arithmetic."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.assessment import (
    Criterion,
    InvalidAssessment,
    Score,
    Scorecard,
    Test,
    TestResult,
    candidate_totals,
    rank,
)

from .conftest import FIVE, scale_from, scores

CARD = Scorecard(
    FIVE, (Criterion("analysis", weight=2), Criterion("teamwork")), (Test("written", maximum=100),)
)


def test_the_total_weighs_the_panel_means_and_the_test_on_the_scale() -> None:
    """Analysis 4.5 (weight 2), teamwork 3, written test 50/100 = 3 on a 1-5 scale: (9 + 3 + 3) / 4."""
    rows = [("A", "m1", "analysis", 5), ("A", "m2", "analysis", 4), ("A", "m1", "teamwork", 3)]
    (total,) = candidate_totals(CARD, scores(rows), [TestResult("A", "written", Decimal("50.0"))])
    assert total.total == Fraction(15, 4)
    assert [(part.code, part.value, part.ratings) for part in total.parts] == [
        ("analysis", Fraction(9, 2), 2),
        ("teamwork", Fraction(3), 1),
        ("written", Fraction(3), 1),
    ]
    assert total.missing == ()


def test_a_candidate_with_a_criterion_or_test_unscored_has_no_total() -> None:
    """Until every criterion has a score and every test a result, the total is None and the gaps named."""
    rows = [("A", "m1", "analysis", 5), ("B", "m1", "analysis", 3), ("B", "m1", "teamwork", 3)]
    totals = candidate_totals(
        CARD, scores(rows), [TestResult("B", "written", 80)], candidates=["A", "B", "C"]
    )
    assert [(item.candidate, item.total, item.missing) for item in totals] == [
        ("A", None, ("teamwork", "written")),
        ("B", Fraction(33, 10), ()),  # (2 x 3 + 3 + 4.2, which is 80/100 on 1-5) / 4
        ("C", None, ("analysis", "teamwork", "written")),
    ]


def test_equal_totals_are_exactly_equal_where_floats_would_differ() -> None:
    """Two candidates whose weighted totals are both 22/15 tie; in floats one would be 1 ulp ahead.

    Weights 0.1, 0.2 and 0.7; three members. A's criterion sums are 3, 3, 5 and B's 4, 6, 4.
    """
    card = Scorecard(
        FIVE,
        (Criterion("a", Decimal("0.1")), Criterion("b", Decimal("0.2")), Criterion("c", Decimal("0.7"))),
    )
    by_criterion = {
        "A": {"a": (1, 1, 1), "b": (1, 1, 1), "c": (1, 2, 2)},
        "B": {"a": (1, 1, 2), "b": (2, 2, 2), "c": (1, 1, 2)},
    }
    rows = [
        (candidate, f"m{index}", criterion, value)
        for candidate, criteria in by_criterion.items()
        for criterion, values in criteria.items()
        for index, value in enumerate(values)
    ]
    floats = {
        candidate: sum(w * (sum(criteria[c]) / 3) for w, c in ((0.1, "a"), (0.2, "b"), (0.7, "c")))
        for candidate, criteria in by_criterion.items()
    }
    assert floats["A"] != floats["B"]  # the trap: float arithmetic would break the tie
    totals = candidate_totals(card, scores(rows))
    assert [item.total for item in totals] == [Fraction(22, 15), Fraction(22, 15)]
    assert [(place.rank, place.tied) for place in rank(totals).places] == [(1, True), (1, True)]


Case = tuple[Scorecard, list[Score], list[TestResult]]


@st.composite
def scored(draw: st.DrawFn) -> Case:
    low = draw(st.integers(-3, 3))
    scale = scale_from(low, low + draw(st.integers(1, 9)))
    weights = st.one_of(st.integers(1, 20), st.decimals("0.01", "10", places=2), st.fractions("1/7", "9"))
    criteria = tuple(Criterion(f"c{i}", draw(weights)) for i in range(draw(st.integers(1, 4))))
    tests = tuple(
        Test(f"t{i}", draw(st.integers(1, 200)), draw(weights)) for i in range(draw(st.integers(0, 2)))
    )
    card = Scorecard(scale, criteria, tests)
    members = [f"m{i}" for i in range(draw(st.integers(1, 4)))]
    rows = [
        Score(candidate, member, criterion.code, draw(st.integers(scale.minimum, scale.maximum)))
        for candidate in ("A", "B", "C")
        for criterion in criteria
        for member in draw(st.lists(st.sampled_from(members), min_size=1, unique=True))
    ]
    results = [
        TestResult(candidate, test.code, draw(st.integers(0, int(test.maximum))))
        for candidate in ("A", "B", "C")
        for test in tests
    ]
    return card, rows, results


@given(scored())
def test_a_weighted_total_lies_within_the_scale(case: Case) -> None:
    """Whatever the weights, scores and test results, a total is between the lowest and highest point."""
    card, rows, results = case
    totals = candidate_totals(card, rows, results)
    assert [item.candidate for item in totals] == ["A", "B", "C"]
    for item in totals:
        assert item.total is not None
        assert card.scale.minimum <= item.total <= card.scale.maximum


@given(scored(), st.randoms(use_true_random=False))
def test_the_order_of_scores_does_not_change_a_total(case: Case, rng: random.Random) -> None:
    """The same scores in another order give the same totals, exactly."""
    card, rows, results = case
    shuffled = list(rows)
    rng.shuffle(shuffled)
    assert candidate_totals(card, shuffled, results[::-1]) == candidate_totals(card, rows, results)


@pytest.mark.parametrize(
    ("rows", "results", "field", "message"),
    [
        ([("A", "m1", "tact", 3)], [], "scores[0].criterion", "'tact' is not a criterion"),
        ([("A", "m1", "teamwork", 6)], [], "scores[0].value", "6 is not a point of the scale"),
        (
            [("A", "m1", "teamwork", 3), ("A", "m1", "teamwork", 4)],
            [],
            "scores[1]",
            "'m1' scored 'A' on 'teamwork' twice",
        ),
        ([], [TestResult("A", "oral", 3)], "results[0].test", "'oral' is not a test"),
        ([], [TestResult("A", "written", 101)], "results[0].points", "not between 0 and the maximum 100"),
        ([], [TestResult("A", "written", -1)], "results[0].points", "not between 0 and the maximum 100"),
        ([], [TestResult("A", "written", 55.5)], "results[0].points", "an exact number"),  # type: ignore[arg-type]
        ([], [TestResult("A", "written", 5), TestResult("A", "written", 6)], "results[1]", "two results"),
    ],
)
def test_bad_scores_and_results_are_refused_by_name(
    rows: list[tuple[str, str, str, int]], results: list[TestResult], field: str, message: str
) -> None:
    """A score off the scorecard, off the scale or given twice, a result off its test: a clear error."""
    with pytest.raises(InvalidAssessment, match=message) as refused:
        candidate_totals(CARD, scores(rows), results)
    assert refused.value.field == field


def test_a_score_for_an_unlisted_candidate_is_refused() -> None:
    """When the candidates are listed, a score for anyone else is an error, not a new candidate."""
    with pytest.raises(InvalidAssessment, match=r"unlisted candidates \['Z'\]"):
        candidate_totals(CARD, scores([("Z", "m1", "teamwork", 3)]), candidates=["A"])


@pytest.mark.parametrize(
    ("criteria", "tests", "field"),
    [
        ((), (), "scorecard"),
        ((Criterion("a"), Criterion("a")), (), "scorecard.criteria[1].code"),
        ((Criterion("a"),), (Test("a", 10),), "scorecard.tests[0].code"),
        ((Criterion("a", 0),), (), "scorecard.criteria[0].weight"),
        ((Criterion("a", 0.5),), (), "scorecard.criteria[0].weight"),  # type: ignore[arg-type]
        ((Criterion("a", Decimal("NaN")),), (), "scorecard.criteria[0].weight"),
        ((Criterion("a"),), (Test("t", 0),), "scorecard.tests[0].maximum"),
        ((Criterion(""),), (), "scorecard.criteria[0].code"),
    ],
)
def test_a_malformed_scorecard_is_refused(
    criteria: tuple[Criterion, ...], tests: tuple[Test, ...], field: str
) -> None:
    """No criterion nor test, a code used twice, a weight or maximum not above 0, a float weight: refused."""
    with pytest.raises(InvalidAssessment) as refused:
        Scorecard(FIVE, criteria, tests)
    assert refused.value.field == field
