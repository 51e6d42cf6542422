"""Checking essays against a notice's rules, and making the panel's anonymised copy.

The kernel does the work (safety, facts, LibreOffice rendering, anonymisation); these functions decide
what is kept: nothing of a refused file, only the facts of a draft, the anonymised PDF of a submission.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concours.applications.models import Application, Attachment
from concours.candidates.models import CandidateProfile
from concours.core.audit import audit_record
from concours.core.errors import DomainError
from concours.essays.models import DraftCheck, Rendition
from concours.kernel.essays import (
    EssayFacts,
    EssayRefused,
    RenderError,
    anonymised_pdf,
    default_renderer,
    inspect,
)
from concours.vacancies.models import Vacancy

ESSAY_RENDITION_MADE = "ESSAY_RENDITION_MADE"


def _lang() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def _inspect(data: bytes, *, vacancy: Vacancy, file_name: str, render: bool) -> EssayFacts:
    """The facts of an essay against the vacancy's rules; a file no parser may trust is refused."""
    try:
        return inspect(
            data,
            rules=vacancy.essay_rules or {},
            file_name=file_name,
            renderer=default_renderer() if render else None,
        )
    except EssayRefused as refused:
        raise DomainError(refused.reason_in(_lang())) from refused
    except RenderError as error:
        raise DomainError(
            _("The essay could not be rendered to count its pages; please try again.")
        ) from error


def essay_verify_for_submission(*, data: bytes, file_name: str, vacancy: Vacancy) -> EssayFacts:
    """Every rule of the notice, pages counted as rendered; DomainError names each rule the essay breaks."""
    facts = _inspect(data, vacancy=vacancy, file_name=file_name, render=True)
    failed = [check.reason_in(_lang()) for check in facts.checks if check.result == "fail"]
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
    _inspect(data, vacancy=vacancy, file_name=file_name, render=False)
    check = DraftCheck(candidate=candidate, vacancy=vacancy, file_name=file_name[:255])
    check.file.save("draft.docx", ContentFile(data), save=False)
    check.save()
    transaction.on_commit(lambda: _enqueue("draft_check_finish", check.pk))
    return check


def draft_check_finish(*, check_id: int) -> DraftCheck:
    """Render the draft, keep its facts and checks, delete the file."""
    check = DraftCheck.objects.select_related("vacancy").get(pk=check_id)
    if check.status != DraftCheck.Status.PENDING:
        return check
    try:
        data = check.file.read() if check.file else b""
        facts = _inspect(data, vacancy=check.vacancy, file_name=check.file_name, render=True)
    except DomainError as error:
        check.status = DraftCheck.Status.FAILED
        check.facts = {"error": error.message}
    else:
        check.status = DraftCheck.Status.DONE
        check.facts = {key: value for key, value in facts.to_dict().items() if key != "checks"}
        check.checks = [c.to_dict() for c in facts.checks]
    check.file.delete(save=False)
    check.finished_at = timezone.now()
    check.save()
    return check


def _names_of(candidate: CandidateProfile) -> list[str]:
    return [name for name in {candidate.name, candidate.user.name} if name]


def rendition_make(*, application_id: int) -> Rendition | None:
    """The anonymised PDF of an application's essay, for blind review by the panel."""
    application = Application.objects.select_related("candidate__user").get(pk=application_id)
    essay = application.attachments.filter(kind=Attachment.Kind.ESSAY).first()
    if essay is None:
        return None
    with essay.file.open("rb") as original:
        data = original.read()
    pdf = anonymised_pdf(
        data, _names_of(application.candidate), application.candidate_code, default_renderer()
    )
    with transaction.atomic():
        rendition, _created = Rendition.objects.get_or_create(
            application=application, defaults={"candidate_code": application.candidate_code}
        )
        if rendition.pdf:
            rendition.pdf.delete(save=False)
        rendition.pdf.save("essay.pdf", ContentFile(pdf), save=False)
        rendition.save()
        audit_record(
            actor=None, event_type=ESSAY_RENDITION_MADE, subject=application, code=rendition.candidate_code
        )
    return rendition


def _enqueue(task_name: str, *args: Any) -> None:
    from concours.essays import tasks

    getattr(tasks, task_name).enqueue(*args)
