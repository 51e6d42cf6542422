"""The calibration maths: the exact Clopper-Pearson bound and the threshold that keeps every language
group's false-positive rate within it. No model."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concours.kernel.genai import (
    Calibration,
    CalibrationRefused,
    GroupFigures,
    calibrate,
    clopper_pearson_upper,
)
from concours.kernel.genai.calibration import essays_needed


def binomial_cdf_exact(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), in exact rational arithmetic (an independent computation)."""
    q = Fraction(p)
    return float(sum(math.comb(n, i) * q**i * (1 - q) ** (n - i) for i in range(k + 1)))


@pytest.mark.parametrize("n", [1, 2, 10, 80, 298, 299, 1000])
def test_no_success_has_the_closed_form(n: int) -> None:
    assert clopper_pearson_upper(0, n) == pytest.approx(1 - 0.05 ** (1 / n), rel=1e-12)


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    # One-sided 95 % upper limits = upper ends of the two-sided 90 % exact intervals, as tabulated.
    [(1, 10, 0.3942), (5, 10, 0.7776), (2, 20, 0.2826)],
)
def test_known_values(k: int, n: int, expected: float) -> None:
    assert clopper_pearson_upper(k, n) == pytest.approx(expected, abs=5e-4)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=120),
    data=st.data(),
    confidence=st.sampled_from([0.9, 0.95, 0.99]),
)
def test_at_the_bound_the_binomial_tail_is_alpha(n: int, data: st.DataObject, confidence: float) -> None:
    """The bound is the p at which k or fewer successes have probability 1 - confidence exactly."""
    k = data.draw(st.integers(min_value=0, max_value=n - 1))
    upper = clopper_pearson_upper(k, n, confidence)
    assert k / n < upper < 1
    assert binomial_cdf_exact(k, n, upper) == pytest.approx(1 - confidence, rel=1e-6)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(min_value=1, max_value=200), data=st.data())
def test_the_bound_rises_with_successes_and_falls_with_trials(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n - 1))
    assert clopper_pearson_upper(k, n) < clopper_pearson_upper(k + 1, n)
    assert clopper_pearson_upper(k, n + 1) < clopper_pearson_upper(k, n)
    assert clopper_pearson_upper(k, n, 0.99) > clopper_pearson_upper(k, n, 0.95)


def test_edges_and_errors() -> None:
    assert clopper_pearson_upper(7, 7) == 1.0
    assert clopper_pearson_upper(0, 0) == 1.0
    for k, n in [(-1, 5), (6, 5)]:
        with pytest.raises(ValueError):
            clopper_pearson_upper(k, n)
    with pytest.raises(ValueError):
        clopper_pearson_upper(0, 5, confidence=1.0)


def test_a_group_needs_299_essays_to_show_one_percent() -> None:
    assert clopper_pearson_upper(0, 298) > 0.01 >= clopper_pearson_upper(0, 299)
    assert essays_needed() == 299
    assert essays_needed(0.05) == 59


def spread(n: int, low: float, high: float) -> list[float]:
    return [low + (high - low) * i / max(n - 1, 1) for i in range(n)]


def test_a_calibration_that_meets_the_bound_in_every_group() -> None:
    human = {"native": spread(300, -3.0, -1.0), "non-native": spread(320, -2.5, -0.5)}
    machine = spread(50, -0.8, 1.0)
    calibration = calibrate(human, machine)
    # -0.5 is the highest human score: the best threshold is the lowest machine score above it.
    assert calibration.threshold == min(m for m in machine if m > -0.5)
    assert calibration.detection_rate == sum(1 for m in machine if m >= calibration.threshold) / 50
    assert calibration.groups["native"] == GroupFigures(300, 0, 0.0, clopper_pearson_upper(0, 300))
    assert calibration.groups["non-native"].flagged == 0
    assert calibration.machine_n == 50


def test_a_few_flags_are_allowed_when_the_group_is_large_enough() -> None:
    # 1,000 essays of which 3 score high: 3 of 1,000 has an upper bound of 0.0078 <= 1 %.
    human = {"native": [*spread(997, -3.0, -1.0), 0.5, 0.6, 0.7]}
    machine = spread(20, 0.0, 2.0)
    calibration = calibrate(human, machine)
    assert calibration.groups["native"].flagged == 3
    assert calibration.detection_rate == 1.0
    assert calibration.groups["native"].fpr_upper <= 0.01


def test_meeting_the_bound_in_one_group_but_not_another_is_refused() -> None:
    human = {"native": spread(400, -3.0, -1.0), "non-native": spread(80, -3.0, -1.0)}
    with pytest.raises(CalibrationRefused) as refused:
        calibrate(human, spread(30, 0.0, 1.0))
    assert "non-native" in refused.value.reason and "299" in refused.value.reason
    assert "group native" not in refused.value.reason
    assert refused.value.figures["non-native"].n == 80
    assert refused.value.figures["native"].fpr_upper <= 0.01
    assert refused.value.threshold == 1.0 and refused.value.detection_rate == pytest.approx(1 / 30)


