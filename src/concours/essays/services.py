"""Checking essays against a notice's rules, at submission and as drafts.

The kernel does the work (safety, facts, LibreOffice rendering); these functions decide what is kept:
nothing of a refused file, only the facts of a draft. Rendering a draft and making the panel's
anonymised copy are the workers' (`rendering.py`, run by `tasks.py`).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from concours.applications.models import Attachment
from concours.candidates.models import CandidateProfile
from concours.core.audit import audit_record
from concours.core.errors import DomainError
from concours.core.models import AuditEventType
from concours.core.uploads import document_check
from concours.essays import tasks
from concours.essays.inspection import essay_facts, ui_language
from concours.essays.models import DraftCheck
from concours.kernel.essays import EssayFacts
from concours.vacancies.models import Vacancy


def essay_verify_for_submission(*, data: bytes, file_name: str, vacancy: Vacancy) -> EssayFacts:
    """Every rule of the notice, pages counted as rendered; DomainError names each rule the essay breaks."""
    facts = essay_facts(data, vacancy=vacancy, file_name=file_name, render=True)
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
