"""The selection report: the records of a competition gathered into plain values, then one PDF.

Everything in it is read from the records at the moment it is made (nothing typed in for the report):
the vacancy and its posts, the plan, the panel and its declarations, the counts at each stage, the
panel's agreement, the ranking with its breakdown, the consensus reasons, the decisions and the reserve
list. The report is for the appointing authority once the panel has finished, so candidates are named
(the authority must know whom it appoints), each with the code the panel knew them by.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from concours.applications.models import Application, Transition
from concours.applications.workflow import TRANSITIONS
from concours.assessment.models import Consensus, Criterion, Declaration, PanelMember, Scorecard, Stage
from concours.assessment.scoring import (
    _consensus_or_members,
    _results,
    as_decimal,
    card_for,
    rule_text,
    stage_agreement,
    stage_group,
    stage_ranking,
)
from concours.kernel import assessment as kernel
from concours.selection.models import (
    Placement,
    PostSelection,
    Recommendation,
    ReserveEntry,
    ReserveOffer,
    Review,
)
from concours.vacancies.models import Post, Vacancy

TEMPLATE = "selection/documents/report.html"

# The steps every competition climbs, in order: reaching one means having reached those before it.
LADDER = [
    Application.Status.SUBMITTED,
    Application.Status.SCREENED_IN,
    Application.Status.LONGLISTED,
    Application.Status.SHORTLISTED,
]


def _implied_step(status: str, seen: frozenset[str] = frozenset()) -> int:
    """The step of the ladder an application in `status` must have reached, whatever the records kept
    of its history: the lowest step from which the workflow leads to it (selected: shortlisted;
    not selected: screened in; screened out: submitted; withdrawn: none, a draft may be withdrawn)."""
    if status in LADDER:
        return LADDER.index(Application.Status(status))
    before = [s for s, targets in TRANSITIONS.items() if status in targets and s not in seen | {status}]
    if not before:
        return -1
    return min(_implied_step(s, seen | {status}) for s in before)


IMPLIED_STEP = {status.value: _implied_step(status.value) for status in Application.Status}


@dataclass(frozen=True)
class VacancyPart:
    reference: str
    title: str
    organisation: str
    unit: str
    grade: str
    location: str
    deadline: dt.datetime | None
    zone: str
    status: str


@dataclass(frozen=True)
class PostLine:
    title: str
    reference: str
    grade: str


@dataclass(frozen=True)
class StageLine:
    position: int
    name: str
    kind: str
    blind: bool
    scorers: str
    rule: str
    when: str
    where: str
    criteria: list[tuple[str, Decimal]]  # name and weight


@dataclass(frozen=True)
class MemberLine:
    name: str
    role: str
    declared: int
    conflicts: int


@dataclass(frozen=True)
class ConflictLine:
    member: str
    role: str
    candidate: str
    code: str
    reason: str
    declared_at: dt.datetime


@dataclass(frozen=True)
class StageCount:
    stage: str
    considered: int
    went_on: int | None  # None: the stage moves nobody on (its results feed the next stage)
    next_state: str


@dataclass(frozen=True)
class AlphaLine:
    name: str
    value: float | None
    meaning: str


@dataclass(frozen=True)
class DeviationLine:
    member: str
    mean_deviation: float | None
    mean_absolute_deviation: float | None
    compared: int


@dataclass(frozen=True)
class AgreementPart:
    stage: str
    overall: AlphaLine
    criteria: list[AlphaLine]
    members: list[DeviationLine]


@dataclass(frozen=True)
class RankingRow:
    rank: int | None
    tied: bool
    candidate: str
    code: str
    total: Decimal | None
    parts: list[Decimal | None]
    provisional: bool


@dataclass(frozen=True)
class RankingPart:
    stage: str
    rule: str
    criteria: list[str]
    rows: list[RankingRow]
    note: str | None
    # The ranking kept with the recommendation no longer matches the records (scores changed since).
    changed_since_recommendation: bool

    @property
    def has_provisional(self) -> bool:
        return any(row.provisional for row in self.rows)


@dataclass(frozen=True)
class ConsensusLine:
    stage: str
    candidate: str
    code: str
    criterion: str
    value: int
    members_mean: Decimal | None
    reason: str
    recorded_by: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class SelectionLine:
    post: str
    candidate: str
    code: str
    reason: str


@dataclass(frozen=True)
class PlacementLine:
    candidate: str
    code: str
    outcome: str
    reason: str


@dataclass(frozen=True)
class ReviewLine:
    version: int
    outcome: str
    comments: str
    by: str
    at: dt.datetime


@dataclass(frozen=True)
class DecisionPart:
    status: str
    final: bool
    version: int
    drawn_by: str
    drawn_at: dt.datetime
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    approved_by: str
    selections: list[SelectionLine]
    posts_without_selection: list[str]
    placements: list[PlacementLine]
    reviews: list[ReviewLine]


@dataclass(frozen=True)
class ReserveLine:
    candidate: str
    code: str
    grade: str
    listed_on: dt.date
    expires_on: dt.date
    state: str
    offers: list[str]


@dataclass(frozen=True)
class ReportData:
    language: str
    made_at: dt.datetime
    made_by: str
    vacancy: VacancyPart
    posts: list[PostLine]
    stages: list[StageLine]
    panel: list[MemberLine]
    conflicts: list[ConflictLine]
    applications: list[tuple[str, int]]  # each state and how many applications are in it now
    counts: list[StageCount]
    agreement: list[AgreementPart]
    ranking: RankingPart | None
    consensus: list[ConsensusLine]
    decision: DecisionPart | None
    reserve: list[ReserveLine]


def _person(user: Any) -> str:
    return str(user) if user is not None else "—"


class _Names:
    """Each application of the vacancy by id: the candidate's name as submitted, and the blind code."""

    def __init__(self, vacancy: Vacancy) -> None:
        self.by_id: dict[int, tuple[str, str]] = {}
        for application in Application.objects.filter(vacancy=vacancy).select_related("candidate"):
            snapshot = application.profile_snapshot or {}
            name = str(snapshot.get("name") or application.candidate.name or application.candidate)
            self.by_id[application.pk] = (name, application.candidate_code)

    def name(self, application_id: int) -> str:
        return self.by_id.get(application_id, ("—", ""))[0]

    def code(self, application_id: int) -> str:
        return self.by_id.get(application_id, ("", Application(pk=application_id).candidate_code))[1]


