"""Candidates' data rights and retention: the copy they download, erasure, and erasing what has expired.

Erasing an application removes its files from storage (CV, essay, anonymised essay, accommodation
documents) and its rows (the application, its documents, history, verdict, assessment records, mails,
accommodation request, explanations, and its rows in the selection and reserve list), and pseudonymises
the audit trail's events about it. Erasing a candidate does the same for every application that no
running competition holds, removes their draft checks and job alerts, replaces their name and e-mail
address with a pseudonym, deletes the parts of their profile, deactivates the login, and pseudonymises
every event about them.
The events themselves stay, so that the trail's counts still add up. Each erasure is recorded.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accommodation.models import AccommodationDocument, AccommodationRequest
from concours.accounts.models import User
from concours.accounts.permissions import sees_identities
from concours.applications.models import Application
from concours.candidates.models import CandidateProfile, JobAlert
from concours.core.audit import audit_events_for, audit_record
from concours.core.errors import Conflict, DomainError, NotAllowed
from concours.core.models import AuditEvent, AuditEventType
from concours.essays.models import DraftCheck, Rendition
from concours.privacy.models import ErasureRequest
from concours.privacy.selectors import (
    application_is_running,
    audit_events_about,
    vacancies_past_retention,
)
from concours.selection.models import Placement, PostSelection, ReserveEntry, ReserveOffer

# Keys of an audit event's details that hold a personal value whatever its text.
PERSONAL_KEYS = frozenset({"name", "email", "file_name", "original_name"})
# What an erased value becomes where no pseudonym stands for the person (a draft check's trail).
ERASED = "[erased]"
# Shorter fragments of a name would blank ordinary words in the trail ("de", "Li" in "policy").
SHORTEST_TERM = 3


def new_pseudonym() -> str:
    return "E-" + secrets.token_hex(5).upper()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def personal_terms(*, user: User, profile: CandidateProfile | None) -> list[str]:
    """The values that name or point to a candidate wherever text was written about them: names (whole
    and by part), e-mail address, employers, universities, file names; as now and as submitted."""
    values = {user.name, user.email, user.email.split("@")[0]}
    if profile is not None:
        values.add(profile.name)
        values.update(profile.experience.values_list("employer", flat=True))
        values.update(profile.education.values_list("institution", flat=True))
    applications = Application.objects.filter(candidate__user=user)
    snapshots = applications.exclude(profile_snapshot=None).values_list("profile_snapshot", flat=True)
    for snapshot in snapshots:
        if not isinstance(snapshot, dict):
            continue
        values.update({str(snapshot.get("name") or ""), str(snapshot.get("email") or "")})
        values.update(str(item.get("employer") or "") for item in snapshot.get("experience") or [])
        values.update(str(item.get("institution") or "") for item in snapshot.get("education") or [])
    values.update(
        applications.values_list("attachments__original_name", flat=True).exclude(
            attachments__original_name=None
        )
    )
    values.update(DraftCheck.objects.filter(candidate__user=user).values_list("file_name", flat=True))
    values.update(
        AccommodationDocument.objects.filter(request__application__in=applications).values_list(
            "original_name", flat=True
        )
    )
    for name in [user.name, profile.name if profile else ""]:
        values.update(re.split(r"[\s\-]+", name or ""))
    terms = {_nfc(value.strip()) for value in values if value and len(value.strip()) >= SHORTEST_TERM}
    return sorted(terms, key=lambda term: (-len(term), term))


class Scrubber:
    """Replaces each personal term in a text, or in an audit event's details, with a pseudonym."""

    def __init__(self, terms: list[str], pseudonym: str) -> None:
        self.pseudonym = pseudonym
        ordered = sorted(terms, key=len, reverse=True)  # "Anna Berg" before "Anna"
        self.pattern = re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE) if ordered else None

    def text(self, text: str) -> str:
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(self.pseudonym, _nfc(text))

    def details(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: (self.pseudonym if key in PERSONAL_KEYS and isinstance(item, str) and item else None)
                or self.details(item)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.details(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value


def _pseudonymise(events: QuerySet[AuditEvent], scrub: Scrubber, *, subject: str | None = None) -> None:
    """Rewrite the subject and details of `events` without their personal values; no event goes."""
    changed = []
    for event in events:
        subject_repr = subject if subject is not None else scrub.text(event.subject_repr)
        extra = scrub.details(event.extra)
        if (subject_repr, extra) != (event.subject_repr, event.extra):
            event.subject_repr, event.extra = subject_repr[:300], extra
            changed.append(event)
    AuditEvent.objects.bulk_update(changed, ["subject_repr", "extra"], batch_size=500)


def _sweep(needles: list[str], scrub: Scrubber) -> None:
    """Events and admin log entries whose subject names the candidate, whatever they are about."""
    needles = [needle for needle in needles if needle]
    if not needles:
        return
    named = Q()
    for needle in needles:
        named |= Q(subject_repr__icontains=needle)
    _pseudonymise(AuditEvent.objects.filter(named), scrub)
    logged = Q()
    for needle in needles:
        logged |= Q(object_repr__icontains=needle) | Q(change_message__icontains=needle)
    entries = list(LogEntry.objects.filter(logged))
    for entry in entries:
        entry.object_repr = scrub.text(entry.object_repr)[:200]
        entry.change_message = scrub.text(entry.change_message)
    LogEntry.objects.bulk_update(entries, ["object_repr", "change_message"])


def _delete_files(files: list[FieldFile]) -> None:
    # Last in the transaction: if storage fails, nothing is committed and the erasure runs again later.
    for stored in files:
        if stored and stored.name:
            stored.storage.delete(stored.name)


def _selection_rows_erase(application: Application) -> None:
    """The selection's rows about the application: its place in the recommendation (with the reason
    given for it), its reserve list entry and the offers made from it. An application made by accepting
    an offer forgets where it came from; the offer itself belongs to the reserve list's application."""
    PostSelection.objects.filter(application=application).delete()
    Placement.objects.filter(application=application).delete()
    ReserveOffer.objects.filter(application=application).update(application=None)
    ReserveOffer.objects.filter(entry__application=application).delete()
    ReserveEntry.objects.filter(application=application).delete()


@transaction.atomic
def application_erase(*, application: Application, actor: Any, why: str, terms: list[str]) -> None:
    """Erase one application: its files, its rows, and the personal values of its audit trail.

    Its rows are the application, its documents, history, verdict, assessment records, mails,
    accommodation request (with its supporting documents), explanations asked of the candidate, and
    its rows in the selection (`_selection_rows_erase`). `terms` are its candidate's personal values
    (`personal_terms`); in the trail, the application and its accommodation request are then known by
    its candidate code, as panels knew it.
    """
    application = Application.objects.select_for_update().select_related("vacancy").get(pk=application.pk)
    vacancy = application.vacancy
    code = application.candidate_code
    files = [attachment.file for attachment in application.attachments.all()]
    rendition = Rendition.objects.filter(application=application).first()
    if rendition is not None:
        files.append(rendition.pdf)
    accommodation = AccommodationRequest.objects.filter(application=application).first()
    if accommodation is not None:
        files += [document.file for document in accommodation.documents.all()]
    audit_record(
        actor=actor,
        event_type=AuditEventType.APPLICATION_ERASED,
        subject=application,
        why=why,
        vacancy=vacancy.pk,
        status=application.status,
        files=sum(1 for stored in files if stored),
    )
    scrub = Scrubber(terms, code)
    _pseudonymise(
        audit_events_for(application), scrub, subject=f"{code} → {vacancy.reference or vacancy.title}"
    )
    if accommodation is not None:
        # Its decisions' reasons and notes are written by recruiters, and may name the candidate.
        _pseudonymise(audit_events_for(accommodation), scrub)
    _selection_rows_erase(application)
    application.delete()
    _delete_files(files)


@transaction.atomic
def draft_check_erase(*, check: DraftCheck, actor: Any, why: str, terms: list[str]) -> None:
    check = DraftCheck.objects.select_for_update().get(pk=check.pk)
    audit_record(
        actor=actor,
        event_type=AuditEventType.DRAFT_CHECK_ERASED,
        subject=check,
        why=why,
        vacancy=check.vacancy_id,
    )
    _pseudonymise(audit_events_for(check), Scrubber(terms, ERASED), subject=f"#{check.pk}")
    files = [check.file]
    check.delete()
    _delete_files(files)


@transaction.atomic
def personal_data_exported(*, user: User, actor: Any, applications: int, files: int) -> None:
    """Record that a candidate downloaded the copy of their data (a read, but one worth knowing of)."""
    audit_record(
        actor=actor,
        event_type=AuditEventType.PERSONAL_DATA_EXPORTED,
        subject=user,
        applications=applications,
        files=files,
    )


@transaction.atomic
def erasure_request(*, user: User, actor: Any, now: dt.datetime | None = None) -> ErasureRequest:
    """A candidate asks for their data to be erased; HR confirms it in the back office."""
    if ErasureRequest.objects.filter(user=user).exclude(status=ErasureRequest.Status.DONE).exists():
        raise DomainError(_("You have already asked for your data to be erased."))
    try:
        with transaction.atomic():
            erasure = ErasureRequest.objects.create(user=user, requested_at=now or timezone.now())
    except IntegrityError:  # the same request sent twice at once: the constraint lets one through
        raise DomainError(_("You have already asked for your data to be erased.")) from None
    audit_record(actor=actor, event_type=AuditEventType.ERASURE_REQUESTED, subject=erasure)
    return erasure


@transaction.atomic
def erasure_confirm(*, erasure: ErasureRequest, actor: Any, now: dt.datetime | None = None) -> ErasureRequest:
    """HR confirms a request: everything no running competition holds is erased at once; the rest, and
    the account, once those competitions close (`erase_expired`)."""
    if not sees_identities(actor):
        raise NotAllowed(_("You may not make this change."))
    now = now or timezone.now()
    erasure = ErasureRequest.objects.select_for_update().select_related("user").get(pk=erasure.pk)
    if erasure.status != ErasureRequest.Status.REQUESTED:
        raise Conflict(_("This request has already been confirmed."))
    if erasure.user.is_staff or erasure.user.is_superuser:
        # Erasing the account would lock a member of staff out and blank their name from every record
        # of the work they did: their staff roles are ended by hand first.
        raise DomainError(
            _(
                "This candidate is also a member of staff: remove their staff roles before erasing "
                "the account."
            )
        )
    erasure.status = ErasureRequest.Status.WAITING
    erasure.confirmed_by = actor
    erasure.confirmed_at = now
    erasure.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    audit_record(actor=actor, event_type=AuditEventType.ERASURE_CONFIRMED, subject=erasure)
    return _erasure_go_on(erasure, actor=actor, now=now)


def _erasure_go_on(erasure: ErasureRequest, *, actor: Any, now: dt.datetime) -> ErasureRequest:
    """Erase what is no longer held; the account too once nothing is."""
    user = erasure.user
    profile = CandidateProfile.objects.filter(user=user).first()
    terms = personal_terms(user=user, profile=profile)
    _job_alerts_erase(user=user, terms=terms)
    for check in DraftCheck.objects.filter(candidate__user=user):
        draft_check_erase(check=check, actor=actor, why="request", terms=terms)
    kept = 0
    for application in Application.objects.filter(candidate__user=user).select_related("vacancy"):
        if application_is_running(application):
            kept += 1
        else:
            application_erase(application=application, actor=actor, why="request", terms=terms)
    if kept:
        return erasure
    pseudonym = new_pseudonym()
    _candidate_erase(user=user, profile=profile, terms=terms, pseudonym=pseudonym, actor=actor)
    erasure.status = ErasureRequest.Status.DONE
    erasure.erased_at = now
    erasure.pseudonym = pseudonym
    erasure.save(update_fields=["status", "erased_at", "pseudonym"])
    return erasure


def _job_alerts_erase(*, user: User, terms: list[str]) -> None:
    """The candidate's saved searches go at once, whatever competition still runs: no more mails."""
    alerts = list(JobAlert.objects.filter(owner=user))
    scrub = Scrubber(terms, ERASED)
    for alert in alerts:
        _pseudonymise(audit_events_for(alert), scrub, subject=f"#{alert.pk}")
    JobAlert.objects.filter(pk__in=[alert.pk for alert in alerts]).delete()


def _candidate_erase(
    *, user: User, profile: CandidateProfile | None, terms: list[str], pseudonym: str, actor: Any
) -> None:
    needles = [user.name, user.email, profile.name if profile else ""]
    scrub = Scrubber(terms, pseudonym)
    if profile is not None:
        profile.name = pseudonym
        profile.nationalities = []
        profile.serving_staff = False
        profile.save(update_fields=["name", "nationalities", "serving_staff", "updated_at"])
        profile.languages.all().delete()
        profile.education.all().delete()
        profile.experience.all().delete()
    user.name = pseudonym
    user.email = f"{pseudonym.lower()}@erased.invalid"
    user.is_active = False  # sessions end too: Django signs nobody in as an inactive user
    user.set_unusable_password()
    user.save(update_fields=["name", "email", "is_active", "password"])
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    audit_record(actor=actor, event_type=AuditEventType.CANDIDATE_ERASED, subject=user)
    about = audit_events_about(user=user, profile=profile, application_ids=[], check_ids=[])
    _pseudonymise(about, scrub)
    _sweep(needles, scrub)


@dataclass(frozen=True)
class RetentionReport:
    applications: int
    draft_checks: int
    candidates: int


def erase_expired(*, now: dt.datetime | None = None) -> RetentionReport:
    """Erase the applications, files and draft checks of competitions closed longer ago than their
    organisation keeps them, and finish the confirmed erasures whose competitions have closed since.

    Run by `concours erase_expired` from cron; each erasure is its own transaction and is recorded.
    """
    now = now or timezone.now()
    applications = checks = candidates = 0
    for vacancy in vacancies_past_retention(now=now):
        for application in Application.objects.filter(vacancy=vacancy).select_related("candidate__user"):
            user = application.candidate.user
            terms = personal_terms(user=user, profile=application.candidate)
            application_erase(application=application, actor=None, why="retention", terms=terms)
            applications += 1
        for check in DraftCheck.objects.filter(vacancy=vacancy).select_related("candidate__user"):
            terms = personal_terms(user=check.candidate.user, profile=check.candidate)
            draft_check_erase(check=check, actor=None, why="retention", terms=terms)
            checks += 1
    waiting = ErasureRequest.objects.filter(status=ErasureRequest.Status.WAITING)
    for pk in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            erasure = ErasureRequest.objects.select_for_update().select_related("user").get(pk=pk)
            if erasure.status != ErasureRequest.Status.WAITING:
                continue  # finished meanwhile by another run
            if _erasure_go_on(erasure, actor=None, now=now).status == ErasureRequest.Status.DONE:
                candidates += 1
    return RetentionReport(applications=applications, draft_checks=checks, candidates=candidates)
