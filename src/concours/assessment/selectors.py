"""Reading the assessment, each reader seeing what their seat allows.

Panel members read candidates only as `BlindApplication` values (applications/blind.py), never as
model instances, with their scores as plain values beside them. A member who declared a conflict with a
candidate is answered as if the candidate did not exist (404), here and on every blind page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from django.http import Http404
from django.utils.formats import number_format
from django.utils.translation import get_language

from concours.accounts.permissions import sees_identities
from concours.applications.blind import BlindApplication, blind_application_get, blind_application_list
from concours.applications.models import Application
from concours.assessment.models import (
    Consensus,
    Criterion,
    Declaration,
    Invitation,
    PanelMember,
    Score,
    Scorecard,
    Slot,
    Stage,
    TestResult,
)
from concours.assessment.scoring import candidates_at, mean_as_point
from concours.vacancies.models import Vacancy
from concours.vacancies.selectors import vacancy_get_for_staff


def lang() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def seat_for(*, vacancy: Vacancy, user: Any) -> PanelMember | None:
    return PanelMember.objects.filter(vacancy=vacancy, user=user).first()


def is_recruiter(user: Any) -> bool:
    return sees_identities(user)


def _admitted(seat: PanelMember | None, user: Any) -> bool:
    return seat is not None or is_recruiter(user)


def assessment_admits(*, vacancy: Vacancy, user: Any) -> bool:
    """Whether the vacancy's assessment pages open for `user` (a staff member who sees the vacancy):
    pages link to them only then."""
    return _admitted(seat_for(vacancy=vacancy, user=user), user)


def vacancy_for_assessment(*, vacancy_id: int, user: Any) -> tuple[Vacancy, PanelMember | None]:
    """The vacancy, for its recruiters and its panel's members; 404 for everyone else."""
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
    seat = seat_for(vacancy=vacancy, user=user)
    if not _admitted(seat, user):
        raise Http404
    return vacancy, seat


def stage_for(*, stage_id: int, user: Any) -> tuple[Stage, PanelMember | None]:
    try:
        stage = Stage.objects.select_related("vacancy").get(pk=stage_id)
    except Stage.DoesNotExist:
        raise Http404 from None
    _vacancy, seat = vacancy_for_assessment(vacancy_id=stage.vacancy_id, user=user)
    return stage, seat


def stages_of(vacancy: Vacancy) -> list[Stage]:
    return list(vacancy.stages.prefetch_related("criteria").order_by("position", "id"))


def panel_of(vacancy: Vacancy) -> list[PanelMember]:
    return list(vacancy.panel.select_related("user").order_by("id"))


def undeclared(*, seat: PanelMember, user: Any) -> list[BlindApplication]:
    """The candidates in the competition the member has not declared about yet."""
    declared = set(seat.declarations.values_list("application_id", flat=True))
    return [
        item
        for item in blind_application_list(vacancy=seat.vacancy, user=user, declaring=True)
        if item.id not in declared
    ]


@dataclass(frozen=True)
class DeclarationLine:
    code: str
    conflicted: bool
    reason: str
    declared_at: dt.datetime


def declarations_of(seat: PanelMember) -> list[DeclarationLine]:
    return sorted(
        (
            DeclarationLine(
                Application(pk=d.application_id).candidate_code, d.conflicted, d.reason, d.declared_at
            )
            for d in seat.declarations.all()
        ),
        key=lambda line: line.code,
    )


@dataclass(frozen=True)
class ConflictLine:
    member: str
    role: str
    code: str
    reason: str


def conflicts_of(vacancy: Vacancy) -> list[ConflictLine]:
    """Every declared conflict on the panel: for the chair and the recruiters (and the selection report)."""
    return sorted(
        (
            ConflictLine(
                str(d.member.user),
                d.member.get_role_display(),
                Application(pk=d.application_id).candidate_code,
                d.reason,
            )
            for d in Declaration.objects.filter(member__vacancy=vacancy, conflicted=True).select_related(
                "member__user"
            )
        ),
        key=lambda line: (line.code, line.member),
    )


