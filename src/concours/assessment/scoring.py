"""The bridge to the kernel's arithmetic (concours.kernel.assessment): a stage's scale and scorecard,
its scores and test results as kernel values, and what the kernel answers (totals, ranking, agreement).

Nothing is computed here that the kernel computes: this module only reads rows and names things.
Candidates are named by their candidate code, members by their panel seat's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Q
from django.utils.formats import number_format

from concours.applications.models import Application
from concours.assessment.models import Consensus, Criterion, Score, Scorecard, Stage, TestResult
from concours.kernel import assessment as kernel

CONSENSUS = "consensus"


def as_decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def mean_as_point(mean: Fraction) -> int:
    """The point of the scale nearest to a mean (halves go up)."""
    return int(as_decimal(mean).quantize(Decimal("1"), ROUND_HALF_UP))


def stage_scale(stage: Stage) -> kernel.Scale:
    anchors = {int(a.get("point", 0)): a for a in stage.anchors or [] if isinstance(a, dict)}
    return kernel.Scale(
        tuple(
            kernel.Point(
                point,
                str(anchors.get(point, {}).get("en") or point),
                str(anchors.get(point, {}).get("fr") or point),
            )
            for point in stage.points
        )
    )


def stage_group(stage: Stage) -> list[Stage]:
    """The stages whose results a stage ranks on: itself and the stages before it that take the same
    candidates and move nobody on (the pre-selection test before the shortlist)."""
    before = Stage.objects.filter(
        vacancy_id=stage.vacancy_id,
        entry_status=stage.entry_status,
        position__lt=stage.position,
        advances_to="",
    )
    return [*before.order_by("position"), stage]


def _code(criterion: Criterion) -> str:
    return f"{'t' if criterion.source == Criterion.Source.TEST else 'c'}{criterion.pk}"


@dataclass(frozen=True)
class Card:
    """A kernel scorecard and the criteria behind its codes."""

    scorecard: kernel.Scorecard
    criteria: dict[str, Criterion]


def card_for(stages: list[Stage], *, panel_only: bool = False) -> Card | None:
    criteria = [
        c for s in stages for c in s.criteria.all() if not (panel_only and not c.scored_on_scorecards)
    ]
    if not criteria:
        return None
    scored = [c for c in criteria if c.scored_on_scorecards]
    tests = [c for c in criteria if not c.scored_on_scorecards]
    scorecard = kernel.Scorecard(
        stage_scale(stages[-1]),
        tuple(kernel.Criterion(_code(c), weight=c.weight) for c in scored),
        # Results come with their own maximum per row: each counts as its share of 1.
        tests=tuple(kernel.Test(_code(c), maximum=1, weight=c.weight) for c in tests),
    )
    return Card(scorecard, {_code(c): c for c in criteria})


def candidates_at(stage: Stage) -> list[Application]:
    """The candidates of a stage: those in its entry state, and those scored or agreed at it who have
    moved on since (a stage's ranking and agreement stay readable once it is confirmed)."""
    return list(
        Application.objects.filter(vacancy_id=stage.vacancy_id)
        .filter(
            Q(status=stage.entry_status)
            | Q(pk__in=Scorecard.objects.filter(stage=stage, status="submitted").values("application_id"))
            | Q(pk__in=Consensus.objects.filter(stage=stage).values("application_id"))
        )
        .only("id", "status")
    )


def member_scores(
    stages: list[Stage], *, applications: list[Application] | None = None
) -> list[kernel.Score]:
    """Submitted scores only: a draft is the member's own until they submit it."""
    rows = Score.objects.filter(
        scorecard__stage__in=stages, scorecard__status="submitted", value__isnull=False
    ).values_list(
        "scorecard__application_id", "scorecard__member_id", "criterion_id", "criterion__source", "value"
    )
    if applications is not None:
        rows = rows.filter(scorecard__application__in=[a.pk for a in applications])
    return [
        kernel.Score(Application(pk=app).candidate_code, str(member), f"c{criterion}", int(value or 0))
        for app, member, criterion, _source, value in rows
    ]


def members_means(*, stage: Stage, application: Application) -> dict[int, Fraction | None]:
    """The members' mean per criterion of `stage` for one candidate (submitted scorecards)."""
    card = card_for([stage], panel_only=True)
    if card is None:
        return {}
    code = application.candidate_code
    totals = kernel.candidate_totals(
        card.scorecard, member_scores([stage], applications=[application]), candidates=[code]
    )
    return {card.criteria[part.code].pk: part.value for part in totals[0].parts}


def _results(stages: list[Stage], codes: dict[int, str], card: Card) -> list[kernel.TestResult]:
    tests = {c.test.casefold(): code for code, c in card.criteria.items() if not c.scored_on_scorecards}
    found = []
    for result in TestResult.objects.filter(application_id__in=list(codes)):
        code = tests.get(result.test.casefold())
        if code is not None:
            found.append(
                kernel.TestResult(
                    codes[result.application_id], code, Fraction(result.score) / Fraction(result.maximum)
                )
            )
    return found


def _consensus_or_members(
    stages: list[Stage], applications: list[Application]
) -> tuple[list[kernel.Score], set[str]]:
    """The consensus where the chair recorded it, else the members' submitted scores; and the
    candidates ranked without a complete consensus."""
    agreed: dict[tuple[int, int], int] = {
        (c.application_id, c.criterion_id): c.value
        for c in Consensus.objects.filter(stage__in=stages, application__in=[a.pk for a in applications])
    }
    scores: list[kernel.Score] = []
    provisional: set[str] = set()
    by_unit: dict[tuple[str, str], list[kernel.Score]] = {}
    for score in member_scores(stages, applications=applications):
        by_unit.setdefault((score.candidate, score.criterion), []).append(score)
    panel = [c for s in stages for c in s.criteria.all() if c.scored_on_scorecards]
    for application in applications:
        code = application.candidate_code
        for criterion in panel:
            value = agreed.get((application.pk, criterion.pk))
            if value is not None:
                scores.append(kernel.Score(code, CONSENSUS, f"c{criterion.pk}", value))
            else:
                scores += by_unit.get((code, f"c{criterion.pk}"), [])
                provisional.add(code)
    return scores, provisional


@dataclass(frozen=True)
class RankedRow:
    application_id: int
    code: str
    rank: int | None
    tied: bool
    total: Decimal | None
    parts: list[tuple[str, Decimal | None]]
    missing: list[str]
    provisional: bool
    proposed: bool
    at_stage: bool  # still in the stage's entry state: the only ones a confirmation can move


@dataclass(frozen=True)
class StageRanking:
    rows: list[RankedRow]
    criteria: list[Criterion]
    rule_text: str
    note: str | None
    proposes: bool


def stage_ranking(stage: Stage, *, lang: str = "en") -> StageRanking | None:
    """Each candidate at the stage with a weighted total (consensus and test results), ranked with ties,
    and who the pass rule proposes."""
    stages = stage_group(stage)
    card = card_for(stages)
    if card is None:
        return None
    applications = candidates_at(stage)
    codes = {a.pk: a.candidate_code for a in applications}
    waiting = {a.candidate_code for a in applications if a.status == stage.entry_status}
    scores, provisional = _consensus_or_members(stages, applications)
    totals = kernel.candidate_totals(
        card.scorecard, scores, _results(stages, codes, card), candidates=list(codes.values())
    )
    ranking = kernel.rank(totals)
    rule: Any = kernel.PanelDecision()
    if stage.pass_rule == Stage.PassRule.TOP_N and stage.pass_value is not None:
        rule = kernel.TopN(int(stage.pass_value))
    elif stage.pass_rule == Stage.PassRule.THRESHOLD and stage.pass_value is not None:
        rule = kernel.Threshold(stage.pass_value)
    proposal = kernel.propose(ranking, rule)
    passing = set(proposal.passing) if proposal else set()
    by_code = {t.candidate: t for t in totals}
    ids = {code: pk for pk, code in codes.items()}
    places = {p.candidate: p for p in ranking.places}
    order = [p.candidate for p in ranking.places] + list(ranking.unranked)
    rows = []
    for code in order:
        total = by_code[code]
        place = places.get(code)
        rows.append(
            RankedRow(
                application_id=ids[code],
                code=code,
                rank=place.rank if place else None,
                tied=place.tied if place else False,
                total=as_decimal(total.total) if total.total is not None else None,
                parts=[(p.code, as_decimal(p.value) if p.value is not None else None) for p in total.parts],
                missing=[card.criteria[c].localized_name() for c in total.missing],
                provisional=code in provisional,
                proposed=code in passing and code in waiting,
                at_stage=code in waiting,
            )
        )
    return StageRanking(
        rows=rows,
        criteria=list(card.criteria.values()),
        rule_text=rule_text(stage),
        note=proposal.note(lang) if proposal else None,
        proposes=proposal is not None,
    )


def rule_text(stage: Stage) -> str:
    if stage.pass_rule == Stage.PassRule.TOP_N and stage.pass_value is not None:
        return f"{stage.get_pass_rule_display()} (N = {int(stage.pass_value)})"
    if stage.pass_rule == Stage.PassRule.THRESHOLD and stage.pass_value is not None:
        return f"{stage.get_pass_rule_display()} (≥ {number_format(stage.pass_value)})"
    return str(stage.get_pass_rule_display())


def stage_agreement(stage: Stage) -> tuple[kernel.PanelAgreement, Card] | None:
    """Krippendorff's alpha per criterion and overall, spreads, and each member's deviation."""
    card = card_for([stage], panel_only=True)
    if card is None:
        return None
    return kernel.panel_agreement(card.scorecard, member_scores([stage])), card
