"""Changes to accommodation requests: asking, adding documents, deciding, opening a document, erasing.

Every change runs in one transaction with its audit record; a refused one keeps nothing, not even a
file. The audit records carry no medical content: the candidate's words and the documents' names stay
on the request, the trail keeps who, when, which state and the documents' hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accommodation.models import AccommodationDocument, AccommodationRequest
from concours.accommodation.selectors import in_charge, may_ask, requests_past_retention
from concours.applications.models import Application
from concours.core.audit import audit_record
from concours.core.errors import Conflict, DomainError, NotAllowed
from concours.core.limits import reason_checked
from concours.core.models import AuditEventType
from concours.core.uploads import document_check, upload_read

# What a document may be: its name's suffix says which format to expect, and the kernel's gate checks
# by content that it is one, and a safe one. The gate takes no images: a scan is sent as a PDF.
ACCEPTED_FORMATS = {".pdf": "pdf", ".docx": "docx"}
MAX_DOCUMENTS = 10
NEEDS_MAX_LENGTH = 4000
NOTE_MAX_LENGTH = 500
DECISIONS = (
    AccommodationRequest.State.GRANTED,
    AccommodationRequest.State.ADJUSTED,
    AccommodationRequest.State.REFUSED,
)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str


def _checked(uploads: Sequence[UploadedFile]) -> list[CheckedFile]:
    """Every upload through the size limit and the document gate; the first refusal refuses them all."""
    what = str(_("supporting document"))
    checked = []
    for upload in uploads:
        name = upload.name or ""
        suffix = name[name.rfind(".") :].lower() if "." in name else ""
        if suffix not in ACCEPTED_FORMATS:
            raise DomainError(
                _("A supporting document must be a %(formats)s file; “%(name)s” is not.")
                % {"formats": " / ".join(sorted(ACCEPTED_FORMATS)), "name": name}
            )
        content = upload_read(upload, what=what)
        document = document_check(content, what=what, name=name, accept={ACCEPTED_FORMATS[suffix]})
        checked.append(CheckedFile(name=name[:255], content=content, content_type=document.content_type))
    return checked


def _keep_documents(
    request: AccommodationRequest, files: list[CheckedFile], now: dt.datetime
) -> list[AccommodationDocument]:
    """Write the files and their rows; on any failure, delete the files already written and re-raise."""
    if request.documents.count() + len(files) > MAX_DOCUMENTS:
        raise DomainError(
            _("A request has at most %(limit)d supporting documents.") % {"limit": MAX_DOCUMENTS}
        )
    written: list[AccommodationDocument] = []
    try:
        for checked in files:
            document = AccommodationDocument(
                request=request,
                original_name=checked.name,
                content_type=checked.content_type,
                size=len(checked.content),
                sha256=hashlib.sha256(checked.content).hexdigest(),
                uploaded_at=now,
            )
            document.file.save("upload", ContentFile(checked.content), save=False)
            written.append(document)
            document.save()
    except BaseException:
        for document in written:
            document.file.delete(save=False)
        raise
    return written


def _own_running(application: Application, actor: Any) -> None:
    if application.candidate.user_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Candidates ask for accommodation on their own applications."))
    if not may_ask(application):
        raise DomainError(
            _("This application is no longer in the competition: accommodation cannot be asked for.")
        )


def _hashes(documents: list[AccommodationDocument]) -> list[str]:
    return [document.sha256 for document in documents]


def accommodation_request(
    *,
    application: Application,
    needs: str,
    stage_key: str = "",
    stage_name: str = "",
    documents: Sequence[UploadedFile] = (),
    actor: Any,
    now: dt.datetime | None = None,
) -> AccommodationRequest:
    """The candidate asks for accommodation for one stage (`stage_key`) or every stage (empty), with
    supporting documents now or later. One request per application; the files are checked before
    anything is kept."""
    now = now or timezone.now()
    needs = needs.strip()
    if not needs:
        raise DomainError(_("Say what you need."))
    if len(needs) > NEEDS_MAX_LENGTH:
        raise DomainError(
            _("A request has at most %(limit)d characters (this one has %(length)d).")
            % {"limit": NEEDS_MAX_LENGTH, "length": len(needs)}
        )
    if len(stage_key) > 40:  # a stage's key (the form offers the vacancy's stages)
        raise DomainError(_("Choose a stage from the list."))
    files = _checked(documents)  # outside the transaction: reading and checking takes a moment
    return _request_keep(
        application=application,
        needs=needs,
        stage_key=stage_key,
        stage_name=stage_name,
        files=files,
        actor=actor,
        now=now,
    )


@transaction.atomic
def _request_keep(
    *,
    application: Application,
    needs: str,
    stage_key: str,
    stage_name: str,
    files: list[CheckedFile],
    actor: Any,
    now: dt.datetime,
) -> AccommodationRequest:
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("candidate").get(pk=application.pk)
    )
    _own_running(application, actor)
    if AccommodationRequest.objects.filter(application=application).exists():
        raise DomainError(_("You have already asked for accommodation on this application."))
    request = AccommodationRequest.objects.create(
        application=application,
        stage_key=stage_key if stage_key else "",
        stage_name=stage_name[:200] if stage_key else "",
        needs=needs,
        requested_at=now,
    )
    written = _keep_documents(request, files, now)
    audit_record(
        actor=actor,
        event_type=AuditEventType.ACCOMMODATION_REQUESTED,
        subject=request,
        application=application.pk,
        stage=stage_key,
        documents=_hashes(written),
    )
    return request


def accommodation_documents_add(
    *,
    request: AccommodationRequest,
    documents: Sequence[UploadedFile],
    actor: Any,
    now: dt.datetime | None = None,
) -> list[AccommodationDocument]:
    """The candidate adds supporting documents to a request not yet decided."""
    now = now or timezone.now()
    if not documents:
        raise DomainError(_("Choose at least one document."))
    files = _checked(documents)
    return _documents_keep(request=request, files=files, actor=actor, now=now)


@transaction.atomic
def _documents_keep(
    *, request: AccommodationRequest, files: list[CheckedFile], actor: Any, now: dt.datetime
) -> list[AccommodationDocument]:
    request = (
        AccommodationRequest.objects.select_for_update(of=("self",))
        .select_related("application__candidate")
        .get(pk=request.pk)
    )
    _own_running(request.application, actor)
    if request.state != AccommodationRequest.State.REQUESTED:
        raise DomainError(_("Your request has been decided: documents can no longer be added."))
    written = _keep_documents(request, files, now)
    request.version += 1
    request.save(update_fields=["version"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.ACCOMMODATION_REQUESTED,
        subject=request,
        application=request.application_id,
        documents_added=_hashes(written),
    )
    return written


@transaction.atomic
def accommodation_decide(
    *,
    request: AccommodationRequest,
    state: str,
    measures: Sequence[str],
    measures_note: str,
    reason: str,
    actor: Any,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> AccommodationRequest:
    """A recruiter in charge grants, adjusts or refuses a request, with the measures and a reason.

    A reason is required unless everything asked for is granted. `expected_version` is the version its
    author saw: a document added or a decision made since refuses this one (`Conflict`).
    """
    now = now or timezone.now()
    request = (
        AccommodationRequest.objects.select_for_update(of=("self",))
        .select_related("application")
        .get(pk=request.pk)
    )
    if not in_charge(actor, request.application.vacancy_id):
        raise NotAllowed(_("You may not decide this request."))
    if expected_version is not None and request.version != expected_version:
        raise Conflict(
            _(
                "This request has changed since you opened it (a document added or another decision); "
                "your decision was not recorded. Look at it again."
            )
        )
    if state not in DECISIONS:
        raise DomainError(_("Choose granted, granted with adjustments or refused."))
    if not may_ask(request.application):
        raise DomainError(_("This application is no longer in the competition."))
    reason = reason_checked(reason)
    if state != AccommodationRequest.State.GRANTED and not reason:
        raise DomainError(_("Give a reason for this decision."))
    kinds = list(dict.fromkeys(measures))
    if any(kind not in AccommodationRequest.Measure.values for kind in kinds):
        raise DomainError(_("Choose measures from the list."))
    if state == AccommodationRequest.State.REFUSED and kinds:
        raise DomainError(_("A refusal grants no measure."))
    if state != AccommodationRequest.State.REFUSED and not kinds:
        raise DomainError(_("Choose the measures granted."))
    note = measures_note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(
            _("The note on the measures has at most %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH}
        )
    if AccommodationRequest.Measure.OTHER in kinds and not note:
        raise DomainError(_("Describe the other measure in the note."))
    previous = request.state
    request.state = state
    request.measures = kinds
    request.measures_note = note if kinds else ""
    request.reason = reason
    request.decided_by = actor
    request.decided_at = now
    request.version += 1
    request.save(
        update_fields=["state", "measures", "measures_note", "reason", "decided_by", "decided_at", "version"]
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.ACCOMMODATION_DECIDED,
        subject=request,
        from_state=previous,
        to_state=state,
        measures=kinds,
        note=request.measures_note,
        reason=reason,
    )
    return request


@transaction.atomic
def accommodation_document_open(*, document: AccommodationDocument, actor: Any) -> File[bytes]:
    """The document's file, opened for reading, for its candidate or a recruiter in charge; every
    opening recorded. A file that cannot be opened leaves no record."""
    document = AccommodationDocument.objects.select_related("request__application__candidate").get(
        pk=document.pk
    )
    application = document.request.application
    own = application.candidate.user_id == getattr(actor, "pk", None)
    if not (own or in_charge(actor, application.vacancy_id)):
        raise NotAllowed(_("You may not open this document."))
    handle = document.file.open("rb")
    audit_record(
        actor=actor,
        event_type=AuditEventType.ACCOMMODATION_DOCUMENT_OPENED,
        subject=document.request,
        document=document.pk,
        sha256=document.sha256,
    )
    return handle


@dataclass(frozen=True)
class ErasureReport:
    requests: int
    documents: int


def accommodation_documents_erase_expired(*, now: dt.datetime | None = None) -> ErasureReport:
    """Erase the documents of every competition closed longer ago than its organisation keeps them.

    The requests stay, with their decisions: only the evidence goes. Each request's documents go in a
    transaction of their own, with its audit record; run again, it finds nothing left to erase.
    """
    now = now or timezone.now()
    requests = documents = 0
    for request in requests_past_retention(now=now):
        erased = _erase_documents(request, now=now)
        if erased:
            requests += 1
            documents += erased
    return ErasureReport(requests=requests, documents=documents)


@transaction.atomic
def _erase_documents(request: AccommodationRequest, *, now: dt.datetime) -> int:
    request = AccommodationRequest.objects.select_for_update().get(pk=request.pk)
    documents = list(request.documents.all())
    if not documents:
        return 0
    names = [document.file.name for document in documents]
    hashes = _hashes(documents)
    AccommodationDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
    request.documents_erased_at = now
    request.version += 1
    request.save(update_fields=["documents_erased_at", "version"])
    audit_record(
        actor=None,
        event_type=AuditEventType.ACCOMMODATION_DOCUMENTS_ERASED,
        subject=request,
        why="retention",
        documents=hashes,
    )
    # The files last, inside the transaction: a storage that fails keeps the rows for the next run,
    # and a row whose file went already is erased then (deleting a missing file is no error).
    storage = AccommodationDocument._meta.get_field("file").storage  # type: ignore[union-attr]
    for name in names:
        storage.delete(name)
    return len(documents)
