"""What the essay workers do: count a submitted essay's pages, render a draft to count its pages, make
the panel's anonymised PDF. Each renders with this process's LibreOffice, within its limits."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from concours.applications.models import Application, Attachment
from concours.core.audit import audit_record
from concours.core.errors import DomainError
from concours.core.models import AuditEventType
from concours.essays.inspection import essay_facts
from concours.essays.models import DraftCheck, EssayCheck, Rendition
from concours.kernel.essays import anonymised_pdf, default_renderer


def draft_check_finish(*, check_id: int) -> DraftCheck:
    """Render the draft, keep its facts and checks, delete the file."""
    check = DraftCheck.objects.select_related("vacancy").get(pk=check_id)
    if check.status != DraftCheck.Status.PENDING:
        return check
    try:
        data = check.file.read() if check.file else b""
        facts = essay_facts(data, vacancy=check.vacancy, file_name=check.file_name, render=True)
    except DomainError as error:
        check.status = DraftCheck.Status.FAILED
        check.facts = {"error": error.message}
    else:
        check.status = DraftCheck.Status.DONE
        check.facts = {key: value for key, value in facts.to_dict().items() if key != "checks"}
        check.checks = [c.to_dict() for c in facts.checks]
    check.file.delete(save=False)
    check.finished_at = timezone.now()
    with transaction.atomic():
        check.save()
        audit_record(
            actor=None,
            event_type=AuditEventType.DRAFT_CHECK_FINISHED,
            subject=check,
            status=check.status,
            failed=[c["rule"] for c in check.checks if c["result"] == "fail"],
        )
    return check


def essay_check_finish(*, check_id: int, tell_candidate: Callable[[int], object] | None = None) -> EssayCheck:
    """Count the pages of a submitted essay and keep the result against the notice's rules.

    An essay that fails (or cannot be laid out within the limits) leaves the application as it is;
    `tell_candidate(check_id)` is called once the result is committed, to write to the candidate.
    """
    check = EssayCheck.objects.select_related("application__vacancy").get(pk=check_id)
    if check.status != EssayCheck.Status.PENDING:
        return check
    essay = check.application.attachments.filter(kind=Attachment.Kind.ESSAY).first()
    if essay is None:  # erased since it was submitted
        return check
    with essay.file.open("rb") as stored:
        data = stored.read()
    sha256 = hashlib.sha256(data).hexdigest()
    checks: list[dict[str, object]] = []
    pages, error = None, ""
    try:
        vacancy = check.application.vacancy
        facts = essay_facts(data, vacancy=vacancy, file_name=essay.original_name, render=True)
    except DomainError as refused:
        status, error = EssayCheck.Status.ERROR, refused.message[:500]
    else:
        checks, pages = [c.to_dict() for c in facts.checks], facts.pages
        failed = any(c.result == "fail" for c in facts.checks)
        status = EssayCheck.Status.FAILED if failed else EssayCheck.Status.PASSED
    with transaction.atomic():
        check = EssayCheck.objects.select_for_update().select_related("application").get(pk=check_id)
        if check.status != EssayCheck.Status.PENDING or check.sha256 != sha256:
            return check  # replaced while it was laid out: the new essay's own check will tell
        check.status, check.pages, check.checks, check.error = status, pages, checks, error
        check.finished_at = timezone.now()
        check.save(update_fields=["status", "pages", "checks", "error", "finished_at"])
        audit_record(
            actor=None,
            event_type=AuditEventType.ESSAY_CHECKED,
            subject=check.application,
            status=check.status,
            pages=pages,
            failed=[str(c["rule"]) for c in checks if c["result"] == "fail"],
            error=error,
        )
        if check.failed and tell_candidate is not None:
            transaction.on_commit(lambda: tell_candidate(check_id))
    return check


def _names_of(application: Application) -> list[str]:
    candidate = application.candidate
    submitted = application.profile_snapshot or {}
    return sorted({name for name in (candidate.name, candidate.user.name, submitted.get("name")) if name})


def _identifying_terms(application: Application) -> list[str]:
    """What else in an essay points to its author: e-mail, employers and universities of the profile.

    Both the profile as submitted and as it is now are read: a rendition made late must not miss an
    employer the candidate has since removed. An employer that is also the hiring organisation (a
    serving staff member's "NATO International Staff") is left: redacting it would blank the
    organisation's name all over the essay.
    """
    candidate = application.candidate
    submitted = application.profile_snapshot or {}
    notice = application.vacancy.notice or {}
    hiring = {str(notice.get(key) or "").casefold() for key in ("organisation", "body", "division")} - {""}
    places = [*candidate.experience.values_list("employer", flat=True)]
    places += [*candidate.education.values_list("institution", flat=True)]
    places += [str(post.get("employer") or "") for post in submitted.get("experience") or []]
    places += [str(degree.get("institution") or "") for degree in submitted.get("education") or []]
    terms = [candidate.user.email, str(submitted.get("email") or "")]
    terms += [place for place in places if place and place.casefold() not in hiring]
    return sorted({term for term in terms if term})


def rendition_make(*, application_id: int) -> Rendition | None:
    """The anonymised PDF of an application's essay, for blind review by the panel."""
    application = Application.objects.select_related("candidate__user", "vacancy").get(pk=application_id)
    essay = application.attachments.filter(kind=Attachment.Kind.ESSAY).first()
    if essay is None:
        return None
    with essay.file.open("rb") as original:
        data = original.read()
    pdf = anonymised_pdf(
        data,
        _names_of(application),
        application.candidate_code,
        default_renderer(),
        extra_terms=_identifying_terms(application),
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
            actor=None,
            event_type=AuditEventType.ESSAY_RENDITION_MADE,
            subject=application,
            code=rendition.candidate_code,
        )
    return rendition
