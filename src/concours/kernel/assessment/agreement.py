"""How far the panel agreed: Krippendorff's alpha (interval) per criterion and overall, each member's
mean deviation from the panel mean, and the spread of the scores each candidate received.

Alpha comes from the `krippendorff` package; this module only says when it is undefined (no unit scored
by two members, or no variation among the scores that can be compared) and what the figure means, in
English and French. Overall, every (candidate, criterion) pair is a unit: all criteria share the
scorecard's scale, so their distances are comparable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

import krippendorff
import numpy as np
import numpy.typing as npt

from concours.kernel.assessment.errors import InvalidAssessment
from concours.kernel.assessment.messages import render
from concours.kernel.assessment.totals import Score, Scorecard, scores_by_unit

# Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology (2nd ed.), p. 241: rely
# on data with alpha >= .800; consider .667 <= alpha < .800 only for tentative conclusions.
RELIABLE = 0.800
TENTATIVE = 0.667

Level: TypeAlias = Literal["reliable", "tentative", "unreliable", "below_chance", "no_pairs", "no_variance"]
Units: TypeAlias = dict[tuple[str, str], dict[str, int]]


@dataclass(frozen=True, slots=True)
class Alpha:
    """Krippendorff's alpha (interval), or None when undefined, and what it means.

    `units` counts the units (candidates, or candidate-criterion pairs) scored by two members or more,
    `ratings` the scores in them: only those enter alpha.
    """

    value: float | None
    units: int
    ratings: int
    level: Level

    def meaning(self, lang: str = "en") -> str:
        """One sentence in 'en' or 'fr' saying what the figure means."""
        return render(f"alpha.{self.level}", {"alpha": self.value}, lang)


def interval_alpha(ratings: Sequence[Sequence[float | None]] | npt.NDArray[np.float64]) -> Alpha:
    """Alpha of a reliability matrix: a row per member, a column per unit, None or NaN where no score."""
    data = np.array(ratings, dtype=np.float64)
    if data.ndim != 2:
        raise InvalidAssessment("ratings", "a matrix is needed: a row per member, a column per unit")
    if np.isinf(data).any():
        raise InvalidAssessment("ratings", "a score cannot be infinite")
    present = ~np.isnan(data)
    pairable = present.sum(axis=0) >= 2
    units = int(pairable.sum())
    compared = data[:, pairable][present[:, pairable]]
    if units == 0:
        return Alpha(None, 0, 0, "no_pairs")
    if compared.min() == compared.max():
        return Alpha(None, units, int(compared.size), "no_variance")
    value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="interval"))
    return Alpha(value, units, int(compared.size), alpha_level(value))


def alpha_level(value: float) -> Level:
    """Where alpha stands against Krippendorff's thresholds.

    Judged on the figure as shown (three decimals), so that the sentence never contradicts it.
    """
    shown = round(value, 3)
    if shown >= RELIABLE:
        return "reliable"
    if shown >= TENTATIVE:
        return "tentative"
    return "below_chance" if shown < 0 else "unreliable"


@dataclass(frozen=True, slots=True)
class CriterionAlpha:
    criterion: str
    alpha: Alpha


@dataclass(frozen=True, slots=True)
class MemberDeviation:
    """A member's scores against the panel mean of each candidate's criterion they scored.

    Only units scored by at least one other member are compared (`compared`). A positive mean deviation
    means the member scores above the panel; the absolute one says how far, whatever the direction.
    """

    member: str
    mean_deviation: float | None
    mean_absolute_deviation: float | None
    compared: int


@dataclass(frozen=True, slots=True)
class CriterionSpread:
    """The members' scores of one candidate on one criterion: lowest, highest and standard deviation."""

    criterion: str
    lowest: int
    highest: int
    standard_deviation: float
    ratings: int

    @property
    def range(self) -> int:
        return self.highest - self.lowest


@dataclass(frozen=True, slots=True)
class CandidateSpread:
    """How far the members' scores of a candidate lie apart, criterion by criterion."""

    candidate: str
    criteria: tuple[CriterionSpread, ...]

    @property
    def widest(self) -> int:
        """The largest range over the criteria (0 when each was scored once or alike)."""
        return max((spread.range for spread in self.criteria), default=0)


@dataclass(frozen=True, slots=True)
class PanelAgreement:
    overall: Alpha
    by_criterion: tuple[CriterionAlpha, ...]
    members: tuple[MemberDeviation, ...]
    candidates: tuple[CandidateSpread, ...]


