"""Assessment: scales with behavioural anchors, weighted totals, ranking with ties, the pass rule's
proposal and the panel's agreement.

scale = Scale((Point(1, "…", "…"), ..., Point(5, "…", "…")))
needs_comment(scale, 5)                                     # True: a comment at either end of the scale
card = Scorecard(scale, (Criterion("analysis", weight=2), ...), tests=(Test("written", maximum=100),))
totals = candidate_totals(card, scores, results)            # exact fractions, on the scale
ranking = rank(totals)                                      # 1, 1, 3: ties shared, never broken
proposal = propose(ranking, TopN(5))                        # or Threshold(3), or PanelDecision() -> None
figures = panel_agreement(card, scores)                     # alpha per criterion and overall, deviations
figures.overall.value, figures.overall.meaning("fr")        # a float or None, and what it means
"""

from __future__ import annotations

from concours.kernel.assessment.agreement import (
    Alpha,
    CandidateSpread,
    CriterionAlpha,
    CriterionSpread,
    MemberDeviation,
    PanelAgreement,
    alpha_by_criterion,
    candidate_spreads,
    interval_alpha,
    member_deviations,
    overall_alpha,
    panel_agreement,
)
from concours.kernel.assessment.errors import InvalidAssessment
from concours.kernel.assessment.ranking import (
    PanelDecision,
    PassRule,
    Place,
    Proposal,
    Ranking,
    Threshold,
    TopN,
    propose,
    rank,
)
from concours.kernel.assessment.scales import Point, Scale, needs_comment
from concours.kernel.assessment.totals import (
    CandidateTotal,
    Criterion,
    Part,
    Score,
    Scorecard,
    Test,
    TestResult,
    candidate_totals,
)

__all__ = [
    "Alpha",
    "CandidateSpread",
    "CandidateTotal",
    "Criterion",
    "CriterionAlpha",
    "CriterionSpread",
    "InvalidAssessment",
    "MemberDeviation",
    "PanelAgreement",
    "PanelDecision",
    "Part",
    "PassRule",
    "Place",
    "Point",
    "Proposal",
    "Ranking",
    "Scale",
    "Score",
    "Scorecard",
    "Test",
    "TestResult",
    "Threshold",
    "TopN",
    "alpha_by_criterion",
    "candidate_spreads",
    "candidate_totals",
    "interval_alpha",
    "member_deviations",
    "needs_comment",
    "overall_alpha",
    "panel_agreement",
    "propose",
    "rank",
]
