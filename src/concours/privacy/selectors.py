"""Reading what Concours holds about a candidate, and the erasure requests HR has to confirm."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.fields.files import FieldFile
from django.http import Http404

from concours.accommodation.models import AccommodationRequest
from concours.accounts.models import User
from concours.accounts.permissions import sees_identities
from concours.applications.models import Application
from concours.applications.workflow import IN_COMPETITION
from concours.candidates.models import CandidateProfile, JobAlert
from concours.candidates.selectors import profile_as_contract
from concours.core.audit import audit_events_for
from concours.core.models import AuditEvent, AuditEventType
from concours.essays.models import DraftCheck, Rendition
from concours.privacy.models import ErasureRequest
from concours.screening.models import Verdict
from concours.screening.selectors import check_lines
from concours.selection.models import ReserveEntry
from concours.vacancies.models import OrgUnit, Vacancy

S = Application.Status
# Past the deadline, an application that may still be screened, assessed or chosen is part of the
# competition, and with it the competition's record: it is kept until it has left the competition.
STILL_COMPETING = IN_COMPETITION | {S.SUBMITTED}


def application_is_running(application: Application) -> bool:
    """Whether an application belongs to a running competition, and is kept from erasure for now.

    It does while its vacancy is not closed, and afterwards while it is still in the competition: on a
    reserve list, until the list closes for the candidate (expired, or appointed from it). A draft never
    entered one.
    """
    if application.status == S.DRAFT:
        return False
    if application.vacancy.status != Vacancy.Status.CLOSED:
        return True
    if application.status == S.RESERVE:
        closed = ReserveEntry.objects.filter(application=application).exclude(state=ReserveEntry.State.LISTED)
        return not closed.exists()
    return application.status in STILL_COMPETING


def retention_days_for(vacancy: Vacancy) -> int:
    """How many days after it closes a competition's applications are kept: the period set on the
    nearest unit above the vacancy that sets one (normally its organisation), else the setting."""
    node = vacancy.unit or OrgUnit.objects.filter(parent=None, name=vacancy.organisation).first()
    while node is not None:
        if node.retention_days is not None:
            return node.retention_days
        node = node.parent
    return int(settings.CONCOURS_RETENTION_DAYS)


def closed_at(vacancy: Vacancy) -> dt.datetime | None:
    """When a closed vacancy closed: its record in the audit trail, else its deadline."""
    event = audit_events_for(vacancy).filter(event_type=AuditEventType.VACANCY_CLOSED).order_by("-at").first()
    return event.at if event else vacancy.deadline


def vacancies_past_retention(*, now: dt.datetime) -> list[Vacancy]:
    """Closed vacancies whose retention period has run out and that still hold applications or drafts."""
    holding = Vacancy.objects.filter(status=Vacancy.Status.CLOSED).filter(
        Exists(Application.objects.filter(vacancy=OuterRef("pk")))
        | Exists(DraftCheck.objects.filter(vacancy=OuterRef("pk")))
    )
    expired = []
    for vacancy in holding.select_related("unit"):
        closed = closed_at(vacancy)
        if closed is not None and closed + dt.timedelta(days=retention_days_for(vacancy)) <= now:
            expired.append(vacancy)
    return expired


def applications_kept(*, user: Any) -> list[Application]:
    """The candidate's applications that an erasure would keep until their competition closes."""
    applications = Application.objects.filter(candidate__user=user).select_related("vacancy")
    return [application for application in applications if application_is_running(application)]


def erasure_request_for(*, user: Any) -> ErasureRequest | None:
    """The candidate's latest erasure request, if any."""
    return ErasureRequest.objects.filter(user=user).order_by("-requested_at", "-id").first()


def erasure_request_list(*, viewer: Any) -> QuerySet[ErasureRequest]:
    """Every request, those waiting for HR first; only recruiters and administrators see them."""
    if not sees_identities(viewer):
        raise Http404
    first = Case(
        When(status=ErasureRequest.Status.REQUESTED, then=Value(0)),
        When(status=ErasureRequest.Status.WAITING, then=Value(1)),
        default=Value(2),
    )
    return ErasureRequest.objects.select_related("user", "confirmed_by").order_by(first, "requested_at", "id")


def erasure_request_get_for_staff(*, request_id: int, user: Any) -> ErasureRequest:
    try:
        return erasure_request_list(viewer=user).get(pk=request_id)
    except ErasureRequest.DoesNotExist:
        raise Http404 from None