def _vacancy_part(vacancy: Vacancy) -> VacancyPart:
    unit = (
        " / ".join(
            (u.name_fr if (translation.get_language() or "").startswith("fr") and u.name_fr else u.name)
            for u in vacancy.unit.path()
        )
        if vacancy.unit
        else ""
    )
    return VacancyPart(
        reference=vacancy.reference,
        title=vacancy.localized_title(),
        organisation=vacancy.organisation,
        unit=unit,
        grade=vacancy.grade,
        location=vacancy.location,
        deadline=vacancy.local_deadline,
        zone=vacancy.zone,
        status=vacancy.get_status_display(),
    )


def _stages(stages: list[Stage]) -> list[StageLine]:
    return [
        StageLine(
            position=index,
            name=stage.localized_name(),
            kind=stage.get_kind_display(),
            blind=stage.blind,
            scorers=stage.get_scorers_display(),
            rule=rule_text(stage),
            when=stage.when,
            where=stage.where,
            criteria=[(c.localized_name(), c.weight) for c in stage.criteria.all()],
        )
        for index, stage in enumerate(stages, start=1)
    ]


def _panel(vacancy: Vacancy, names: _Names) -> tuple[list[MemberLine], list[ConflictLine]]:
    members = list(
        PanelMember.objects.filter(vacancy=vacancy)
        .select_related("user")
        .prefetch_related(Prefetch("declarations", queryset=Declaration.objects.order_by("id")))
        .order_by("id")
    )
    lines = []
    conflicts = []
    for member in members:
        declarations = list(member.declarations.all())
        lines.append(
            MemberLine(
                name=_person(member.user),
                role=member.get_role_display(),
                declared=len(declarations),
                conflicts=sum(1 for d in declarations if d.conflicted),
            )
        )
        conflicts += [
            ConflictLine(
                member=_person(member.user),
                role=member.get_role_display(),
                candidate=names.name(d.application_id),
                code=names.code(d.application_id),
                reason=d.reason,
                declared_at=d.declared_at,
            )
            for d in declarations
            if d.conflicted
        ]
    conflicts.sort(key=lambda line: (line.candidate, line.code, line.member))
    return lines, conflicts


def highest_step(states: set[str]) -> int:
    """The highest step of the ladder an application reached, given every state it has been in (-1:
    none, e.g. a draft)."""
    return max((IMPLIED_STEP.get(s, -1) for s in states), default=-1)


