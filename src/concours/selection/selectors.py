"""Reading selections: the vacancy's appointing authority, what each role may open, the ranking a
recommendation starts from, and the reserve candidates a later vacancy may draw on."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from concours.accounts.models import Role
from concours.accounts.permissions import sees_identities
from concours.applications.models import Application
from concours.assessment.models import Stage
from concours.assessment.scoring import StageRanking, stage_ranking
from concours.kernel.eligibility import InvalidInput, compile_requirements, screen_compiled
from concours.kernel.reference.grades import same_or_higher
from concours.screening.requirements import vacancy_requirements
from concours.selection.models import (
    AppointingAuthority,
    Placement,
    PostSelection,
    Recommendation,
    ReserveEntry,
    ReserveOffer,
)
from concours.vacancies.models import OrgUnit, Post, Vacancy
from concours.vacancies.selectors import vacancy_get_for_staff

# Applications still in the competition before its last stage: closed as not selected on approval.
LEFT_EARLIER = (Application.Status.SCREENED_IN, Application.Status.LONGLISTED)
DEFAULT_RESERVE_MONTHS = 12


def authority_for(vacancy: Vacancy) -> AppointingAuthority | None:
    """The authority named for the vacancy's unit, else for the nearest unit above it."""
    if vacancy.unit is None:
        return None
    path = vacancy.unit.path()
    named = {a.unit_id: a for a in AppointingAuthority.objects.filter(unit__in=path).select_related("user")}
    for unit in reversed(path):
        if unit.pk in named:
            return named[unit.pk]
    return None


def is_authority_of(user: Any, vacancy: Vacancy) -> bool:
    authority = authority_for(vacancy)
    return bool(
        user.is_authenticated
        and user.has_role(Role.APPOINTING_AUTHORITY)
        and authority is not None
        and authority.user_id == user.pk
    )


def reserve_months_for(vacancy: Vacancy) -> int:
    """How long the organisation's reserve lists last: set on the unit of kind organisation at the top
    of the vacancy's path, 12 months when it says nothing."""
    if vacancy.unit is not None:
        for unit in vacancy.unit.path():
            if unit.kind == OrgUnit.Kind.ORGANISATION and unit.reserve_months:
                return int(unit.reserve_months)
    return DEFAULT_RESERVE_MONTHS


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day where it is shorter (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def ranked_stage(vacancy: Vacancy) -> tuple[Stage, Stage, StageRanking] | None:
    """The plan's last stage, and the ranking the recommendation is drawn from: the last stage's own,
    else that of the latest stage before it that ranks (a plan may end on a stage without criteria)."""
    stages = list(
        Stage.objects.filter(vacancy=vacancy).prefetch_related("criteria").order_by("-position", "-id")
    )
    if not stages:
        return None
    for stage in stages:
        ranking = stage_ranking(stage)
        if ranking is not None:
            return stages[0], stage, ranking
    return None


def recommendation_of(vacancy: Vacancy) -> Recommendation | None:
    return Recommendation.objects.filter(vacancy=vacancy).first()


def recommendation_for_recruiter(*, vacancy_id: int, user: Any) -> Vacancy:
    """The vacancy, for recruiters and administrators; 404 for everyone else (panels never see names)."""
    if not sees_identities(user):
        raise Http404
    return vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)


def recommendation_for_authority(*, recommendation_id: int, user: Any) -> Recommendation:
    """A recommendation submitted to (or decided by) this authority; 404 for any other."""
    try:
        recommendation = Recommendation.objects.select_related("vacancy__unit").get(
            pk=recommendation_id,
            status__in=[
                Recommendation.Status.SUBMITTED,
                Recommendation.Status.APPROVED,
                Recommendation.Status.RETURNED,
            ],
        )
    except Recommendation.DoesNotExist:
        raise Http404 from None
    if not is_authority_of(user, recommendation.vacancy):
        raise Http404
    return recommendation


def authority_inbox(user: Any) -> tuple[list[Recommendation], list[Recommendation]]:
    """Recommendations awaiting this authority's decision, and those they decided, of the vacancies
    they are the appointing authority for."""
    units = list(AppointingAuthority.objects.filter(user=user).values_list("unit_id", flat=True))
    if not units:
        return [], []
    # Candidates first by unit path (any vacancy under a named unit), then the nearest authority decides.
    seen = (
        Recommendation.objects.exclude(status=Recommendation.Status.DRAFT)
        .select_related("vacancy__unit")
        .order_by("-updated_at", "-id")
    )
    mine = [r for r in seen if is_authority_of(user, r.vacancy)]
    waiting = [r for r in mine if r.status == Recommendation.Status.SUBMITTED]
    decided = [r for r in mine if r.status != Recommendation.Status.SUBMITTED]
    return waiting, decided


@dataclass(frozen=True)
class Line:
    """One candidate of a recommendation, as its readers see them: the ranking's figures and the
    decision proposed."""

    application: Application
    rank: int | None
    tied: bool
    total: str | None
    provisional: bool
    post: Post | None
    outcome: str  # "selected", "reserve", "not_selected" or "" (not decided yet)
    reason: str


