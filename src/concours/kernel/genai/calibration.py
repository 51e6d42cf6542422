"""Calibrating the signal on an organisation's own essays: a threshold whose false-positive rate is
bounded, with 95 % confidence, in every language group, or a refusal that says why.

The bound is the exact one-sided Clopper-Pearson upper limit of a binomial proportion: with `flagged`
of `n` human essays over the threshold, the largest false-positive rate that would still show so few
flags with probability 1 - confidence. With none flagged it is 1 - (1 - confidence) ** (1 / n), so a
group needs at least 299 human essays before its bound can reach 1 % at 95 %.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

FORMAT = 1


@dataclass(frozen=True)
class GroupFigures:
    """One language group's human essays at a threshold: how many, how many flagged, the measured
    false-positive rate and its upper Clopper-Pearson bound."""

    n: int
    flagged: int
    fpr: float
    fpr_upper: float


@dataclass(frozen=True)
class Calibration:
    """Flag an essay when its score >= `threshold`; `detection_rate` is the share of the machine essays
    flagged; `groups` the figures of each language group's human essays at that threshold."""

    threshold: float
    detection_rate: float
    groups: dict[str, GroupFigures]
    machine_n: int = 0
    max_fpr_upper: float = 0.01
    confidence: float = 0.95

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "threshold": self.threshold,
            "detection_rate": self.detection_rate,
            "machine_n": self.machine_n,
            "max_fpr_upper": self.max_fpr_upper,
            "confidence": self.confidence,
            "groups": {
                name: {"n": g.n, "flagged": g.flagged, "fpr": g.fpr, "fpr_upper": g.fpr_upper}
                for name, g in sorted(self.groups.items())
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Calibration:
        if int(data.get("format", FORMAT)) != FORMAT:
            raise ValueError(f"calibration format {data.get('format')!r} is not {FORMAT}")
        return cls(
            threshold=float(data["threshold"]),
            detection_rate=float(data["detection_rate"]),
            groups={
                str(name): GroupFigures(
                    n=int(g["n"]),
                    flagged=int(g["flagged"]),
                    fpr=float(g["fpr"]),
                    fpr_upper=float(g["fpr_upper"]),
                )
                for name, g in data["groups"].items()
            },
            machine_n=int(data.get("machine_n", 0)),
            max_fpr_upper=float(data.get("max_fpr_upper", 0.01)),
            confidence=float(data.get("confidence", 0.95)),
        )


class CalibrationRefused(Exception):
    """No threshold meets the bound in every group. `figures` are each group's at the threshold that
    came closest (the one with the lowest worst-group bound among those flagging a machine essay);
    `threshold` and `detection_rate` are that threshold's (None when there was nothing to try)."""

    def __init__(
        self,
        reason: str,
        figures: Mapping[str, GroupFigures] | None = None,
        threshold: float | None = None,
        detection_rate: float | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.figures: dict[str, GroupFigures] = dict(figures or {})
        self.threshold = threshold
        self.detection_rate = detection_rate


def _log_binomial_cdf(log_coefficients: Sequence[float], n: int, p: float) -> float:
    """log P(X <= k) for X ~ Binomial(n, p), 0 < p < 1, k = len(log_coefficients) - 1, in log space."""
    log_p, log_q = math.log(p), math.log1p(-p)
    terms = [c + i * log_p + (n - i) * log_q for i, c in enumerate(log_coefficients)]
    top = max(terms)
    return top + math.log(math.fsum(math.exp(t - top) for t in terms))


@functools.lru_cache(maxsize=4096)  # calibrate asks for the same (k, n) at many thresholds
def clopper_pearson_upper(k: int, n: int, confidence: float = 0.95) -> float:
    """The exact one-sided upper `confidence` bound on a binomial proportion with k successes in n
    trials: the p at which P(X <= k) = 1 - confidence (1.0 when k == n or n == 0)."""
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must lie strictly between 0 and 1")
    if n < 0 or not 0 <= k <= max(n, 0):
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0 or k == n:
        return 1.0
    alpha = 1.0 - confidence
    if k == 0:
        return -math.expm1(math.log(alpha) / n)  # closed form: 1 - alpha ** (1 / n)
    log_alpha = math.log(alpha)
    log_n_factorial = math.lgamma(n + 1)
    coefficients = [log_n_factorial - math.lgamma(i + 1) - math.lgamma(n - i + 1) for i in range(k + 1)]
    low, high = k / n, 1.0  # P(X <= k) falls as p rises: >= alpha at k/n, -> 0 at 1
    for _ in range(200):
        mid = (low + high) / 2
        if mid in (low, high):
            break
        if _log_binomial_cdf(coefficients, n, mid) > log_alpha:
            low = mid
        else:
            high = mid
    return high


def _figures(sorted_scores: Sequence[float], threshold: float, confidence: float) -> GroupFigures:
    n = len(sorted_scores)
    flagged = n - bisect.bisect_left(sorted_scores, threshold)
    return GroupFigures(
        n=n,
        flagged=flagged,
        fpr=flagged / n if n else 0.0,
        fpr_upper=clopper_pearson_upper(flagged, n, confidence),
    )


def _checked(scores: Sequence[float], what: str) -> list[float]:
    values = sorted(float(s) for s in scores)
    if any(math.isnan(v) for v in values):
        raise ValueError(f"{what}: a score is NaN")
    return values


def calibrate(
    human: Mapping[str, Sequence[float]],
    machine: Sequence[float],
    *,
    max_fpr_upper: float = 0.01,
    confidence: float = 0.95,
) -> Calibration:
    """The threshold (flag when score >= threshold) with the highest detection rate on `machine` among
    those whose false-positive rate on the human essays has an upper `confidence` bound of at most
    `max_fpr_upper` in every language group of `human`. Raises CalibrationRefused when none does.

    Only the machine scores are tried as thresholds: between two of them the detection rate is the
    same and raising the threshold to the next machine score can only flag fewer human essays.
    """
    if not 0.0 < max_fpr_upper < 1.0:
        raise ValueError("max_fpr_upper must lie strictly between 0 and 1")
    groups = {str(name): _checked(scores, f"group {name}") for name, scores in human.items()}
    machines = _checked(machine, "machine")
    if not groups:
        raise CalibrationRefused("no human essays: at least one language group is needed")
    if not machines:
        raise CalibrationRefused("no machine essays: the detection rate cannot be measured")
    empty = sorted(name for name, scores in groups.items() if not scores)
    if empty:
        raise CalibrationRefused(
            f"language group(s) without essays: {', '.join(empty)}",
            figures={name: _figures(scores, math.inf, confidence) for name, scores in groups.items()},
        )
    best: Calibration | None = None
    closest: tuple[float, float, dict[str, GroupFigures]] | None = None  # worst bound, threshold, figures
    # From the highest machine score down: detection rises, and so does every group's bound, so the
    # last threshold that still meets the bound is the best one.
    for index in range(len(machines) - 1, -1, -1):
        threshold = machines[index]
        if index > 0 and machines[index - 1] == threshold:
            continue  # a tied score: tried once, at its lowest index, which gives its detection rate
        figures = {name: _figures(scores, threshold, confidence) for name, scores in groups.items()}
        worst = max(g.fpr_upper for g in figures.values())
        if closest is None or worst < closest[0]:
            closest = (worst, threshold, figures)
        if worst > max_fpr_upper:
            break
        best = Calibration(
            threshold=threshold,
            detection_rate=(len(machines) - index) / len(machines),
            groups=figures,
            machine_n=len(machines),
            max_fpr_upper=max_fpr_upper,
            confidence=confidence,
        )
    if best is not None:
        return best
    assert closest is not None
    worst, threshold, figures = closest
    detection = (len(machines) - bisect.bisect_left(machines, threshold)) / len(machines)
    raise CalibrationRefused(_why(figures, max_fpr_upper, confidence), figures, threshold, detection)


def essays_needed(max_fpr_upper: float = 0.01, confidence: float = 0.95) -> int:
    """The fewest human essays in a group, none flagged, whose upper bound is at most `max_fpr_upper`."""
    n = math.ceil(math.log(1.0 - confidence) / math.log1p(-max_fpr_upper))
    while n > 1 and clopper_pearson_upper(0, n - 1, confidence) <= max_fpr_upper:
        n -= 1
    while clopper_pearson_upper(0, n, confidence) > max_fpr_upper:
        n += 1
    return n


def _why(figures: Mapping[str, GroupFigures], max_fpr_upper: float, confidence: float) -> str:
    needed = essays_needed(max_fpr_upper, confidence)
    parts = []
    for name, g in sorted(figures.items()):
        if g.fpr_upper <= max_fpr_upper:
            continue
        if g.n < needed:
            parts.append(
                f"group {name}: {g.n} human essays cannot show an upper {confidence:.0%} bound of "
                f"{max_fpr_upper:.0%} even with none flagged; at least {needed} are needed"
            )
        else:
            parts.append(
                f"group {name}: {g.flagged} of {g.n} human essays flagged even at the highest threshold, "
                f"an upper bound of {g.fpr_upper:.1%} (at most {max_fpr_upper:.0%} allowed)"
            )
    return "no threshold keeps every language group within the bound: " + "; ".join(parts)