def audit_events_about(
    *,
    user: User,
    profile: CandidateProfile | None,
    application_ids: list[int],
    check_ids: list[int],
) -> QuerySet[AuditEvent]:
    """The audit trail's events about a person: done by them, or about their account, profile,
    applications (and their accommodation requests), draft checks, job alerts or erasure requests."""
    subjects: list[tuple[type[Any], list[Any]]] = [
        (User, [user.pk]),
        (CandidateProfile, [profile.pk] if profile else []),
        (Application, application_ids),
        (
            AccommodationRequest,
            list(
                AccommodationRequest.objects.filter(application_id__in=application_ids).values_list(
                    "pk", flat=True
                )
            ),
        ),
        (DraftCheck, check_ids),
        (JobAlert, list(JobAlert.objects.filter(owner=user).values_list("pk", flat=True))),
        (ErasureRequest, list(ErasureRequest.objects.filter(user=user).values_list("pk", flat=True))),
    ]
    about = Q(actor=user)
    for model, ids in subjects:
        if ids:
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
            about |= Q(subject_type=content_type, subject_id__in=[str(pk) for pk in ids])
    return AuditEvent.objects.filter(about)


@dataclass
class PersonalData:
    """Everything held about a candidate: `data` becomes the export's JSON, `files` its other members."""

    data: dict[str, Any]
    files: list[tuple[str, FieldFile]] = field(default_factory=list)


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _by(actor_id: int | None, user: User) -> str:
    # Staff members' names are theirs, not the candidate's: the export says who acted only by role.
    if actor_id is None:
        return "system"
    return "you" if actor_id == user.pk else "staff"


def _safe(name: str) -> str:
    return "".join("_" if char in '/\\:*?"<>|' or ord(char) < 32 else char for char in name)[:120] or "file"


def _verdict(verdict: Verdict | None) -> dict[str, Any] | None:
    if verdict is None:
        return None
    return {
        "result": verdict.final,
        "screening": {
            "result": verdict.eligible,
            "for_the_date": _iso(verdict.on),
            "at": _iso(verdict.screened_at),
            "checks": [
                {"criterion": line.criterion, "result": line.result, "reason": line.reason}
                for line in check_lines(verdict.checks)
            ],
        },
        "decision": {
            "decision": verdict.decision,
            "result": verdict.decided_eligible,
            "reason": verdict.decision_reason,
            "at": _iso(verdict.decided_at),
        }
        if verdict.decision
        else None,
    }


def _accommodation(
    application: Application, folder: str, user: User, files: list[tuple[str, FieldFile]]
) -> dict[str, Any] | None:
    """The candidate's request for reasonable accommodation, its decision and supporting documents."""
    request = getattr(application, "accommodation", None)
    if request is None:
        return None
    documents = []
    for document in request.documents.all():
        member = f"{folder}/accommodation/{document.pk}-{_safe(document.original_name)}"
        files.append((member, document.file))
        documents.append(
            {
                "file_name": document.original_name,
                "content_type": document.content_type,
                "size": document.size,
                "sha256": document.sha256,
                "uploaded_at": _iso(document.uploaded_at),
                "in_this_archive": member,
            }
        )
    return {
        "stage": request.stage_name or None,
        "needs": request.needs,
        "requested_at": _iso(request.requested_at),
        "state": request.state,
        "measures": list(request.measures),
        "measures_note": request.measures_note,
        "reason": request.reason,
        "decided_at": _iso(request.decided_at),
        "decided_by": _by(request.decided_by_id, user) if request.decided_at else None,
        "documents": documents,
        "documents_erased_at": _iso(request.documents_erased_at),
    }


def _explanations(application: Application, user: User) -> list[dict[str, Any]]:
    """The recruiters' questions about how the essay was written, and the candidate's answers."""
    return [
        {
            "question": request.message,
            "asked_at": _iso(request.asked_at),
            "asked_by": _by(request.asked_by_id, user),
            "answer": request.answer or None,
            "answered_at": _iso(request.answered_at),
        }
        for request in application.explanation_requests.all()
    ]


def _reserve_list(application: Application) -> dict[str, Any] | None:
    """The reserve list the application put the candidate on, and the posts offered from it."""
    entry = ReserveEntry.objects.filter(application=application).first()
    if entry is None:
        return None
    offers = entry.offers.select_related("vacancy", "post").order_by("offered_at", "id")
    return {
        "grade": entry.grade,
        "listed_on": _iso(entry.listed_on),
        "expires_on": _iso(entry.expires_on),
        "state": entry.state,
        "closed_at": _iso(entry.closed_at),
        "offers": [
            {
                "vacancy": {"reference": offer.vacancy.reference, "title": offer.vacancy.title},
                "post": offer.post.title,
                "state": offer.state,
                "offered_at": _iso(offer.offered_at),
                "answered_at": _iso(offer.answered_at),
            }
            for offer in offers
        ],
    }


def _job_alerts(user: User) -> list[dict[str, Any]]:
    return [
        {
            "search": alert.filters(),
            "language": alert.language,
            "created_at": _iso(alert.created_at),
            "mailed_up_to": _iso(alert.last_sent_at),
            "active": alert.active,
            "cancelled_at": _iso(alert.cancelled_at),
        }
        for alert in JobAlert.objects.filter(owner=user).order_by("created_at", "id")
    ]