def lines_of(recommendation: Recommendation) -> list[Line]:
    """The candidates of the recommendation in the order of its ranking, with what is proposed for each."""
    selections = {
        s.application_id: s
        for s in PostSelection.objects.filter(recommendation=recommendation).select_related("post")
    }
    placements = {p.application_id: p for p in Placement.objects.filter(recommendation=recommendation)}
    ids = [int(row["application"]) for row in recommendation.ranking]
    applications = Application.objects.select_related("candidate").in_bulk(ids)
    lines = []
    for row in recommendation.ranking:
        application = applications.get(int(row["application"]))
        if application is None:
            continue
        selection = selections.get(application.pk)
        placement = placements.get(application.pk)
        lines.append(
            Line(
                application=application,
                rank=row.get("rank"),
                tied=bool(row.get("tied")),
                total=row.get("total"),
                provisional=bool(row.get("provisional")),
                post=selection.post if selection else None,
                outcome="selected" if selection else (placement.outcome if placement else ""),
                reason=selection.reason if selection else (placement.reason if placement else ""),
            )
        )
    return lines


def left_earlier(vacancy: Vacancy) -> QuerySet[Application]:
    """Applications that did not reach the last stage and are still open: not selected on approval."""
    return Application.objects.filter(vacancy=vacancy, status__in=LEFT_EARLIER)


# ---------------------------------------------------------------------------------------------------
# Reserve lists


def entry_is_open(entry: ReserveEntry, *, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return entry.state == ReserveEntry.State.LISTED and entry.expires_on >= today


def passes_notice(application: Application, vacancy: Vacancy, *, today: dt.date | None = None) -> bool:
    """Whether the profile the candidate was assessed on meets the later vacancy's requirements."""
    try:
        requirements = compile_requirements(vacancy_requirements(vacancy))
        verdict = screen_compiled(
            application.profile_snapshot or {}, requirements, on=today or timezone.localdate()
        )
    except InvalidInput:
        return False  # not readable by rule: a recruiter screens them as any applicant
    return verdict.eligible == "yes"


def offerable(entry: ReserveEntry, vacancy: Vacancy, *, today: dt.date | None = None) -> bool:
    """An entry may be offered a post of `vacancy`: the list is open, the organisation is the same, the
    grade the same or lower, and the notice's requirements are met."""
    source = entry.recommendation.vacancy
    return (
        entry_is_open(entry, today=today)
        and source.pk != vacancy.pk
        and source.organisation == vacancy.organisation
        and same_or_higher(entry.grade, vacancy.grade)
        and passes_notice(entry.application, vacancy, today=today)
    )


def reserve_candidates(vacancy: Vacancy, *, today: dt.date | None = None) -> list[ReserveEntry]:
    """The reserve candidates a vacancy may draw on, soonest expiry first; those who already applied to
    it, or who hold an offer not yet answered, are left out."""
    today = today or timezone.localdate()
    applied = (
        Application.objects.filter(vacancy=vacancy)
        .exclude(status=Application.Status.WITHDRAWN)
        .values("candidate_id")
    )
    entries = (
        ReserveEntry.objects.filter(state=ReserveEntry.State.LISTED, expires_on__gte=today)
        .filter(recommendation__vacancy__organisation=vacancy.organisation)
        .exclude(recommendation__vacancy=vacancy)
        .exclude(application__candidate_id__in=applied)
        .exclude(offers__state=ReserveOffer.State.OFFERED)
        .exclude(offers__vacancy=vacancy)
        .select_related("application__candidate", "recommendation__vacancy")
        .order_by("expires_on", "id")
    )
    return [entry for entry in entries if offerable(entry, vacancy, today=today)]


def offers_of_vacancy(vacancy: Vacancy) -> list[ReserveOffer]:
    return list(
        ReserveOffer.objects.filter(vacancy=vacancy)
        .select_related("entry__application__candidate", "post")
        .order_by("-offered_at", "-id")
    )


def free_posts(vacancy: Vacancy) -> list[Post]:
    """The vacancy's posts not already offered (an offer not declined holds its post)."""
    held = (
        ReserveOffer.objects.filter(vacancy=vacancy)
        .exclude(state=ReserveOffer.State.DECLINED)
        .values("post_id")
    )
    filled = PostSelection.objects.filter(
        recommendation__vacancy=vacancy, recommendation__status=Recommendation.Status.APPROVED
    ).values("post_id")
    return list(
        Post.objects.filter(vacancy=vacancy).exclude(pk__in=held).exclude(pk__in=filled).order_by("id")
    )


def offers_for_candidate(user: Any) -> list[ReserveOffer]:
    return list(
        ReserveOffer.objects.filter(entry__application__candidate__user=user)
        .select_related("vacancy", "post", "entry__recommendation__vacancy")
        .order_by("-offered_at", "-id")
    )


def offer_for_candidate(*, offer_id: int, user: Any) -> ReserveOffer:
    """An offer to this candidate; 404 for anyone else's."""
    try:
        return ReserveOffer.objects.select_related("vacancy", "post", "entry__recommendation__vacancy").get(
            pk=offer_id, entry__application__candidate__user=user
        )
    except ReserveOffer.DoesNotExist:
        raise Http404 from None


def entries_to_expire(today: dt.date) -> QuerySet[ReserveEntry]:
    """Lists past their date; an entry holding an offer made in time waits for the answer."""
    return (
        ReserveEntry.objects.filter(state=ReserveEntry.State.LISTED, expires_on__lt=today)
        .exclude(offers__state=ReserveOffer.State.OFFERED)
        .select_related("application__candidate__user", "recommendation__vacancy")
    )
