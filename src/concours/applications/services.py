"""State changes of applications. Each runs in one transaction and records who, when, from, to and why."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accounts.models import Role
from concours.applications import hooks
from concours.applications.claims import (
    ClaimInput,
    answers_checked,
    claims_and_answers_keep,
    claims_checked,
    kept_answers,
    kept_claims,
)
from concours.applications.decisions import Decision
from concours.applications.models import Application, Attachment, Transition, snapshot_sha256
from concours.applications.workflow import CANDIDATE_MOVES, DECISIONS, allowed_targets
from concours.candidates.models import CandidateProfile
from concours.candidates.selectors import profile_as_contract
from concours.core.audit import audit_events_for, audit_record
from concours.core.dates import written_at_place, written_local
from concours.core.errors import Conflict, DomainError, NotAllowed
from concours.core.limits import reason_checked
from concours.core.models import AuditEventType
from concours.core.uploads import document_check, upload_read
from concours.vacancies.models import Post, Vacancy

# What an attachment may be: its name's suffix says which format to expect, and the kernel's gate
# (concours.kernel.documents) checks by content that the file is one, and a safe one.
ACCEPTED_FORMATS = {
    Attachment.Kind.CV: {".pdf": "pdf", ".docx": "docx"},
    Attachment.Kind.ESSAY: {".docx": "docx"},
}


def _check_upload(kind: str, upload: UploadedFile | None) -> tuple[bytes, str]:
    """The bytes and content type of a CV or essay that passed the gate, whatever the vacancy asks."""
    label = Attachment.Kind(kind).label
    if upload is None:
        raise DomainError(_("The %(kind)s is missing.") % {"kind": label})
    name = upload.name or ""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    formats = ACCEPTED_FORMATS[Attachment.Kind(kind)]
    if suffix not in formats:
        raise DomainError(
            _("The %(kind)s must be a %(formats)s file; “%(name)s” is not.")
            % {"kind": label, "formats": " / ".join(sorted(formats)), "name": name}
        )
    content = upload_read(upload, what=str(label))
    document = document_check(content, what=str(label), name=name, accept={formats[suffix]})
    return content, document.content_type


def _record(
    *,
    application: Application,
    to: str,
    reason: str,
    actor: Any,
    now: dt.datetime,
    decision: Decision | None = None,
) -> Transition:
    transition = Transition.objects.create(
        application=application,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=now,
        from_status=application.status,
        to_status=to,
        reason=reason,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.APPLICATION_SUBMITTED
        if to == Application.Status.SUBMITTED
        else AuditEventType.APPLICATION_MOVED,
        subject=application,
        from_status=application.status,
        to_status=to,
        reason=reason,
        **({"decided_by": decision.basis} if decision is not None else {}),
    )
    application.status = to
    return transition


def application_submit(
    *,
    candidate: CandidateProfile,
    vacancy: Vacancy,
    cv: UploadedFile | None,
    essay: UploadedFile | None,
    actor: Any,
    now: dt.datetime | None = None,
    claims: Sequence[ClaimInput] | None = None,
    answers: Mapping[int, object] | None = None,
) -> Application:
    """Submit a candidate's application with its CV (and essay, when the notice asks for one).

    `claims`: the candidate's posts for each experience requirement of the notice (a requirement left out
    is kept as claimed by no post); `answers`: the answers to the vacancy's screening questions, by
    question id, every one required. Either left None takes what the candidate's draft keeps; with no
    claims at all, screening judges experience by the tags of the posts, as before claims existed.

    The deadline is checked on the server's clock at the moment the submission arrived, whatever the
    page showed. The files are checked first, the essay against every rule of the notice (pages
    counted as rendered), outside the transaction: rendering takes a moment and must not hold the
    vacancy's lock. Nothing is kept when any check fails.

    Every file passes the same gate (`_check_upload`) whatever the notice asks: an essay sent to a
    vacancy without essay rules is kept, as before, but only once it is a safe .docx.
    """
    now = now or timezone.now()
    _check_open(vacancy, now)
    if answers is not None:  # refused before the files are read; checked again under the lock
        answers_checked(vacancy, answers, complete=True)
    # A file not sent again is the one kept in the candidate's draft, checked again like a new one.
    cv, essay, drafted = _with_draft_files(candidate=candidate, vacancy=vacancy, cv=cv, essay=essay)
    files: dict[str, tuple[bytes, str]] = {Attachment.Kind.CV: _check_upload(Attachment.Kind.CV, cv)}
    if vacancy.essay_rules or essay is not None:
        files[Attachment.Kind.ESSAY] = _check_upload(Attachment.Kind.ESSAY, essay)
    if vacancy.essay_rules and essay is not None:
        for check in hooks.essay_checks:  # the essays app checks every rule of the notice
            check(data=files[Attachment.Kind.ESSAY][0], file_name=essay.name or "", vacancy=vacancy)
    application = _submit(
        candidate=candidate,
        vacancy=vacancy,
        files=files,
        names={"cv": cv, "essay": essay},
        actor=actor,
        now=now,
        claims=claims,
        answers=answers,
    )
    _delete_files_on_commit(drafted)  # the submission wrote its own copies of the draft's files
    return application


def _check_open(vacancy: Vacancy, now: dt.datetime) -> None:
    """Refuse unless the vacancy took applications at `now`, the instant the submission arrived.

    A vacancy closed after that instant still takes it: `close_expired_vacancies` may close it at the
    deadline while a submission that arrived before is still being checked.
    """
    if vacancy.status != Vacancy.Status.PUBLISHED and not _closed_after(vacancy, now):
        raise DomainError(_("This vacancy is not open for applications."))
    local_deadline = vacancy.local_deadline
    if vacancy.deadline is None or local_deadline is None or now > vacancy.deadline:
        raise DomainError(
            _("The deadline for this vacancy (%(deadline)s) has passed; applications are closed.")
            % {"deadline": written_at_place(vacancy.deadline, vacancy.zone) if vacancy.deadline else "—"}
        )


def _closed_after(vacancy: Vacancy, instant: dt.datetime) -> bool:
    # A vacancy keeps no closing date of its own: its audit record does (see vacancy_close).
    return (
        vacancy.status == Vacancy.Status.CLOSED
        and audit_events_for(vacancy)
        .filter(event_type=AuditEventType.VACANCY_CLOSED, at__gt=instant)
        .exists()
    )


def _vacancy_locked_for_submission(pk: int) -> Vacancy:
    """The vacancy, read again and kept from changing until the submission commits.

    On PostgreSQL, the row's share lock (FOR SHARE): submissions to one vacancy go on side by side, while
    whatever changes the vacancy (closing it, moving its deadline, a selection, which lock it FOR
    UPDATE) waits for those under way, and they for it. With FOR UPDATE here, each submission waited for
    the one before: the deadline rush went one at a time (bench/bench_deadline_rush.py). SQLite has no
    row locks; its transactions take the database's write lock as they begin.
    """
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Vacancy._meta.db_table)
        return Vacancy.objects.raw(f"SELECT * FROM {table} WHERE id = %s FOR SHARE", [pk])[0]
    return Vacancy.objects.select_for_update().get(pk=pk)


@transaction.atomic
def _submit(
    *,
    candidate: CandidateProfile,
    vacancy: Vacancy,
    files: dict[str, tuple[bytes, str]],
    names: dict[str, UploadedFile | None],
    actor: Any,
    now: dt.datetime,
    claims: Sequence[ClaimInput] | None = None,
    answers: Mapping[int, object] | None = None,
) -> Application:
    vacancy = _vacancy_locked_for_submission(vacancy.pk)
    _check_open(vacancy, now)  # again, under the lock: a recruiter may have closed it since it arrived
    application, created = _live(candidate=candidate, vacancy=vacancy, now=now)
    if application.status != Application.Status.DRAFT:
        raise DomainError(_("You have already applied to this vacancy."))

    written: list[Attachment] = []
    try:
        if not created:  # a draft's files give way; an application made just now holds none
            application.attachments.all().delete()
        for kind, (content, content_type) in files.items():
            upload = names.get(kind)
            attachment = Attachment(
                application=application,
                kind=kind,
                original_name=((upload.name if upload else "") or "")[:255],
                content_type=content_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                uploaded_at=now,
            )
            attachment.file.save("upload", ContentFile(content), save=False)
            written.append(attachment)
            attachment.save()
        _record(application=application, to=Application.Status.SUBMITTED, reason="", actor=actor, now=now)
        application.submitted_at = now
        own_posts = _keep_profile(application, candidate=candidate, now=now)
        # Claims and answers are part of what was submitted, kept in its transaction. A draft keeps
        # some; an application made just now has none to read or replace.
        claimed = claims if claims is not None else ([] if created else kept_claims(application))
        if answers is None:
            answers = {} if created else kept_answers(application)
        claims_and_answers_keep(
            application,
            vacancy=vacancy,
            claims=claims_checked(vacancy, claimed) if claims is not None or claimed else None,
            answers=answers_checked(vacancy, answers, complete=True),
            own_posts=own_posts,
            submitted=True,
            new=created,
        )
        application.save(
            update_fields=[
                "status",
                "submitted_at",
                "profile_snapshot",
                "profile_sha256",
                "profile_frozen_at",
                "updated_at",
            ]
        )
        # In the submission's transaction: the essay's page check and the AI signal are kept (pending) or
        # rolled back with it; the "received" mail waits for its commit.
        essay = next((a for a in written if a.kind == Attachment.Kind.ESSAY), None)
        for hook in hooks.in_submission:
            hook(application=application, essay=essay)
    except BaseException:
        for attachment in written:
            attachment.file.delete(save=False)
        raise
    transaction.on_commit(lambda: _after_submission(application.pk, has_essay=Attachment.Kind.ESSAY in files))
    return application


def _keep_profile(application: Application, *, candidate: CandidateProfile, now: dt.datetime) -> list[int]:
    """Freeze the profile as submitted on the application: what screening and recruiters read from now on.

    Returns the ids of the profile's posts in the snapshot's order (claims keep their positions).
    """
    profile = (
        CandidateProfile.objects.select_related("user")
        .prefetch_related("languages", "education", "experience")
        .get(pk=candidate.pk)
    )
    snapshot = profile_as_contract(profile)
    application.profile_snapshot = snapshot
    application.profile_sha256 = snapshot_sha256(snapshot)
    application.profile_frozen_at = now
    return [post.pk for post in profile.experience.all()]


def _live(*, candidate: CandidateProfile, vacancy: Vacancy, now: dt.datetime) -> tuple[Application, bool]:
    """The candidate's live (not withdrawn) application to the vacancy, locked; a new draft if none.

    A withdrawn application stays as it was: applying again makes a new one (see the model's constraint).
    """
    return (
        Application.objects.select_for_update()
        .exclude(status=Application.Status.WITHDRAWN)
        .get_or_create(candidate=candidate, vacancy=vacancy, defaults={"created_at": now})
    )


def application_draft_save(
    *,
    candidate: CandidateProfile,
    vacancy: Vacancy,
    cv: UploadedFile | None,
    essay: UploadedFile | None,
    actor: Any,
    now: dt.datetime | None = None,
    claims: Sequence[ClaimInput] | None = None,
    answers: Mapping[int, object] | None = None,
) -> Application:
    """Keep the files of an application not yet submitted, so that the candidate can finish it later.

    The claims and the answers given so far are kept too (None: those kept before stay).

    Each file sent passes the same gate as at submission and replaces the one kept before; a file not
    sent keeps the earlier one. A draft keeps only files: the declaration is made at submission, and the
    essay's rules are checked then (the draft-check page checks them before). A refused file keeps
    nothing, not even a new draft. Only while the vacancy takes applications.
    """
    now = now or timezone.now()
    _check_open(vacancy, now)
    uploads: dict[str, UploadedFile] = {
        kind: upload for kind, upload in ((Attachment.Kind.CV, cv), (Attachment.Kind.ESSAY, essay)) if upload
    }
    files = {kind: _check_upload(kind, upload) for kind, upload in uploads.items()}
    return _draft_keep(
        candidate=candidate,
        vacancy=vacancy,
        files=files,
        uploads=uploads,
        actor=actor,
        now=now,
        claims=claims,
        answers=answers,
    )


@transaction.atomic
def _draft_keep(
    *,
    candidate: CandidateProfile,
    vacancy: Vacancy,
    files: dict[str, tuple[bytes, str]],
    uploads: dict[str, UploadedFile],
    actor: Any,
    now: dt.datetime,
    claims: Sequence[ClaimInput] | None = None,
    answers: Mapping[int, object] | None = None,
) -> Application:
    application, _created = _live(candidate=candidate, vacancy=vacancy, now=now)
    if application.status != Application.Status.DRAFT:
        raise DomainError(_("You have already applied to this vacancy."))
    replaced = [a.file.name for a in application.attachments.filter(kind__in=list(files))]
    written: list[Attachment] = []
    try:
        application.attachments.filter(kind__in=list(files)).delete()
        for kind, (content, content_type) in files.items():
            attachment = Attachment(
                application=application,
                kind=kind,
                original_name=(uploads[kind].name or "")[:255],
                content_type=content_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                uploaded_at=now,
            )
            attachment.file.save("upload", ContentFile(content), save=False)
            written.append(attachment)
            attachment.save()
        if claims is not None or answers is not None:
            claims_and_answers_keep(
                application,
                vacancy=vacancy,
                claims=claims_checked(vacancy, claims, draft=True)
                if claims is not None
                else kept_claims(application),
                answers=answers_checked(
                    vacancy, answers if answers is not None else kept_answers(application), complete=False
                ),
                own_posts=list(candidate.experience.values_list("pk", flat=True)),
                submitted=False,
            )
        application.save(update_fields=["updated_at"])
        audit_record(
            actor=actor,
            event_type=AuditEventType.APPLICATION_DRAFT_SAVED,
            subject=application,
            files={kind: attachment.original_name for kind, attachment in zip(files, written, strict=True)},
        )
    except BaseException:
        for attachment in written:
            attachment.file.delete(save=False)
        raise
    _delete_files_on_commit(replaced)
    return application


def _with_draft_files(
    *, candidate: CandidateProfile, vacancy: Vacancy, cv: UploadedFile | None, essay: UploadedFile | None
) -> tuple[UploadedFile | None, UploadedFile | None, list[str]]:
    """The CV and essay to submit, each the one sent or else the draft's; and the draft files' names."""
    kept = {
        attachment.kind: attachment
        for attachment in Attachment.objects.filter(
            application__candidate=candidate,
            application__vacancy=vacancy,
            application__status=Application.Status.DRAFT,
        )
    }

    def reopened(kind: str) -> UploadedFile | None:
        attachment = kept[kind]
        with attachment.file.open("rb") as stored:
            return SimpleUploadedFile(attachment.original_name, stored.read(), attachment.content_type)

    cv = cv or (reopened(Attachment.Kind.CV) if Attachment.Kind.CV in kept else None)
    essay = essay or (reopened(Attachment.Kind.ESSAY) if Attachment.Kind.ESSAY in kept else None)
    return cv, essay, [attachment.file.name for attachment in kept.values()]


def _delete_files_on_commit(names: list[str]) -> None:
    """Remove stored files no row points to any more, once the change that let them go is committed."""
    storage = Attachment._meta.get_field("file").storage  # type: ignore[union-attr]

    def delete() -> None:
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(delete)


def _after_submission(application_id: int, *, has_essay: bool) -> None:
    # Screening and essays registered what they start (see hooks.py); applications does not know them.
    for hook in hooks.on_submitted:
        hook(application_id=application_id, has_essay=has_essay)


def decided_by_authority() -> str:
    """Why a move into a decision state was refused, in the language of the request."""
    return _(
        "Who is selected, placed on the reserve list or not selected is decided by the appointing "
        "authority's approval of the recommendation; nothing was changed."
    )


def _may_move(*, actor: Any, application: Application, to: str) -> bool:
    if to in CANDIDATE_MOVES and application.candidate.user_id == getattr(actor, "pk", None):
        return True
    if to == Application.Status.SUBMITTED:
        return False  # only the candidate submits, through application_submit
    return bool(actor.is_superuser or actor.has_role(Role.RECRUITER) or actor.has_role(Role.ADMINISTRATOR))


@transaction.atomic
def application_transition(
    *,
    application: Application,
    to: str,
    reason: str,
    actor: Any,
    now: dt.datetime | None = None,
    expected_status: str | None = None,
    decision: Decision | None = None,
) -> Application:
    """Move an application to another state, if the workflow allows it and the actor may.

    `expected_status` is the state its author saw (the back office's form carries it): when the
    application has moved since, the move is refused with `Conflict`, saying who moved it and to what,
    rather than applied to a state its author never saw.

    A decision state (selected, reserve list, not selected) is entered only with a `decision`: the
    appointing authority's approval of the recommendation, which the selection app carries out (see
    applications/decisions.py). Any other move there is refused before anything is read or locked.
    """
    if to in DECISIONS and not isinstance(decision, Decision):
        raise DomainError(decided_by_authority())
    now = now or timezone.now()
    if to == Application.Status.SELECTED:
        # The vacancy first, as a submission locks it (same order, no deadlock): two recruiters
        # selecting at once are counted one after the other.
        Vacancy.objects.select_for_update().get(pk=application.vacancy_id)
    application = Application.objects.select_for_update().select_related("candidate").get(pk=application.pk)
    if expected_status is not None and application.status != expected_status:
        raise Conflict(_moved_since(application))
    if to not in allowed_targets(application.status):
        raise DomainError(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Application.Status(application.status).label, "to": Application.Status(to).label}
        )
    if not _may_move(actor=actor, application=application, to=to):
        raise NotAllowed(_("You may not make this change."))
    if to == Application.Status.SUBMITTED:
        raise DomainError(_("Submit the application with its documents."))
    reason = reason_checked(reason)
    staff_move = application.candidate.user_id != getattr(actor, "pk", None)
    if staff_move and not reason.strip():
        raise DomainError(_("Give a reason for this change."))
    if to == Application.Status.SELECTED:
        _check_a_post_is_free(application)
    for check in hooks.move_checks:  # e.g. genai: its signal is never alone a reason to screen out
        check(application=application, to_status=to, actor=actor)
    from_status = application.status
    _record(
        application=application,
        to=to,
        reason=reason.strip(),
        actor=actor,
        now=now,
        decision=decision if to in DECISIONS else None,
    )
    application.save(update_fields=["status", "updated_at"])
    for hook in hooks.on_moved:  # e.g. the candidate's mail for this outcome (notifications, screening)
        hook(application=application, from_status=from_status, to_status=to, actor=actor)
    return application


def _check_a_post_is_free(application: Application) -> None:
    """Never more selected candidates than the vacancy has posts (one at least: a vacancy fills one)."""
    posts = max(Post.objects.filter(vacancy_id=application.vacancy_id).count(), 1)
    selected = Application.objects.filter(
        vacancy_id=application.vacancy_id, status=Application.Status.SELECTED
    ).count()
    if selected >= posts:
        raise DomainError(
            _(
                "Every post of this vacancy is filled (%(posts)d post(s), %(selected)d candidate(s) "
                "selected): put this candidate on the reserve list, or record first that a selected "
                "candidate withdrew."
            )
            % {"posts": posts, "selected": selected}
        )


def _moved_since(application: Application) -> str:
    last = application.transitions.select_related("actor").order_by("-at", "-id").first()
    if last is None:  # moved without a record: cannot happen through the services
        return _("This application has changed since you opened it; nothing was changed.")
    return _(
        "While you were looking, %(who)s moved this application to “%(state)s” (%(when)s); your change "
        "was not made. Check its new state and try again."
    ) % {
        "who": str(last.actor) if last.actor else _("the system"),
        "state": Application.Status(last.to_status).label,
        "when": written_local(last.at),
    }


def application_withdraw(*, application: Application, actor: Any, reason: str = "") -> Application:
    return application_transition(
        application=application, to=Application.Status.WITHDRAWN, reason=reason, actor=actor
    )


@dataclass(frozen=True)
class MoveRefused:
    application: Application
    message: str


@dataclass(frozen=True)
class BulkMove:
    moved: list[Application]
    refused: list[MoveRefused]


def applications_move(*, moves: list[tuple[Application, str]], to: str, reason: str, actor: Any) -> BulkMove:
    """Move several applications with one reason: each `(application, the state its author saw)` goes
    through `application_transition`, in a transaction of its own.

    One move refused (moved since, no post left, a state it cannot leave) leaves the others made and is
    reported with its reason: the recruiter sees exactly which ones to look at again, and nothing is
    half-done, since each move is whole or not at all.
    """
    moved: list[Application] = []
    refused: list[MoveRefused] = []
    for application, seen in moves:
        try:
            moved.append(
                application_transition(
                    application=application, to=to, reason=reason, actor=actor, expected_status=seen
                )
            )
        except DomainError as error:
            refused.append(MoveRefused(application, error.message))
    return BulkMove(moved, refused)


@transaction.atomic
def applications_exported(*, vacancy: Vacancy, actor: Any, filters: dict[str, str]) -> None:
    """Record that `actor` took the vacancy's list of applications out of Concours (a CSV export): it
    holds candidates' personal data, so who took it, when and which part stays in the audit trail."""
    audit_record(
        actor=actor, event_type=AuditEventType.APPLICATIONS_EXPORTED, subject=vacancy, filters=filters
    )