@dataclass(frozen=True)
class StageCandidate:
    """A candidate at a stage as a member reads it: the blind values and the member's own scorecard."""

    application: BlindApplication
    scorecard_status: str


def stage_candidates_for_member(*, stage: Stage, user: Any, seat: PanelMember) -> list[StageCandidate]:
    status = dict(Scorecard.objects.filter(stage=stage, member=seat).values_list("application_id", "status"))
    blind = blind_application_list(vacancy=stage.vacancy, user=user)
    return [
        StageCandidate(item, status.get(item.id, ""))
        for item in blind
        if item.status == stage.entry_status or item.id in status
    ]


@dataclass(frozen=True)
class CriterionLine:
    """A criterion with its anchors and one member's score, as plain values for the scorecard page."""

    id: int
    name: str
    source: str
    required_level: str
    weight: str
    anchors: list[tuple[int, str, str]]  # point, what it means, the language it is written in
    value: int | None
    comment: str
    own_anchors: bool = False  # written for this criterion, not the stage's generic ones
    fallback: str = ""  # the other language some anchors are shown in, for want of the reader's


@dataclass(frozen=True)
class OtherScores:
    member: str
    values: list[tuple[str, int | None, str]]


@dataclass(frozen=True)
class ScorecardView:
    application: BlindApplication
    status: str
    submitted: bool
    lines: list[CriterionLine]
    others: list[OtherScores] | None  # None: hidden until the member submits their own
    # False once the candidate has moved on from the stage: the scorecard is shown, no longer changed.
    open: bool = True


def scorecard_view(*, stage: Stage, seat: PanelMember, application_id: int, user: Any) -> ScorecardView:
    """One member's scorecard for a candidate; others' scores only once theirs is submitted.

    A candidate the member declared a conflict with, or has not declared about, is 404.
    """
    blind = blind_application_get(application_id=application_id, user=user)
    scored = Scorecard.objects.filter(stage=stage, member=seat, application_id=application_id).exists()
    if blind.vacancy_id != stage.vacancy_id or (blind.status != stage.entry_status and not scored):
        raise Http404
    declaration = seat.declarations.filter(application_id=application_id).first()
    if declaration is None or declaration.conflicted:
        raise Http404
    scorecard = Scorecard.objects.filter(stage=stage, member=seat, application_id=application_id).first()
    own = {s.criterion_id: s for s in scorecard.scores.all()} if scorecard else {}
    criteria = [c for c in stage.criteria.all() if c.scored_on_scorecards]
    reader = "fr" if (get_language() or "en").startswith("fr") else "en"
    lines = []
    for c in criteria:
        anchors = [(point, *c.anchor_text(point)) for point in stage.points]
        lines.append(
            CriterionLine(
                id=c.pk,
                name=c.localized_name(),
                source=c.get_source_display(),
                required_level=c.required_level,
                weight=f"{c.weight.normalize()}",
                anchors=anchors,
                value=own[c.pk].value if c.pk in own else None,
                comment=own[c.pk].comment if c.pk in own else "",
                own_anchors=c.has_own_anchors,
                fallback=next((lang for _p, text, lang in anchors if text and lang != reader), ""),
            )
        )
    submitted = scorecard is not None and scorecard.status == Scorecard.Status.SUBMITTED
    return ScorecardView(
        application=blind,
        status=scorecard.status if scorecard else "",
        submitted=submitted,
        lines=lines,
        others=others_scores(stage=stage, seat=seat, application_id=application_id, criteria=criteria)
        if submitted
        else None,
        open=blind.status == stage.entry_status,
    )


