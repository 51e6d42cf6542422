"""Reading accommodation requests, each reader seeing only what is theirs to see.

Who is in charge of a vacancy's requests: recruiters and administrators, the people who already know
the candidates' identities (`sees_identities`), and of those only the ones who take no part in judging
the candidates. The vacancy has no recruiter of its own today (`VacancyAssignment` only names panel
members and hiring managers), so every recruiter is in charge of every vacancy, except a person who
also holds the panel member, hiring manager or appointing authority role, who is assigned to the
vacancy, or who sits on its panel (checks registered in `hooks`). Everyone else gets 404, as if the
request did not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Max, QuerySet
from django.http import Http404

from concours.accommodation import hooks
from concours.accommodation.models import AccommodationDocument, AccommodationRequest
from concours.accounts.models import Role
from concours.accounts.permissions import sees_identities
from concours.applications.models import Application, Transition
from concours.core.audit import audit_events_for
from concours.core.models import AuditEventType
from concours.vacancies.models import OrgUnit, Vacancy, VacancyAssignment

S = Application.Status
# An application still waiting for the competition's outcome: its candidate may still be assessed,
# so may ask for accommodation, and the competition is not over while one is left.
RUNNING = frozenset({S.SUBMITTED, S.SCREENED_IN, S.LONGLISTED, S.SHORTLISTED})
# Roles that judge or approve: never in charge of the medical evidence, whatever else they hold.
JUDGING_ROLES = (Role.PANEL_MEMBER, Role.HIRING_MANAGER, Role.APPOINTING_AUTHORITY)


def in_charge(user: Any, vacancy_id: int) -> bool:
    """Whether `user` may read the vacancy's accommodation requests and documents, and decide them."""
    if not sees_identities(user):
        return False
    if any(user.has_role(role) for role in JUDGING_ROLES):
        return False
    if VacancyAssignment.objects.filter(vacancy_id=vacancy_id, user=user).exists():
        return False
    return not any(check(user=user, vacancy_id=vacancy_id) for check in hooks.panel_seat_checks)


def _for_staff(user: Any, vacancy_id: int) -> None:
    if not in_charge(user, vacancy_id):
        raise Http404


def _requests() -> QuerySet[AccommodationRequest]:
    return AccommodationRequest.objects.select_related(
        "application__vacancy", "application__candidate", "decided_by"
    ).prefetch_related("documents")


def vacancy_requests(*, vacancy_id: int, user: Any) -> tuple[Vacancy, list[AccommodationRequest]]:
    """The vacancy and its requests, those waiting for a decision first; 404 unless in charge."""
    _for_staff(user, vacancy_id)
    try:
        vacancy = Vacancy.objects.get(pk=vacancy_id)
    except Vacancy.DoesNotExist:
        raise Http404 from None
    requests = list(_requests().filter(application__vacancy=vacancy))
    requests.sort(key=lambda r: (r.state != AccommodationRequest.State.REQUESTED, r.requested_at, r.pk))
    return vacancy, requests


def request_get_for_staff(*, request_id: int, user: Any) -> AccommodationRequest:
    try:
        request = _requests().get(pk=request_id)
    except AccommodationRequest.DoesNotExist:
        raise Http404 from None
    _for_staff(user, request.application.vacancy_id)
    return request


def request_for_application(*, application: Application) -> AccommodationRequest | None:
    """The request of an application the caller has already checked is the reader's own."""
    return _requests().filter(application=application).first()


def document_get_for_staff(*, document_id: int, user: Any) -> AccommodationDocument:
    try:
        document = AccommodationDocument.objects.select_related("request__application").get(pk=document_id)
    except AccommodationDocument.DoesNotExist:
        raise Http404 from None
    _for_staff(user, document.request.application.vacancy_id)
    return document


def document_get_for_candidate(*, document_id: int, user: Any) -> AccommodationDocument:
    """One of the candidate's own documents; another's is answered as if it did not exist."""
    try:
        return AccommodationDocument.objects.select_related("request__application").get(
            pk=document_id, request__application__candidate__user=user
        )
    except AccommodationDocument.DoesNotExist:
        raise Http404 from None


