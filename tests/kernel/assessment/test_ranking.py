"""Ranking with ties (1, 1, 3), never broken silently, and the pass rule's proposal."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.assessment import (
    CandidateTotal,
    InvalidAssessment,
    PanelDecision,
    Ranking,
    Threshold,
    TopN,
    propose,
    rank,
)


def totals(**by_candidate: int | Fraction | None) -> list[CandidateTotal]:
    return [
        CandidateTotal(candidate, None if total is None else Fraction(total), ())
        for candidate, total in by_candidate.items()
    ]


def places(ranking: Ranking) -> list[tuple[str, int, bool]]:
    return [(place.candidate, place.rank, place.tied) for place in ranking.places]


def test_equal_totals_share_a_rank_and_the_next_rank_skips() -> None:
    """Totals 4, 3, 3, 2: ranks 1, 2, 2, 4, the two at 3 flagged as tied; no total: unranked."""
    ranking = rank(totals(D=2, B=3, A=4, C=3, E=None))
    assert places(ranking) == [("A", 1, False), ("B", 2, True), ("C", 2, True), ("D", 4, False)]
    assert ranking.unranked == ("E",)


def test_a_candidate_given_twice_is_refused() -> None:
    """Two totals for one candidate would rank them twice: refused."""
    with pytest.raises(InvalidAssessment, match="'A' appears twice"):
        rank([*totals(A=3), *totals(A=4)])


field = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3),
    st.one_of(st.none(), st.integers(0, 8).map(lambda half: Fraction(half, 2))),
    max_size=25,
)


@given(field, st.randoms(use_true_random=False))
def test_the_ranking_does_not_depend_on_the_order_of_the_totals(
    by_candidate: dict[str, Fraction | None], rng: random.Random
) -> None:
    """The same totals in any order give the same ranking, places and unranked alike."""
    items = totals(**by_candidate)
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert rank(shuffled) == rank(items)


@given(field)
def test_ranks_are_one_based_competition_ranks(by_candidate: dict[str, Fraction | None]) -> None:
    """A rank is 1 + the number of candidates with a higher total; equal totals rank equal, and are
    flagged as tied; every candidate is ranked or unranked, once."""
    ranking = rank(totals(**by_candidate))
    scored = {candidate: total for candidate, total in by_candidate.items() if total is not None}
    for place in ranking.places:
        assert place.total == scored[place.candidate]
        assert place.rank == 1 + sum(1 for total in scored.values() if total > place.total)
        assert place.tied is (sum(1 for total in scored.values() if total == place.total) > 1)
    assert sorted(place.candidate for place in ranking.places) == sorted(scored)
    assert set(ranking.unranked) == set(by_candidate) - set(scored)
    if ranking.places:
        assert ranking.places[0].rank == 1
    assert [place.rank for place in ranking.places] == sorted(place.rank for place in ranking.places)


def test_top_n_keeps_everyone_tied_at_the_cut_and_says_so() -> None:
    """Top 3 of 5, 4, 3, 3, 3, 1: the three sharing rank 3 all pass (5 candidates), and it is flagged."""
    ranking = rank(totals(A=5, B=4, C=3, D=3, E=3, F=1))
    proposal = propose(ranking, TopN(3))
    assert proposal is not None
    assert proposal.passing == ("A", "B", "C", "D", "E")
    assert proposal.tied_at_cut == ("C", "D", "E")
    assert proposal.rank_at_cut == 3
    assert proposal.flagged
    assert proposal.note("en") == (
        "5 candidates are proposed for the top 3: 3 share rank 3 at the cut, and all of them are kept;"
        " the panel decides."
    )
    assert proposal.note("fr") == (
        "5 candidats sont proposés pour les 3 premières places : 3 sont ex aequo au rang 3, à la limite,"
        " et tous sont retenus ; le jury décide."
    )


def test_top_n_with_a_tie_inside_the_places_is_not_flagged() -> None:
    """Top 3 of 5, 5, 4, 2: the tie at rank 1 fits within the three places; nothing is flagged."""
    proposal = propose(rank(totals(A=5, B=5, C=4, D=2)), TopN(3))
    assert proposal is not None
    assert (proposal.passing, proposal.flagged, proposal.note("en")) == (("A", "B", "C"), False, None)


def test_top_n_larger_than_the_field_passes_everyone_ranked() -> None:
    """Top 10 of three ranked candidates: all three, not the unranked one."""
    proposal = propose(rank(totals(A=2, B=2, C=1, D=None)), TopN(10))
    assert proposal is not None
    assert (proposal.passing, proposal.flagged) == (("A", "B", "C"), False)


@given(field, st.integers(1, 30))
def test_top_n_passes_at_least_n_and_splits_no_tie(by_candidate: dict[str, Fraction | None], n: int) -> None:
    """Top n passes min(n, ranked) candidates or more, and never some of a tie but not the others."""
    ranking = rank(totals(**by_candidate))
    proposal = propose(ranking, TopN(n))
    assert proposal is not None
    assert len(proposal.passing) >= min(n, len(ranking.places))
    passing = set(proposal.passing)
    for place in ranking.places:
        same = {other.candidate for other in ranking.places if other.total == place.total}
        assert same <= passing or not same & passing
    assert proposal.flagged is (len(proposal.passing) > n)


def test_a_threshold_passes_every_total_at_or_above_it() -> None:
    """Minimum 3: the totals 3 and above pass, ties included; nothing is flagged."""
    proposal = propose(rank(totals(A=4, B=3, C=3, D=Fraction(29, 10))), Threshold(3))
    assert proposal is not None
    assert (proposal.passing, proposal.flagged) == (("A", "B", "C"), False)


def test_a_panel_decision_proposes_nothing() -> None:
    """When the panel decides, there is no proposal to follow."""
    assert propose(rank(totals(A=4, B=3)), PanelDecision()) is None


def test_a_rule_that_makes_no_sense_is_refused() -> None:
    """Top 0, top True and a float threshold are refused."""
    for build in (lambda: TopN(0), lambda: TopN(True), lambda: Threshold(2.5)):  # type: ignore[arg-type]
        with pytest.raises(InvalidAssessment):
            build()