def personal_data_for(*, user: User) -> PersonalData:
    """What Concours holds about `user`: account, profile, job alerts, applications with their history,
    verdicts, files, mails, accommodation requests, explanations asked of them and reserve lists, draft
    checks, erasure requests and the audit trail's events about them.

    Staff members who acted on the applications appear as "staff", never by name.
    """
    out = PersonalData(data={})
    profile = (
        CandidateProfile.objects.select_related("user")
        .prefetch_related("languages", "education", "experience")
        .filter(user=user)
        .first()
    )
    out.data["account"] = {
        "email": user.email,
        "name": user.name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "is_active": user.is_active,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("id")
        ],
    }
    if profile is not None:
        contract = profile_as_contract(profile)
        contract.pop("id", None)
        out.data["profile"] = {**contract, "updated_at": _iso(profile.updated_at)}
    else:
        out.data["profile"] = None

    applications = (
        Application.objects.filter(candidate__user=user)
        .select_related("vacancy", "verdict", "accommodation")
        .prefetch_related(
            "attachments", "transitions", "mails", "accommodation__documents", "explanation_requests"
        )
        .order_by("created_at", "id")
    )
    renditions = {r.application_id: r for r in Rendition.objects.filter(application__in=applications)}
    listed = []
    for application in applications:
        vacancy = application.vacancy
        folder = f"applications/{application.pk}-{_safe(vacancy.reference or 'vacancy')}"
        documents = []
        for attachment in application.attachments.all():
            member = f"{folder}/{attachment.kind}-{_safe(attachment.original_name)}"
            out.files.append((member, attachment.file))
            documents.append(
                {
                    "kind": attachment.kind,
                    "file_name": attachment.original_name,
                    "content_type": attachment.content_type,
                    "size": attachment.size,
                    "sha256": attachment.sha256,
                    "uploaded_at": _iso(attachment.uploaded_at),
                    "in_this_archive": member,
                }
            )
        rendition = renditions.get(application.pk)
        anonymised = None
        if rendition is not None and rendition.pdf:
            anonymised = f"{folder}/anonymised-essay.pdf"
            out.files.append((anonymised, rendition.pdf))
        listed.append(
            {
                "vacancy": {
                    "reference": vacancy.reference,
                    "title": vacancy.title,
                    "organisation": vacancy.organisation,
                },
                "status": application.status,
                "created_at": _iso(application.created_at),
                "submitted_at": _iso(application.submitted_at),
                "profile_as_submitted": application.profile_snapshot,
                "profile_as_submitted_sha256": application.profile_sha256 or None,
                "documents": documents,
                "anonymised_essay": anonymised,
                "history": [
                    {
                        "at": _iso(transition.at),
                        "from": transition.from_status,
                        "to": transition.to_status,
                        "reason": transition.reason,
                        "by": _by(transition.actor_id, user),
                    }
                    for transition in application.transitions.all()
                ],
                "eligibility": _verdict(getattr(application, "verdict", None)),
                # The mails Concours wrote to them about this application, as written.
                "mails": [
                    {
                        "outcome": mail.outcome,
                        "to": mail.to,
                        "subject": mail.subject,
                        "body": mail.body,
                        "state": mail.state,
                        "written_at": _iso(mail.created_at),
                        "sent_at": _iso(mail.sent_at),
                    }
                    for mail in sorted(application.mails.all(), key=lambda mail: (mail.created_at, mail.pk))
                ],
                "accommodation": _accommodation(application, folder, user, out.files),
                "explanations_asked": _explanations(application, user),
                "reserve_list": _reserve_list(application),
            }
        )
    out.data["applications"] = listed
    out.data["job_alerts"] = _job_alerts(user)

    checks = DraftCheck.objects.filter(candidate__user=user).select_related("vacancy").order_by("created_at")
    out.data["draft_checks"] = []
    for check in checks:
        kept_as: str | None = None
        if check.file:  # a draft not yet checked still has its file
            kept_as = f"draft-checks/{check.pk}-{_safe(check.file_name)}"
            out.files.append((kept_as, check.file))
        out.data["draft_checks"].append(
            {
                "vacancy": check.vacancy.reference,
                "file_name": check.file_name,
                "status": check.status,
                "facts": check.facts,
                "checks": check.checks,
                "created_at": _iso(check.created_at),
                "finished_at": _iso(check.finished_at),
                "in_this_archive": kept_as,
            }
        )
    out.data["erasure_requests"] = [
        {
            "status": erasure.status,
            "requested_at": _iso(erasure.requested_at),
            "confirmed_at": _iso(erasure.confirmed_at),
        }
        for erasure in ErasureRequest.objects.filter(user=user)
    ]
    events = audit_events_about(
        user=user,
        profile=profile,
        application_ids=[a.pk for a in applications],
        check_ids=[c.pk for c in checks],
    ).order_by("at", "id")
    out.data["audit_events"] = [
        {
            "at": _iso(event.at),
            "event": event.event_type,
            "subject": event.subject_repr,
            "by": _by(event.actor_id, user),
            "details": event.extra,
        }
        for event in events
    ]
    return out