def may_ask(application: Application) -> bool:
    """Whether the candidate may still ask for accommodation on this application, or add documents."""
    return application.status in RUNNING


@dataclass(frozen=True)
class GrantedMeasures:
    """What HR needs to organise a stage: the granted measures and their note, nothing else.

    Neither the candidate's request nor the documents nor the decision's reason: these stay with the
    recruiters in charge.
    """

    application_id: int
    stage_key: str  # empty: every stage
    kinds: tuple[str, ...]
    note: str

    def labels(self) -> list[str]:
        """The measures' names in the active language (read when shown, so that a mail is in its own)."""
        return [str(AccommodationRequest.Measure(kind).label) for kind in self.kinds]

    def __str__(self) -> str:
        text = ", ".join(self.labels())
        return f"{text} ({self.note})" if self.note else text


def granted_measures(
    application_ids: list[int], *, stage_key: str | None = None
) -> dict[int, GrantedMeasures]:
    """The granted (or adjusted) measures of these applications, by application id.

    With `stage_key`, only those granted for that stage or for every stage. For HR's schedules and the
    candidate's invitation; the caller decides who sees the page.
    """
    granted = AccommodationRequest.objects.filter(
        application_id__in=application_ids,
        state__in=[AccommodationRequest.State.GRANTED, AccommodationRequest.State.ADJUSTED],
    )
    if stage_key is not None:
        granted = granted.filter(stage_key__in=["", stage_key])
    return {
        row["application_id"]: GrantedMeasures(
            application_id=row["application_id"],
            stage_key=row["stage_key"],
            kinds=tuple(k for k in row["measures"] if k in AccommodationRequest.Measure.values),
            note=row["measures_note"],
        )
        for row in granted.values("application_id", "stage_key", "measures", "measures_note")
    }


# ---------------------------------------------------------------------------------------------------
# Retention


def organisation_of(vacancy: Vacancy) -> OrgUnit | None:
    """The organisation at the top of the vacancy's unit path; else the root unit named as its
    organisation."""
    if vacancy.unit is not None:
        for node in vacancy.unit.path():
            if node.kind == OrgUnit.Kind.ORGANISATION:
                return node
    return OrgUnit.objects.filter(parent=None, name=vacancy.organisation).first()


def accommodation_retention_days_for(vacancy: Vacancy) -> int:
    """Days after its competition closes that a vacancy's accommodation documents are kept."""
    organisation = organisation_of(vacancy)
    if organisation is not None and organisation.accommodation_retention_days is not None:
        return organisation.accommodation_retention_days
    return int(settings.CONCOURS_ACCOMMODATION_RETENTION_DAYS)


def competition_closed_at(vacancy: Vacancy) -> dt.datetime | None:
    """When the competition closed: None while the vacancy is open or an application still awaits its
    outcome; else the later of the vacancy's closing and the last move of any of its applications.

    The vacancy closes at its deadline, long before the assessment ends: the documents must outlive
    the stages they were given for.
    """
    if vacancy.status != Vacancy.Status.CLOSED:
        return None
    if Application.objects.filter(vacancy=vacancy, status__in=RUNNING).exists():
        return None
    closing = (
        audit_events_for(vacancy).filter(event_type=AuditEventType.VACANCY_CLOSED).order_by("-at").first()
    )
    last_move = Transition.objects.filter(application__vacancy=vacancy).aggregate(last=Max("at"))["last"]
    moments = [m for m in (closing.at if closing else vacancy.deadline, last_move) if m is not None]
    return max(moments) if moments else None


def requests_past_retention(*, now: dt.datetime) -> list[AccommodationRequest]:
    """Requests still holding documents whose competition closed longer ago than it keeps them."""
    holding = (
        AccommodationRequest.objects.filter(documents__isnull=False)
        .distinct()
        .select_related("application__vacancy__unit")
    )
    expired: dict[int, bool] = {}
    found = []
    for request in holding.order_by("id"):
        vacancy = request.application.vacancy
        if vacancy.pk not in expired:
            closed = competition_closed_at(vacancy)
            expired[vacancy.pk] = (
                closed is not None
                and closed + dt.timedelta(days=accommodation_retention_days_for(vacancy)) <= now
            )
        if expired[vacancy.pk]:
            found.append(request)
    return found