def count_reaching(histories: list[set[str]], status: str) -> int:
    """How many applications reached `status`: a step of the ladder or any step after it; an end state
    only by being in it at some time."""
    if status in LADDER:
        step = LADDER.index(Application.Status(status))
        return sum(1 for states in histories if highest_step(states) >= step)
    return sum(1 for states in histories if status in states)


def _histories(vacancy: Vacancy) -> list[set[str]]:
    """Every state each submitted application of the vacancy has been in (now, and in its transitions)."""
    seen: dict[int, set[str]] = {}
    for pk, status in (
        Application.objects.filter(vacancy=vacancy)
        .exclude(status=Application.Status.DRAFT)
        .values_list("pk", "status")
    ):
        seen[pk] = {status}
    for application_id, before, after in Transition.objects.filter(application_id__in=list(seen)).values_list(
        "application_id", "from_status", "to_status"
    ):
        seen[application_id] |= {before, after}
    return [seen[pk] for pk in sorted(seen)]


def _counts(vacancy: Vacancy, stages: list[Stage]) -> tuple[list[tuple[str, int]], list[StageCount]]:
    histories = _histories(vacancy)
    now: dict[str, int] = {}
    for status in (
        Application.objects.filter(vacancy=vacancy)
        .exclude(status=Application.Status.DRAFT)
        .values_list("status", flat=True)
    ):
        now[status] = now.get(status, 0) + 1
    by_state = [
        (str(choice.label), now[choice.value]) for choice in Application.Status if choice.value in now
    ]
    counts = []
    for stage in stages:
        onward = stage.advances_to
        if (
            not onward
            and stage == stages[-1]
            and Application.Status.SELECTED in TRANSITIONS[stage.entry_status]
        ):
            # The plan's last stage moves nobody: the approval of the recommendation selects from it.
            onward = Application.Status.SELECTED
        counts.append(
            StageCount(
                stage=stage.localized_name(),
                considered=count_reaching(histories, stage.entry_status),
                went_on=count_reaching(histories, onward) if onward else None,
                next_state=str(Application.Status(onward).label) if onward else "",
            )
        )
    return by_state, counts


def _agreement(stages: list[Stage], panel: dict[str, str], lang: str) -> list[AgreementPart]:
    parts = []
    for stage in stages:
        if not stage.scored_by_panel:
            continue
        if not Scorecard.objects.filter(stage=stage, status=Scorecard.Status.SUBMITTED).exists():
            continue
        found = stage_agreement(stage)
        if found is None:
            continue
        figures, card = found
        names = {code: criterion.localized_name() for code, criterion in card.criteria.items()}
        parts.append(
            AgreementPart(
                stage=stage.localized_name(),
                overall=AlphaLine("", figures.overall.value, figures.overall.meaning(lang)),
                criteria=[
                    AlphaLine(names.get(c.criterion, c.criterion), c.alpha.value, c.alpha.meaning(lang))
                    for c in figures.by_criterion
                ],
                members=[
                    DeviationLine(
                        panel.get(m.member, m.member),
                        m.mean_deviation,
                        m.mean_absolute_deviation,
                        m.compared,
                    )
                    for m in figures.members
                ],
            )
        )
    return parts


def _part_code(criterion: Criterion) -> str:
    # The codes scoring.py gives a ranking's parts: a test result, or a criterion scored on scorecards.
    return f"{'t' if criterion.source == Criterion.Source.TEST else 'c'}{criterion.pk}"


@dataclass(frozen=True)
class _Ranked:
    """A ranking as the report shows it: per candidate (application id, code), rank, tie, total and
    the parts by criterion code, in rank order."""

    stage: Stage
    criteria: list[Criterion]
    rows: list[tuple[int, str, int | None, bool, Decimal | None, dict[str, Decimal | None], bool]]
    rule: str
    note: str | None


