"""The panel's agreement: Krippendorff's alpha (interval) from the krippendorff package, None where it is
undefined, what it means in English and French; members' deviations; each candidate's spread."""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.assessment import (
    Criterion,
    InvalidAssessment,
    Score,
    Scorecard,
    alpha_by_criterion,
    candidate_spreads,
    interval_alpha,
    member_deviations,
    overall_alpha,
    panel_agreement,
)
from concours.kernel.assessment.agreement import alpha_level

from .conftest import FIVE, scores

CARD = Scorecard(FIVE, (Criterion("analysis"), Criterion("teamwork")))


def reference_alpha(data: list[list[float | None]]) -> float | None:
    """krippendorff.alpha itself; None where it refuses the data or cannot divide (NaN)."""
    matrix = np.array(data, dtype=float)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # 0/0 when nothing varies
            value = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="interval"))
    except ValueError:
        return None
    return None if math.isnan(value) else value


matrices = st.integers(1, 5).flatmap(
    lambda members: st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 5).map(float)), min_size=members, max_size=members),
        min_size=1,
        max_size=15,
    ).map(lambda columns: [list(row) for row in zip(*columns, strict=True)])
)


@given(matrices)
def test_alpha_is_the_packages_interval_alpha_or_none_where_undefined(data: list[list[float | None]]) -> None:
    """On random reliability data, alpha equals krippendorff.alpha(..., "interval"); where the package
    refuses the data or divides 0 by 0, the kernel says None and why."""
    result = interval_alpha(data)
    expected = reference_alpha(data)
    assert result.value == expected
    assert (result.level in ("no_pairs", "no_variance")) is (expected is None)


