"""Weighted totals per candidate: the panel's mean score on each criterion and the candidate's test
results, weighted as the scorecard says, on the scale of the scorecard.

A criterion counts with the mean of the members who scored it (a member who stood aside for a conflict
of interest simply has no score). A test result counts as its share of the test's maximum, placed on the
same scale (half the maximum of a 1-5 scale is 3), so that a total reads like a score: between the lowest
and the highest point.

Arithmetic is exact (fractions): two candidates whose totals are equal get equal totals, never two
floats that differ in their last digit, so a tie is never broken by rounding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

from concours.kernel.assessment.errors import InvalidAssessment
from concours.kernel.assessment.scales import Scale

Number: TypeAlias = int | Decimal | Fraction


@dataclass(frozen=True, slots=True)
class Criterion:
    """A criterion of the scorecard (a competency, for instance) and its weight."""

    code: str
    weight: Number = 1


@dataclass(frozen=True, slots=True)
class Test:
    """A test whose results count in the total: its maximum points and its weight."""

    __test__ = False  # not a pytest test class

    code: str
    maximum: Number
    weight: Number = 1


@dataclass(frozen=True, slots=True)
class Scorecard:
    """What a stage scores: one scale for every criterion, the criteria and the tests, with their weights."""

    scale: Scale
    criteria: tuple[Criterion, ...]
    tests: tuple[Test, ...] = ()
    _weights: dict[str, Fraction] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "criteria", tuple(self.criteria))
        object.__setattr__(self, "tests", tuple(self.tests))
        if not self.criteria and not self.tests:
            raise InvalidAssessment("scorecard", "a scorecard needs at least one criterion or test")
        weights: dict[str, Fraction] = {}
        parts: list[tuple[str, Criterion | Test]] = [
            *((f"criteria[{i}]", criterion) for i, criterion in enumerate(self.criteria)),
            *((f"tests[{i}]", test) for i, test in enumerate(self.tests)),
        ]
        for where, part in parts:
            if not isinstance(part.code, str) or not part.code:
                raise InvalidAssessment(f"scorecard.{where}.code", "every criterion and test needs a code")
            if part.code in weights:
                raise InvalidAssessment(f"scorecard.{where}.code", f"the code {part.code!r} is used twice")
            weights[part.code] = _positive(f"scorecard.{where}.weight", part.weight)
            if isinstance(part, Test):
                _positive(f"scorecard.{where}.maximum", part.maximum)
        object.__setattr__(self, "_weights", weights)

    def weight(self, code: str) -> Fraction:
        """The weight of a criterion or test, exactly."""
        return self._weights[code]

    @property
    def total_weight(self) -> Fraction:
        return sum(self._weights.values(), Fraction(0))


@dataclass(frozen=True, slots=True)
class Score:
    """One member's score of one candidate on one criterion: a point of the scorecard's scale."""

    candidate: str
    member: str
    criterion: str
    value: int


@dataclass(frozen=True, slots=True)
class TestResult:
    """A candidate's points in a test, between 0 and the test's maximum."""

    __test__ = False  # not a pytest test class

    candidate: str
    test: str
    points: Number


@dataclass(frozen=True, slots=True)
class Part:
    """One line of a candidate's total: a criterion's panel mean or a test result, on the scale.

    `value` is None when nothing was scored yet; `ratings` counts the members' scores (1 for a test).
    """

    code: str
    kind: Literal["criterion", "test"]
    weight: Fraction
    value: Fraction | None
    ratings: int


@dataclass(frozen=True, slots=True)
class CandidateTotal:
    """A candidate's weighted total on the scale, or None while a criterion or test has no result."""

    candidate: str
    total: Fraction | None
    parts: tuple[Part, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """The criteria and tests with no result yet, in the scorecard's order."""
        return tuple(part.code for part in self.parts if part.value is None)


def candidate_totals(
    scorecard: Scorecard,
    scores: Iterable[Score],
    results: Iterable[TestResult] = (),
    *,
    candidates: Iterable[str] | None = None,
) -> tuple[CandidateTotal, ...]:
    """Each candidate's weighted total, sorted by candidate.

    The candidates are those given, or else every candidate with a score or a result; a score or result
    for a candidate outside the given ones is refused, as is anything off the scorecard.
    """
    units = scores_by_unit(scorecard, scores)
    tests = _results_by_candidate(scorecard, results)
    if candidates is None:
        names = {candidate for candidate, _ in units} | set(tests)
    else:
        names = set(_codes("candidates", candidates))
        strangers = ({candidate for candidate, _ in units} | set(tests)) - names
        if strangers:
            raise InvalidAssessment(
                "candidates", f"scores or results for unlisted candidates {sorted(strangers)}"
            )
    scale = scorecard.scale
    low, span = Fraction(scale.minimum), Fraction(scale.maximum - scale.minimum)
    criteria = [(criterion.code, scorecard.weight(criterion.code)) for criterion in scorecard.criteria]
    weighted_tests = [
        (test.code, scorecard.weight(test.code), Fraction(test.maximum)) for test in scorecard.tests
    ]
    everything = scorecard.total_weight
    totals = []
    for candidate in sorted(names):
        parts = []
        # The weighted sum as one numerator over one denominator, in whole numbers: a Fraction per term
        # would reduce by its gcd every time, and this runs for every candidate.
        numerator, denominator, complete = 0, 1, True
        for code, weight in criteria:
            given = units.get((candidate, code))
            if not given:
                parts.append(Part(code, "criterion", weight, None, 0))
                complete = False
                continue
            points, count = sum(given.values()), len(given)
            parts.append(Part(code, "criterion", weight, Fraction(points, count), count))
            below = weight.denominator * count
            numerator = numerator * below + weight.numerator * points * denominator
            denominator *= below
        own = tests.get(candidate, {})
        for code, weight, maximum in weighted_tests:
            result = own.get(code)
            if result is None:
                parts.append(Part(code, "test", weight, None, 0))
                complete = False
                continue
            value = low + result / maximum * span
            parts.append(Part(code, "test", weight, value, 1))
            term = weight * value
            numerator = numerator * term.denominator + term.numerator * denominator
            denominator *= term.denominator
        total = Fraction(numerator, denominator) / everything if complete else None
        totals.append(CandidateTotal(candidate, total, tuple(parts)))
    return tuple(totals)


def scores_by_unit(scorecard: Scorecard, scores: Iterable[Score]) -> dict[tuple[str, str], dict[str, int]]:
    """The scores checked against the scorecard and grouped: (candidate, criterion) -> member -> value.

    Refuses a criterion the scorecard does not have, a value off its scale and a second score by the same
    member for the same candidate and criterion.
    """
    criteria = {criterion.code for criterion in scorecard.criteria}
    scale = scorecard.scale
    points = frozenset(point.value for point in scale.points)
    units: dict[tuple[str, str], dict[str, int]] = {}
    for index, score in enumerate(scores):
        if score.criterion not in criteria:
            raise InvalidAssessment(
                f"scores[{index}].criterion", f"{score.criterion!r} is not a criterion of the scorecard"
            )
        # type() rather than isinstance: True is an int to Python, and equal to 1, but never a score.
        if type(score.value) is not int or score.value not in points:
            raise InvalidAssessment(
                f"scores[{index}].value", f"{score.value!r} is not a point of the scale {scale.describe()}"
            )
        if type(score.candidate) is not str or type(score.member) is not str:
            raise InvalidAssessment(f"scores[{index}]", "candidate and member are codes (strings)")
        unit = units.setdefault((score.candidate, score.criterion), {})
        if score.member in unit:
            raise InvalidAssessment(
                f"scores[{index}]",
                f"{score.member!r} scored {score.candidate!r} on {score.criterion!r} twice",
            )
        unit[score.member] = score.value
    return units


def _results_by_candidate(
    scorecard: Scorecard, results: Iterable[TestResult]
) -> dict[str, dict[str, Fraction]]:
    maxima = {test.code: Fraction(test.maximum) for test in scorecard.tests}
    found: dict[str, dict[str, Fraction]] = {}
    for index, result in enumerate(results):
        where = f"results[{index}]"
        if result.test not in maxima:
            raise InvalidAssessment(f"{where}.test", f"{result.test!r} is not a test of the scorecard")
        points = exact_number(f"{where}.points", result.points)
        if not 0 <= points <= maxima[result.test]:
            raise InvalidAssessment(
                f"{where}.points", f"{result.points} is not between 0 and the maximum {maxima[result.test]}"
            )
        own = found.setdefault(result.candidate, {})
        if result.test in own:
            raise InvalidAssessment(where, f"{result.candidate!r} has two results in {result.test!r}")
        own[result.test] = points
    return found


def _codes(field_name: str, codes: Iterable[str]) -> list[str]:
    listed = list(codes)
    if len(set(listed)) != len(listed):
        raise InvalidAssessment(field_name, "a candidate is listed twice")
    return listed


def exact_number(where: str, value: object) -> Fraction:
    """The value as a fraction; InvalidAssessment unless it is an int, a finite Decimal or a Fraction."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        raise InvalidAssessment(where, f"an exact number (int, Decimal, Fraction) is needed, not {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidAssessment(where, f"{value} is not a number")
    return Fraction(value)


def _positive(where: str, value: object) -> Fraction:
    number = exact_number(where, value)
    if number <= 0:
        raise InvalidAssessment(where, f"must be more than 0, not {value}")
    return number