def _recommended_ranking(recommendation: Recommendation) -> _Ranked | None:
    """The ranking of the candidates the recommendation was drawn from, recomputed from the records as
    scoring.stage_ranking does, but for those candidates whatever their state now: once approved they
    have left the stage, and stage_ranking only lists those still at it (or scored at that very stage)."""
    stage = recommendation.stage
    ids = [int(row.get("application", 0)) for row in recommendation.ranking]
    if stage is None or not ids:
        return None
    stages = stage_group(stage)
    card = card_for(stages)
    if card is None:
        return None
    applications = list(Application.objects.filter(pk__in=ids, vacancy_id=stage.vacancy_id).order_by("pk"))
    codes = {a.pk: a.candidate_code for a in applications}
    ids_by_code = {code: pk for pk, code in codes.items()}
    scores, provisional = _consensus_or_members(stages, applications)
    totals = kernel.candidate_totals(
        card.scorecard, scores, _results(stages, codes, card), candidates=list(codes.values())
    )
    ranking = kernel.rank(totals)
    by_code = {t.candidate: t for t in totals}
    places = {p.candidate: p for p in ranking.places}
    rows = []
    for code in [p.candidate for p in ranking.places] + list(ranking.unranked):
        total, place = by_code[code], places.get(code)
        rows.append(
            (
                ids_by_code[code],
                code,
                place.rank if place else None,
                place.tied if place else False,
                as_decimal(total.total) if total.total is not None else None,
                {p.code: as_decimal(p.value) if p.value is not None else None for p in total.parts},
                code in provisional,
            )
        )
    return _Ranked(stage, list(card.criteria.values()), rows, rule_text(stage), None)


def _live_ranking(stages: list[Stage], lang: str) -> _Ranked | None:
    """Without a recommendation: the last stage ranked so far, as its ranking page shows it."""
    for stage in reversed(stages):
        ranking = stage_ranking(stage, lang=lang)
        if ranking is not None and any(row.total is not None for row in ranking.rows):
            return _Ranked(
                stage,
                ranking.criteria,
                [
                    (r.application_id, r.code, r.rank, r.tied, r.total, dict(r.parts), r.provisional)
                    for r in ranking.rows
                ],
                ranking.rule_text,
                ranking.note,
            )
    return None


def _ranking(
    stages: list[Stage], recommendation: Recommendation | None, names: _Names, lang: str
) -> RankingPart | None:
    found = _recommended_ranking(recommendation) if recommendation is not None else None
    found = found or _live_ranking(stages, lang)
    if found is None:
        return None
    order = [_part_code(c) for c in found.criteria]
    rows = [
        RankingRow(
            rank=rank,
            tied=tied,
            candidate=names.name(application_id),
            code=code,
            total=total,
            parts=[parts.get(c) for c in order],
            provisional=provisional,
        )
        for application_id, code, rank, tied, total, parts, provisional in found.rows
    ]
    changed = False
    if recommendation is not None and recommendation.ranking:
        kept = {(int(r.get("application", 0)), r.get("rank"), r.get("total")) for r in recommendation.ranking}
        now = {(row[0], row[2], str(row[4]) if row[4] is not None else None) for row in found.rows}
        changed = kept != now
    return RankingPart(
        stage=found.stage.localized_name(),
        rule=found.rule,
        criteria=[c.localized_name() for c in found.criteria],
        rows=rows,
        note=found.note,
        changed_since_recommendation=changed,
    )


def _consensus(vacancy: Vacancy, names: _Names) -> list[ConsensusLine]:
    rows = (
        Consensus.objects.filter(stage__vacancy=vacancy)
        .exclude(reason="")
        .select_related("stage", "criterion", "recorded_by")
        .order_by("stage__position", "application_id", "criterion__position", "criterion_id")
    )
    lines = [
        ConsensusLine(
            stage=c.stage.localized_name(),
            candidate=names.name(c.application_id),
            code=names.code(c.application_id),
            criterion=c.criterion.localized_name(),
            value=c.value,
            members_mean=c.members_mean,
            reason=c.reason,
            recorded_by=_person(c.recorded_by),
            recorded_at=c.recorded_at,
        )
        for c in rows
    ]
    # Within a stage, by the candidate's name: the reader looks candidates up by name.
    positions: dict[str, int] = {}
    for index, line in enumerate(lines):
        positions.setdefault(line.stage, index)
    return sorted(lines, key=lambda line: (positions[line.stage], line.candidate, line.code))