def others_scores(
    *, stage: Stage, seat: PanelMember, application_id: int, criteria: list[Criterion]
) -> list[OtherScores]:
    """The other members' submitted scores for a candidate. Callers check that `seat` submitted first."""
    names = {c.pk: c.localized_name() for c in criteria}
    cards = (
        Scorecard.objects.filter(
            stage=stage, application_id=application_id, status=Scorecard.Status.SUBMITTED
        )
        .exclude(member=seat)
        .select_related("member__user")
        .order_by("member_id")
    )
    found = []
    for card in cards:
        scores = {s.criterion_id: s for s in card.scores.all()}
        found.append(
            OtherScores(
                str(card.member.user),
                [
                    (
                        names[c],
                        scores[c].value if c in scores else None,
                        scores[c].comment if c in scores else "",
                    )
                    for c in names
                ],
            )
        )
    return found


def scores_json(*, stage: Stage, seat: PanelMember, application_id: int, user: Any) -> dict[str, Any]:
    """The same as the scorecard page, as JSON: others' scores only after the member submitted."""
    view = scorecard_view(stage=stage, seat=seat, application_id=application_id, user=user)
    return {
        "candidate": view.application.code,
        "stage": stage.key,
        "status": view.status or "none",
        "own": [
            {"criterion": line.name, "value": line.value, "comment": line.comment} for line in view.lines
        ],
        "others": None
        if view.others is None
        else [
            {
                "member": other.member,
                "scores": [{"criterion": n, "value": v, "comment": c} for n, v, c in other.values],
            }
            for other in view.others
        ],
    }


@dataclass(frozen=True)
class SideBySide:
    """One candidate's scores from every member who submitted, per criterion, for the chair."""

    application_id: int
    code: str
    members: list[str]
    # criterion, the members' scores, their mean, their spread (highest - lowest), the agreed point, and
    # the point the consensus form offers
    rows: list[tuple[Criterion, list[int | None], str, str, int | None, int | None]]


def side_by_side(*, stage: Stage, user: Any) -> list[SideBySide]:
    at_stage = {a.pk for a in candidates_at(stage)}
    blind = [
        item
        for item in blind_application_list(vacancy=stage.vacancy, user=user, declaring=True)
        if item.id in at_stage
    ]
    criteria = [c for c in stage.criteria.all() if c.scored_on_scorecards]
    cards = Scorecard.objects.filter(stage=stage, status=Scorecard.Status.SUBMITTED).select_related(
        "member__user"
    )
    by_app: dict[int, list[Scorecard]] = {}
    for card in cards.order_by("member_id"):
        by_app.setdefault(card.application_id, []).append(card)
    scores: dict[tuple[int, int], int | None] = {
        (s.scorecard_id, s.criterion_id): s.value for s in Score.objects.filter(scorecard__in=cards)
    }
    agreed = {(c.application_id, c.criterion_id): c.value for c in Consensus.objects.filter(stage=stage)}
    found = []
    for item in blind:
        members = by_app.get(item.id, [])
        rows = []
        for criterion in criteria:
            values = [scores.get((card.pk, criterion.pk)) for card in members]
            given = [v for v in values if v is not None]
            mean = number_format(sum(given) / len(given), decimal_pos=2) if given else "—"
            agreed_point = agreed.get((item.id, criterion.pk))
            # What the consensus form offers first: the agreed point, else the members' mean as a point.
            offered = (
                agreed_point
                if agreed_point is not None
                else (mean_as_point(Fraction(sum(given), len(given))) if given else None)
            )
            spread = str(max(given) - min(given)) if len(given) > 1 else "—"
            rows.append((criterion, values, mean, spread, agreed_point, offered))
        found.append(SideBySide(item.id, item.code, [str(card.member.user) for card in members], rows))
    return found


@dataclass(frozen=True)
class SlotLine:
    id: int
    local_start: dt.datetime
    minutes: int
    place: str
    video_link: str
    capacity: int
    taken: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken, 0)