def test_alpha_matches_the_published_interval_example() -> None:
    """The krippendorff package's documented example (3 coders, 15 units) gives 0.810845 on an interval
    scale, here entered as a panel's scores; it reads as reliable."""
    nan = None
    data = [
        [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
        [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
        [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
    ]
    rows = [
        (f"c{unit:02d}", f"m{member}", "analysis", value)
        for member, row in enumerate(data)
        for unit, value in enumerate(row)
        if value is not None
    ]
    alpha = overall_alpha(Scorecard(FIVE, (Criterion("analysis"),)), scores(rows))
    assert alpha.value == pytest.approx(0.810845, abs=5e-7)
    # Units 0, 1 and 13 have fewer than two scores: 12 units and 26 scores enter alpha.
    assert (alpha.units, alpha.ratings, alpha.level) == (12, 26, "reliable")
    assert alpha.meaning("en") == (
        "Krippendorff's alpha is 0.811: the members' scores agree well enough to be relied on"
        " (0.800 or more)."
    )
    assert alpha.meaning("fr") == (
        "L'alpha de Krippendorff vaut 0,811 : les notes des membres concordent assez pour qu'on s'y fie"
        " (0,800 ou plus)."
    )


def test_alpha_with_nobody_scored_twice_is_none_and_says_why() -> None:
    """Each candidate scored by one member only: nothing to compare."""
    alpha = overall_alpha(CARD, scores([("A", "m1", "analysis", 2), ("B", "m2", "analysis", 4)]))
    assert (alpha.value, alpha.units, alpha.level) == (None, 0, "no_pairs")
    assert alpha.meaning("en") == (
        "Agreement cannot be measured: no candidate has been scored by at least two members on the same"
        " criterion."
    )


def test_alpha_with_no_variation_is_none_and_says_why() -> None:
    """Both members gave 3 to both candidates (another score, given once, does not count): no variation."""
    rows = [("A", "m1", "analysis", 3), ("A", "m2", "analysis", 3), ("B", "m1", "analysis", 3)]
    rows += [("B", "m2", "analysis", 3), ("C", "m1", "analysis", 5)]
    alpha = overall_alpha(CARD, scores(rows))
    assert (alpha.value, alpha.units, alpha.ratings, alpha.level) == (None, 2, 4, "no_variance")
    assert alpha.meaning("fr") == (
        "L'accord ne peut pas être mesuré : toutes les notes données par deux membres ou plus sont"
        " identiques ; il n'y a pas de variation sur laquelle s'accorder."
    )


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (1.0, "reliable"),
        (0.8, "reliable"),
        (0.79951, "reliable"),  # shown as 0.800: the sentence agrees with the figure
        (0.7994, "tentative"),
        (0.667, "tentative"),
        (0.6664, "unreliable"),
        (0.0, "unreliable"),
        (-0.0004, "unreliable"),  # shown as 0.000
        (-0.2, "below_chance"),
    ],
)
def test_alpha_reads_against_krippendorffs_thresholds(value: float, level: str) -> None:
    """0.800 or more is reliable, from 0.667 tentative, below that the panel did not agree."""
    assert alpha_level(value) == level


def test_disagreement_worse_than_chance_is_named() -> None:
    """Two members who rank two candidates in opposite order get a negative alpha, read as such."""
    rows = [("A", "m1", "analysis", 1), ("A", "m2", "analysis", 5)]
    rows += [("B", "m1", "analysis", 5), ("B", "m2", "analysis", 1)]
    alpha = overall_alpha(CARD, scores(rows))
    assert alpha.value is not None and alpha.value < 0
    assert alpha.meaning("en").endswith(
        "below 0 its members disagree more than chance alone would make them, so check that they read the"
        " scale the same way."
    )


def same_or_none(expected: float | None) -> object:
    # Matrices built in another column order: equal up to rounding; None stays None.
    return None if expected is None else pytest.approx(expected)


@st.composite
def panel_scores(draw: st.DrawFn) -> list[Score]:
    members = [f"m{i}" for i in range(draw(st.integers(1, 4)))]
    candidates = [f"c{i}" for i in range(draw(st.integers(1, 8)))]
    return [
        Score(candidate, member, criterion.code, draw(st.integers(1, 5)))
        for candidate in candidates
        for criterion in CARD.criteria
        for member in members
        if draw(st.booleans())
    ]


@given(panel_scores())
def test_alpha_per_criterion_and_overall_are_the_packages_on_the_panels_matrix(rows: list[Score]) -> None:
    """Per criterion, a column per candidate; overall, a column per candidate and criterion: each alpha is
    krippendorff.alpha on that matrix (a row per member of the panel), or None where it is undefined."""
    members = sorted({score.member for score in rows})

    def matrix(units: list[tuple[str, str]]) -> list[list[float | None]]:
        scored = {(score.candidate, score.criterion, score.member): float(score.value) for score in rows}
        return [[scored.get((*unit, member)) for unit in units] for member in members]

    units = sorted({(score.candidate, score.criterion) for score in rows})
    by_criterion = alpha_by_criterion(CARD, rows)
    assert [item.criterion for item in by_criterion] == ["analysis", "teamwork"]
    for item in by_criterion:
        expected = reference_alpha(matrix([unit for unit in units if unit[1] == item.criterion]))
        assert item.alpha.value == same_or_none(expected)
    overall = overall_alpha(CARD, rows)
    assert overall.value == same_or_none(reference_alpha(matrix(units)))
    figures = panel_agreement(CARD, rows)
    assert (figures.overall, figures.by_criterion) == (overall, by_criterion)
    assert figures.members == member_deviations(CARD, rows)
    assert figures.candidates == candidate_spreads(CARD, rows)


@st.composite
def a_member_at_the_mean(draw: st.DrawFn) -> list[Score]:
    """Others score each candidate in pairs around a centre (centre - d, centre + d, or the centre); the
    member "mid" always gives the centre, which is then the panel mean."""
    rows = []
    for candidate in range(draw(st.integers(1, 6))):
        for criterion in CARD.criteria:
            centre = draw(st.integers(1, 5))
            rows.append(Score(f"c{candidate}", "mid", criterion.code, centre))
            reach = min(centre - 1, 5 - centre)
            for pair in range(draw(st.integers(1, 3))):
                offset = draw(st.integers(0, reach))
                rows.append(Score(f"c{candidate}", f"low{pair}", criterion.code, centre - offset))
                rows.append(Score(f"c{candidate}", f"high{pair}", criterion.code, centre + offset))
    return rows


@given(a_member_at_the_mean())
def test_a_member_who_always_gives_the_panel_mean_deviates_by_zero(rows: list[Score]) -> None:
    """A member whose every score equals the panel mean has a mean deviation of exactly 0."""
    (mid,) = [item for item in member_deviations(CARD, rows) if item.member == "mid"]
    assert (mid.mean_deviation, mid.mean_absolute_deviation) == (0.0, 0.0)
    assert mid.compared == len([score for score in rows if score.member == "mid"])


def test_a_lenient_member_deviates_above_the_panel_and_a_severe_one_below() -> None:
    """m1 gives one point more than m2 on each of three scores: +0.5 and -0.5; a lone score is not
    compared, and a member with only lone scores has no deviation."""
    rows = [("A", "m1", "analysis", 4), ("A", "m2", "analysis", 3), ("A", "m1", "teamwork", 5)]
    rows += [("A", "m2", "teamwork", 4), ("B", "m1", "analysis", 2), ("B", "m2", "analysis", 1)]
    rows += [("B", "m1", "teamwork", 5), ("C", "m3", "analysis", 2)]
    found = {item.member: item for item in member_deviations(CARD, scores(rows))}
    assert (found["m1"].mean_deviation, found["m1"].mean_absolute_deviation, found["m1"].compared) == (
        0.5,
        0.5,
        3,
    )
    assert (found["m2"].mean_deviation, found["m2"].mean_absolute_deviation) == (-0.5, 0.5)
    assert (found["m3"].mean_deviation, found["m3"].compared) == (None, 0)


def test_each_candidates_spread_shows_how_far_the_scores_lie_apart() -> None:
    """A got 1, 3 and 5 on analysis (range 4, standard deviation 1.633) and 4 on teamwork: widest 4."""
    rows = [("A", "m1", "analysis", 1), ("A", "m2", "analysis", 3), ("A", "m3", "analysis", 5)]
    rows += [("A", "m1", "teamwork", 4), ("B", "m1", "teamwork", 2), ("B", "m2", "teamwork", 2)]
    spreads = candidate_spreads(CARD, scores(rows))
    assert [(item.candidate, item.widest) for item in spreads] == [("A", 4), ("B", 0)]
    analysis, teamwork = spreads[0].criteria
    assert (analysis.criterion, analysis.lowest, analysis.highest, analysis.range, analysis.ratings) == (
        "analysis",
        1,
        5,
        4,
        3,
    )
    assert analysis.standard_deviation == pytest.approx(math.sqrt(8 / 3))
    assert (teamwork.criterion, teamwork.range, teamwork.standard_deviation) == ("teamwork", 0, 0.0)


def test_a_reliability_matrix_must_be_a_matrix_of_finite_scores() -> None:
    """A flat list or an infinite score is refused, not measured."""
    for bad in ([1.0, 2.0], [[1.0, math.inf], [1.0, 2.0]]):
        with pytest.raises(InvalidAssessment):
            interval_alpha(bad)  # type: ignore[arg-type]


def test_a_panel_with_no_scores_yet_has_no_figures() -> None:
    """Before anyone scores, every alpha is None for want of pairs, and nobody has a deviation or spread."""
    figures = panel_agreement(CARD, [])
    assert [item.alpha.level for item in figures.by_criterion] == ["no_pairs", "no_pairs"]
    assert (figures.overall.value, figures.overall.level, figures.members, figures.candidates) == (
        None,
        "no_pairs",
        (),
        (),
    )
