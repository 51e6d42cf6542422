"""Checking essays against a notice's rules, at submission and as drafts.

The kernel does the work (safety, facts, LibreOffice rendering); these functions decide what is kept:
nothing of a refused file, only the facts of a draft. No web request renders: counting a submitted
essay's pages, checking a draft and making the panel's anonymised copy are the workers' (`rendering.py`,
run by `tasks.py` on the "rendering" queue).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.applications.models import Application, Attachment
from concours.candidates.models import CandidateProfile
from concours.core.audit import audit_record
from concours.core.errors import DomainError
from concours.core.models import AuditEventType
from concours.core.uploads import document_check, upload_read
from concours.essays import replace_hooks, tasks
from concours.essays.inspection import essay_facts, ui_language
from concours.essays.models import DraftCheck, EssayCheck
from concours.kernel.essays import EssayFacts
from concours.vacancies.models import Vacancy


def essay_verify_for_submission(*, data: bytes, file_name: str, vacancy: Vacancy) -> EssayFacts:
    """The notice's rules that need no rendering (format, paper, title) and the bounds on what a document
    may hold; DomainError names each rule the essay breaks. Its pages are counted after submission, by a
    worker (`essay_check_start`)."""
    facts = essay_facts(data, vacancy=vacancy, file_name=file_name, render=False)
    failed = [check.reason_in(ui_language()) for check in facts.checks if check.result == "fail"]
    if failed:
        raise DomainError(
            _("The essay does not meet the notice's rules: %(reasons)s") % {"reasons": " ".join(failed)}
        )
    return facts


@transaction.atomic
def draft_check_start(
    *, candidate: CandidateProfile, vacancy: Vacancy, data: bytes, file_name: str, actor: Any
) -> DraftCheck:
    """Keep a draft for checking; unsafe files are refused at once and nothing is kept."""
    if not vacancy.essay_rules:
        raise DomainError(_("This vacancy asks for no essay."))
    document_check(data, what=str(Attachment.Kind.ESSAY.label), name=file_name, accept={"docx"})
    essay_facts(data, vacancy=vacancy, file_name=file_name, render=False)
    check = DraftCheck(candidate=candidate, vacancy=vacancy, file_name=file_name[:255])
    # A name of its own: on a shared bucket, two drafts saved at once under one name would overwrite each
    # other (local storage creates files exclusively; object storage cannot).
    check.file.save(f"draft-{uuid.uuid4().hex}.docx", ContentFile(data), save=False)
    check.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.DRAFT_CHECK_STARTED,
        subject=check,
        vacancy=vacancy.pk,
        file_name=check.file_name,
    )
    transaction.on_commit(lambda: tasks.draft_check_finish.enqueue(check.pk))
    return check


@transaction.atomic(savepoint=False)
def essay_check_start(
    *, application: Application, language: str, essay: Attachment | None = None
) -> EssayCheck | None:
    """Have a worker count the pages of an application's essay; None when there is nothing to check.

    `language`: the one the candidate applied in, to write to them in should the essay fail. `essay`: the
    application's essay when the caller has it at hand (a submission, in its transaction), not read again.
    The caller's transaction holds the application's lock (a submission, a replacement): the check is
    written without savepoints.
    """
    if essay is None:
        essay = application.attachments.filter(kind=Attachment.Kind.ESSAY).first()
    if essay is None or not application.vacancy.essay_rules:
        return None
    fields: dict[str, Any] = {
        "status": EssayCheck.Status.PENDING,
        "sha256": essay.sha256,
        "pages": None,
        "checks": [],
        "error": "",
        "language": language,
        "created_at": timezone.now(),
        "finished_at": None,
    }
    check = EssayCheck.objects.select_for_update().filter(application=application).first()
    if check is None:
        check = EssayCheck.objects.create(application=application, **fields)
    else:
        for name, value in fields.items():
            setattr(check, name, value)
        check.save()
    transaction.on_commit(lambda: tasks.essay_check_pages.enqueue(check.pk))
    return check


def essay_replace(
    *, application: Application, upload: Any, actor: Any, now: dt.datetime | None = None
) -> EssayCheck:
    """Replace the essay of a submitted application whose essay failed its check, before the deadline.

    The new essay passes the checks of a submission at once; a worker counts its pages, as it did the
    first one's, and makes the panel's anonymised copy again. Apps above are told (`replace_hooks`).
    """
    now = now or timezone.now()
    label = str(Attachment.Kind.ESSAY.label)
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".docx"):
        raise DomainError(
            _("The %(kind)s must be a %(formats)s file; “%(name)s” is not.")
            % {"kind": label, "formats": ".docx", "name": name}
        )
    data = upload_read(upload, what=label)
    document_check(data, what=label, name=name, accept={"docx"})
    essay_verify_for_submission(data=data, file_name=name, vacancy=application.vacancy)
    return _essay_replace(application=application, data=data, name=name, actor=actor, now=now)


@transaction.atomic
def _essay_replace(
    *, application: Application, data: bytes, name: str, actor: Any, now: dt.datetime
) -> EssayCheck:
    application = Application.objects.select_for_update().select_related("vacancy").get(pk=application.pk)
    check = EssayCheck.objects.filter(application=application).first()
    if application.status != Application.Status.SUBMITTED or check is None or not check.failed:
        raise DomainError(_("Only an essay that failed its check can be replaced."))
    if application.vacancy.deadline is None or now > application.vacancy.deadline:
        raise DomainError(_("The deadline has passed: the essay can no longer be replaced."))
    essay = application.attachments.get(kind=Attachment.Kind.ESSAY)
    sha256 = hashlib.sha256(data).hexdigest()
    if sha256 == essay.sha256:
        raise DomainError(_("This is the essay that failed its check; please attach a corrected one."))
    old = {"name": essay.original_name, "sha256": essay.sha256, "file": essay.file.name}
    essay.original_name, essay.size, essay.sha256, essay.uploaded_at = name[:255], len(data), sha256, now
    essay.file.save("upload", ContentFile(data), save=False)  # stored under its own hash: a new name
    try:
        essay.save(update_fields=["file", "original_name", "size", "sha256", "uploaded_at"])
        audit_record(
            actor=actor,
            event_type=AuditEventType.ESSAY_REPLACED,
            subject=application,
            replaced=old["name"],
            replaced_sha256=old["sha256"],
            by=essay.original_name,
            by_sha256=sha256,
            after_check=check.status,
        )
        replaced = essay_check_start(application=application, language=ui_language())
        for hook in replace_hooks.on_replaced:  # e.g. genai: its signal was the old essay's
            hook(application=application, actor=actor)
    except BaseException:
        essay.file.delete(save=False)  # nothing kept of a replacement that did not happen
        raise
    storage = essay.file.storage
    transaction.on_commit(lambda: storage.delete(old["file"]))
    transaction.on_commit(lambda: tasks.rendition_make.enqueue(application.pk))
    assert replaced is not None  # the notice has essay rules: the essay that failed was checked by them
    return replaced