def panel_agreement(scorecard: Scorecard, scores: Iterable[Score]) -> PanelAgreement:
    """Every agreement figure of a panel's scores at once (the scores are checked and grouped once)."""
    units = scores_by_unit(scorecard, scores)
    keys = list(units)
    data = _matrix(units, keys)
    return PanelAgreement(
        overall=interval_alpha(data),
        by_criterion=_alpha_by_criterion(scorecard, keys, data),
        members=_member_deviations(units),
        candidates=_candidate_spreads(scorecard, units),
    )


def overall_alpha(scorecard: Scorecard, scores: Iterable[Score]) -> Alpha:
    """Alpha over every (candidate, criterion) pair."""
    units = scores_by_unit(scorecard, scores)
    return interval_alpha(_matrix(units, list(units)))


def alpha_by_criterion(scorecard: Scorecard, scores: Iterable[Score]) -> tuple[CriterionAlpha, ...]:
    """Alpha of each criterion of the scorecard, in its order, over the candidates."""
    units = scores_by_unit(scorecard, scores)
    keys = list(units)
    return _alpha_by_criterion(scorecard, keys, _matrix(units, keys))


def member_deviations(scorecard: Scorecard, scores: Iterable[Score]) -> tuple[MemberDeviation, ...]:
    """Each member's mean deviation from the panel mean, by member."""
    return _member_deviations(scores_by_unit(scorecard, scores))


def candidate_spreads(scorecard: Scorecard, scores: Iterable[Score]) -> tuple[CandidateSpread, ...]:
    """The spread of each candidate's scores, by candidate."""
    return _candidate_spreads(scorecard, scores_by_unit(scorecard, scores))


def _alpha_by_criterion(
    scorecard: Scorecard, keys: list[tuple[str, str]], data: npt.NDArray[np.float64]
) -> tuple[CriterionAlpha, ...]:
    """Each criterion's alpha over its own columns of the whole panel's matrix."""
    criteria = np.array([criterion for _, criterion in keys], dtype=object)
    return tuple(
        CriterionAlpha(criterion.code, interval_alpha(data[:, criteria == criterion.code]))
        for criterion in scorecard.criteria
    )


def _matrix(units: Units, keys: list[tuple[str, str]]) -> npt.NDArray[np.float64]:
    """A row per member of the whole panel, a column per unit of `keys`, NaN where no score."""
    members = {member: row for row, member in enumerate(sorted({m for unit in units.values() for m in unit}))}
    rows: list[int] = []
    columns: list[int] = []
    values: list[int] = []
    for column, key in enumerate(keys):
        for member, value in units[key].items():
            rows.append(members[member])
            columns.append(column)
            values.append(value)
    data = np.full((len(members), len(keys)), np.nan)
    data[rows, columns] = values
    return data


def _member_deviations(units: Units) -> tuple[MemberDeviation, ...]:
    deviations: dict[str, list[float]] = {}
    for unit in units.values():
        for member in unit:
            deviations.setdefault(member, [])
        count = len(unit)
        if count < 2:
            continue
        total = sum(unit.values())
        for member, value in unit.items():
            # count * value - total is a whole number: a member at the panel mean deviates by exactly 0.
            deviations[member].append((count * value - total) / count)
    return tuple(
        MemberDeviation(
            member,
            math.fsum(found) / len(found) if found else None,
            math.fsum(abs(deviation) for deviation in found) / len(found) if found else None,
            len(found),
        )
        for member, found in sorted(deviations.items())
    )


def _candidate_spreads(scorecard: Scorecard, units: Units) -> tuple[CandidateSpread, ...]:
    order = {criterion.code: index for index, criterion in enumerate(scorecard.criteria)}
    found: dict[str, list[CriterionSpread]] = {}
    for (candidate, criterion), unit in units.items():
        values = list(unit.values())
        count = len(values)
        # The population standard deviation from whole numbers: sqrt(n * sum(x^2) - sum(x)^2) / n.
        spread = math.sqrt(count * sum(v * v for v in values) - sum(values) ** 2) / count
        found.setdefault(candidate, []).append(
            CriterionSpread(criterion, min(values), max(values), spread, count)
        )
    return tuple(
        CandidateSpread(candidate, tuple(sorted(spreads, key=lambda spread: order[spread.criterion])))
        for candidate, spreads in sorted(found.items())
    )