def _decision(vacancy: Vacancy, names: _Names) -> DecisionPart | None:
    recommendation = (
        Recommendation.objects.filter(vacancy=vacancy).select_related("drawn_by", "decided_by").first()
    )
    if recommendation is None:
        return None
    selections = list(
        PostSelection.objects.filter(recommendation=recommendation).select_related("post").order_by("post_id")
    )
    chosen = {s.post_id for s in selections}
    placements = sorted(
        Placement.objects.filter(recommendation=recommendation),
        key=lambda p: (p.outcome != Placement.Outcome.RESERVE, names.name(p.application_id), p.pk),
    )
    reviews = Review.objects.filter(recommendation=recommendation).select_related("by").order_by("at", "id")
    approved = recommendation.status == Recommendation.Status.APPROVED
    return DecisionPart(
        status=recommendation.get_status_display(),
        final=approved,
        version=recommendation.version,
        drawn_by=_person(recommendation.drawn_by),
        drawn_at=recommendation.drawn_at,
        submitted_at=recommendation.submitted_at,
        approved_at=recommendation.approved_at if approved else None,
        approved_by=_person(recommendation.decided_by) if approved else "",
        selections=[
            SelectionLine(
                post=_post_name(s.post),
                candidate=names.name(s.application_id),
                code=names.code(s.application_id),
                reason=s.reason,
            )
            for s in selections
        ],
        posts_without_selection=[_post_name(p) for p in vacancy.posts.order_by("id") if p.pk not in chosen],
        placements=[
            PlacementLine(
                candidate=names.name(p.application_id),
                code=names.code(p.application_id),
                outcome=p.get_outcome_display(),
                reason=p.reason,
            )
            for p in placements
        ],
        reviews=[
            ReviewLine(r.version, r.get_outcome_display(), r.comments, _person(r.by), r.at) for r in reviews
        ],
    )


def _post_name(post: Post) -> str:
    """The post as the report's reader names it: its title in the report's language, and its reference."""
    title = post.localized_title()
    return f"{title} ({post.reference})" if post.reference else title


def _offer_text(offer: ReserveOffer) -> str:
    vacancy = offer.vacancy.reference or offer.vacancy.localized_title()
    return f"{vacancy} – {_post_name(offer.post)} – {offer.get_state_display()}"


def _reserve(vacancy: Vacancy, names: _Names) -> list[ReserveLine]:
    entries = ReserveEntry.objects.filter(recommendation__vacancy=vacancy).prefetch_related(
        Prefetch(
            "offers",
            queryset=ReserveOffer.objects.select_related("vacancy", "post").order_by("offered_at", "id"),
        )
    )
    lines = [
        ReserveLine(
            candidate=names.name(entry.application_id),
            code=names.code(entry.application_id),
            grade=entry.grade,
            listed_on=entry.listed_on,
            expires_on=entry.expires_on,
            state=entry.get_state_display(),
            offers=[_offer_text(offer) for offer in entry.offers.all()],
        )
        for entry in entries
    ]
    return sorted(lines, key=lambda line: (line.candidate, line.code))


def report_gather(*, vacancy: Vacancy, language: str, made_at: dt.datetime, made_by: Any) -> ReportData:
    """Every part of the report, read from the records, with names and labels in `language`."""
    with translation.override(language):
        names = _Names(vacancy)
        stages = list(
            Stage.objects.filter(vacancy=vacancy).prefetch_related("criteria").order_by("position", "id")
        )
        recommendation = Recommendation.objects.filter(vacancy=vacancy).select_related("stage").first()
        panel, conflicts = _panel(vacancy, names)
        seats = {
            str(m.pk): _person(m.user)
            for m in PanelMember.objects.filter(vacancy=vacancy).select_related("user")
        }
        applications, counts = _counts(vacancy, stages)
        return ReportData(
            language=language,
            made_at=made_at,
            made_by=_person(made_by),
            vacancy=_vacancy_part(vacancy),
            posts=[PostLine(p.localized_title(), p.reference, p.grade) for p in vacancy.posts.order_by("id")],
            stages=_stages(stages),
            panel=panel,
            conflicts=conflicts,
            applications=applications,
            counts=counts,
            agreement=_agreement(stages, seats, language),
            ranking=_ranking(stages, recommendation, names, language),
            consensus=_consensus(vacancy, names),
            decision=_decision(vacancy, names),
            reserve=_reserve(vacancy, names),
        )


class _NothingFetched(URLFetcher):  # type: ignore[misc]
    """The report embeds everything it shows: any URL (a font, an image, a stylesheet) stops it."""

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True)

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise FatalURLFetchingError(f"The selection report fetches nothing: {url[:80]}")


def pdf_from_html(html: str) -> bytes:
    """The PDF of a self-contained HTML document; refuses to fetch anything it refers to."""
    pdf = HTML(string=html, base_url=None, url_fetcher=_NothingFetched()).write_pdf()
    if not isinstance(pdf, bytes):
        raise TypeError("WeasyPrint returned no PDF")
    return pdf


def report_html(data: ReportData) -> str:
    with translation.override(data.language):
        return render_to_string(TEMPLATE, {"report": data})


def report_pdf(data: ReportData) -> bytes:
    return pdf_from_html(report_html(data))
