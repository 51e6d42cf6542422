"""Ranking by total, with ties, and the pass rule's proposal.

Equal totals share a rank, in standard competition ranking (1, 1, 3): nothing breaks a tie, neither the
order the totals came in nor the candidates' codes (which only order the names inside a tie). A pass
rule proposes who passes; the panel decides:

- `TopN(n)`: the n best; when the cut falls inside a tie, everyone sharing that rank is kept and the
  proposal is flagged, with a sentence saying so;
- `Threshold(minimum)`: every total at or above the minimum;
- `PanelDecision()`: no proposal at all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

from concours.kernel.assessment.errors import InvalidAssessment
from concours.kernel.assessment.messages import JSON, render
from concours.kernel.assessment.totals import CandidateTotal, Number, exact_number


@dataclass(frozen=True, slots=True)
class Place:
    """A candidate's rank; `tied` when another candidate has the same total."""

    candidate: str
    total: Fraction
    rank: int
    tied: bool


@dataclass(frozen=True, slots=True)
class Ranking:
    """Places best first (within a tie, by candidate code); candidates without a total are unranked."""

    places: tuple[Place, ...]
    unranked: tuple[str, ...]


def rank(totals: Iterable[CandidateTotal]) -> Ranking:
    """Rank the candidates with a total, highest first; equal totals share the rank (1, 1, 3)."""
    ranked: list[tuple[Fraction, str]] = []
    unranked: list[str] = []
    seen: set[str] = set()
    for index, item in enumerate(totals):
        if item.candidate in seen:
            raise InvalidAssessment(f"totals[{index}].candidate", f"{item.candidate!r} appears twice")
        seen.add(item.candidate)
        if item.total is None:
            unranked.append(item.candidate)
        else:
            ranked.append((item.total, item.candidate))
    # Every total over one common denominator: whole numbers compare and hash much faster than
    # fractions, and exactly the same.
    common = math.lcm(*(total.denominator for total, _ in ranked))
    keyed = sorted(
        ((total.numerator * (common // total.denominator), candidate, total) for total, candidate in ranked),
        key=lambda item: (-item[0], item[1]),
    )
    counts = Counter(key for key, _, _ in keyed)
    places = []
    current = 0
    for position, (key, candidate, total) in enumerate(keyed, start=1):
        if position == 1 or key != keyed[position - 2][0]:
            current = position  # a new total starts at its position: 1, 1, 3
        places.append(Place(candidate, total, current, counts[key] > 1))
    return Ranking(tuple(places), tuple(sorted(unranked)))


@dataclass(frozen=True, slots=True)
class TopN:
    """The n best candidates pass."""

    n: int

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1:
            raise InvalidAssessment(
                "rule.n", f"the number of candidates to pass is at least 1, not {self.n!r}"
            )


@dataclass(frozen=True, slots=True)
class Threshold:
    """Every candidate whose total is at least `minimum` passes."""

    minimum: Number

    def __post_init__(self) -> None:
        exact_number("rule.minimum", self.minimum)


@dataclass(frozen=True, slots=True)
class PanelDecision:
    """The panel decides who passes; nothing is proposed."""


PassRule: TypeAlias = TopN | Threshold | PanelDecision


@dataclass(frozen=True, slots=True)
class Proposal:
    """Who the rule proposes to pass, best first.

    When a top-N cut falls inside a tie, `tied_at_cut` names the candidates sharing that rank
    (`rank_at_cut`): all of them are kept, so `passing` is longer than n, and the proposal is flagged.
    """

    rule: TopN | Threshold
    passing: tuple[str, ...]
    tied_at_cut: tuple[str, ...] = ()
    rank_at_cut: int | None = None

    @property
    def flagged(self) -> bool:
        return bool(self.tied_at_cut)

    def note(self, lang: str = "en") -> str | None:
        """A sentence saying why more candidates than n are proposed, or None when nothing is flagged."""
        if not self.tied_at_cut or not isinstance(self.rule, TopN):
            return None
        params: dict[str, JSON] = {
            "count": len(self.passing),
            "n": self.rule.n,
            "tied": len(self.tied_at_cut),
            "rank": self.rank_at_cut,
        }
        return render("cut.tied", params, lang)


def propose(ranking: Ranking, rule: PassRule) -> Proposal | None:
    """The rule's proposal over the ranked candidates; None when the panel decides."""
    if isinstance(rule, PanelDecision):
        return None
    if isinstance(rule, Threshold):
        minimum = Fraction(rule.minimum)
        return Proposal(rule, tuple(place.candidate for place in ranking.places if place.total >= minimum))
    passing = [place for place in ranking.places if place.rank <= rule.n]
    if len(passing) <= rule.n:
        return Proposal(rule, tuple(place.candidate for place in passing))
    last = passing[-1].rank  # the rank the cut falls in: its group runs past the n-th place
    tied = tuple(place.candidate for place in passing if place.rank == last)
    return Proposal(rule, tuple(place.candidate for place in passing), tied, last)