def test_a_large_group_with_too_many_flags_is_refused_and_says_so() -> None:
    # Every machine score sits among the top 5 % of the non-native essays' scores.
    human = {"native": spread(400, -3.0, -1.0), "non-native": spread(400, -3.0, 1.0)}
    with pytest.raises(CalibrationRefused) as refused:
        calibrate(human, spread(30, 0.8, 0.9))
    figures = refused.value.figures["non-native"]
    assert figures.flagged > 0 and figures.fpr_upper > 0.01
    assert f"{figures.flagged} of 400" in refused.value.reason


def test_nothing_to_calibrate_on_is_refused() -> None:
    with pytest.raises(CalibrationRefused):
        calibrate({}, [1.0])
    with pytest.raises(CalibrationRefused):
        calibrate({"native": spread(300, -1, 0)}, [])
    with pytest.raises(CalibrationRefused) as refused:
        calibrate({"native": spread(300, -1, 0), "other": []}, [1.0])
    assert "other" in refused.value.reason
    with pytest.raises(ValueError):
        calibrate({"native": [math.nan]}, [1.0])


def test_json_round_trip() -> None:
    calibration = calibrate({"native": spread(300, -3.0, -1.0)}, spread(10, 0.0, 1.0))
    stored = json.loads(json.dumps(calibration.to_json()))
    assert Calibration.from_json(stored) == calibration
    native = {"n": 300, "flagged": 0, "fpr": 0.0, "fpr_upper": pytest.approx(0.00994, abs=1e-5)}
    assert stored["groups"]["native"] == native


# -- the threshold rule, on many cases --------------------------------------------------------------
scores = st.lists(st.integers(min_value=0, max_value=40).map(lambda v: v / 10), max_size=40)
groups = st.dictionaries(
    st.sampled_from(["native", "non-native", "fr", "de"]),
    st.tuples(st.integers(min_value=1, max_value=500), scores),
    min_size=1,
    max_size=3,
)


def human_scores(drawn: dict[str, tuple[int, list[float]]]) -> dict[str, list[float]]:
    # Many low scores (never flagged: machine scores are >= 0) and a few drawn ones that may be.
    return {name: [-1.0] * bulk + extra for name, (bulk, extra) in drawn.items()}


def meets(human: dict[str, list[float]], threshold: float, bound: float) -> bool:
    return all(clopper_pearson_upper(sum(s >= threshold for s in v), len(v)) <= bound for v in human.values())


@settings(max_examples=120, deadline=None)
@given(drawn=groups, machine=scores.filter(bool), bound=st.sampled_from([0.01, 0.02, 0.05, 0.1]))
def test_the_threshold_is_the_best_one_meeting_the_bound_in_every_group(
    drawn: dict[str, tuple[int, list[float]]], machine: list[float], bound: float
) -> None:
    human = human_scores(drawn)
    feasible = [t for t in set(machine) if meets(human, t, bound)]
    try:
        calibration = calibrate(human, machine, max_fpr_upper=bound)
    except CalibrationRefused as refused:
        assert feasible == []
        assert refused.reason
        return
    assert feasible, "a threshold was chosen although none meets the bound"
    assert calibration.threshold == min(feasible)  # the lowest feasible: the highest detection
    assert calibration.detection_rate == sum(m >= calibration.threshold for m in machine) / len(machine)
    for name, figures in calibration.groups.items():
        assert figures.fpr_upper <= bound
        assert figures.n == len(human[name])
        assert figures.flagged == sum(s >= calibration.threshold for s in human[name])
        assert figures.fpr == figures.flagged / figures.n


@settings(max_examples=60, deadline=None)
@given(drawn=groups, machine=scores.filter(bool))
def test_a_looser_bound_never_detects_less(
    drawn: dict[str, tuple[int, list[float]]], machine: list[float]
) -> None:
    human = human_scores(drawn)
    detected = []
    for bound in (0.01, 0.05, 0.2):
        try:
            detected.append(calibrate(human, machine, max_fpr_upper=bound).detection_rate)
        except CalibrationRefused:
            detected.append(0.0)
    assert detected == sorted(detected)


@settings(max_examples=60, deadline=None)
@given(drawn=groups, machine=scores.filter(bool), extra=st.integers(min_value=1, max_value=300))
def test_more_unflagged_human_essays_never_detect_less(
    drawn: dict[str, tuple[int, list[float]]], machine: list[float], extra: int
) -> None:
    """Adding human essays that score below every machine essay can only tighten the bound."""
    human = human_scores(drawn)
    more = {name: [*values, *([-2.0] * extra)] for name, values in human.items()}

    def detection(h: dict[str, list[float]]) -> float:
        try:
            return calibrate(h, machine, max_fpr_upper=0.05).detection_rate
        except CalibrationRefused:
            return 0.0

    assert detection(more) >= detection(human)