def slots_of(stage: Stage) -> list[SlotLine]:
    zone = ZoneInfo(stage.place_zone)
    taken: dict[int, int] = {}
    for slot_id in Invitation.objects.filter(stage=stage, status=Invitation.Status.BOOKED).values_list(
        "slot_id", flat=True
    ):
        taken[slot_id] = taken.get(slot_id, 0) + 1
    return [
        SlotLine(
            s.pk,
            s.starts_at.astimezone(zone),
            s.minutes,
            s.place,
            s.video_link,
            s.capacity,
            taken.get(s.pk, 0),
        )
        for s in stage.slots.order_by("starts_at", "id")
    ]


def invitations_for_candidate(*, application: Application) -> list[Invitation]:
    return list(
        Invitation.objects.filter(application=application)
        .select_related("stage", "slot")
        .order_by("stage__position")
    )


def invitation_for_candidate(*, invitation_id: int, user: Any) -> Invitation:
    try:
        return Invitation.objects.select_related("stage__vacancy", "slot", "application").get(
            pk=invitation_id, application__candidate__user=user
        )
    except Invitation.DoesNotExist:
        raise Http404 from None


def member_schedule(*, user: Any) -> list[tuple[Slot, str]]:
    """The slots of the stages where `user` sits on the panel, each with its summary: the candidate's
    code (never a name) and the stage."""
    seats = PanelMember.objects.filter(user=user).values("vacancy_id")
    conflicted = Declaration.objects.filter(member__user=user, conflicted=True).values("application_id")
    rows = []
    for slot in (
        Slot.objects.filter(stage__vacancy_id__in=seats)
        .select_related("stage__vacancy")
        .order_by("starts_at")
    ):
        codes = [
            Application(pk=pk).candidate_code
            for pk in Invitation.objects.filter(slot=slot, status=Invitation.Status.BOOKED)
            .exclude(application_id__in=conflicted)
            .values_list("application_id", flat=True)
        ]
        rows.append((slot, f"{slot.stage.name} – {slot.stage.vacancy.reference}: {', '.join(codes) or '—'}"))
    return rows


def test_results_of(vacancy: Vacancy) -> list[TestResult]:
    return list(
        TestResult.objects.filter(application__vacancy=vacancy)
        .select_related("application")
        .order_by("test", "application_id")
    )


def application_by_code(*, vacancy: Vacancy, code: str) -> Application | None:
    """The vacancy's application with this candidate code (C-…) or application number."""
    code = code.strip().upper()
    for pk in (
        Application.objects.filter(vacancy=vacancy).exclude(status="draft").values_list("pk", flat=True)
    ):
        if code in {str(pk), Application(pk=pk).candidate_code.upper()}:
            return Application.objects.get(pk=pk)
    return None


def short_of_scorers(*, stage: Stage, user: Any, minimum: int) -> list[str]:
    """The codes of the stage's candidates left with fewer than `minimum` scorers after conflicts."""
    scorers = PanelMember.objects.filter(vacancy_id=stage.vacancy_id).exclude(role=PanelMember.Role.OBSERVER)
    total = scorers.count()
    conflicts: dict[int, int] = {}
    for application_id in Declaration.objects.filter(member__in=scorers, conflicted=True).values_list(
        "application_id", flat=True
    ):
        conflicts[application_id] = conflicts.get(application_id, 0) + 1
    return sorted(
        Application(pk=a.pk).candidate_code
        for a in candidates_at(stage)
        if total - conflicts.get(a.pk, 0) < minimum
    )


def schedule_of(*, vacancy: Vacancy, user: Any) -> list[tuple[dt.datetime, str, str]]:
    """The member's schedule on this vacancy: (start at the place, place or link, summary)."""
    return [
        (slot.starts_at.astimezone(ZoneInfo(slot.stage.place_zone)), slot.place or slot.video_link, summary)
        for slot, summary in member_schedule(user=user)
        if slot.stage.vacancy_id == vacancy.pk
    ]
