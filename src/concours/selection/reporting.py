"""Selection reports: who may make and read them, making one (the PDF, its SHA-256 and the moment it was
made, kept together and never changed), and the reports already made."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accounts.models import Role
from concours.core.audit import audit_record
from concours.core.errors import DomainError, NotAllowed
from concours.core.models import AuditEventType
from concours.selection.models import SelectionReport
from concours.selection.report import report_gather, report_pdf
from concours.selection.selectors import is_authority_of
from concours.vacancies.models import Vacancy

__all__ = [
    "ReportAltered",
    "may_read_reports",
    "report_bytes",
    "report_files_orphaned_erase",
    "report_for",
    "report_make",
    "report_vacancy_for",
    "reports_of",
    "vacancies_for_reports",
]


# Where the reports' files are kept (`models.report_path`): one folder per vacancy.
REPORTS_FOLDER = "selection/reports"
# How old a file without a row must be before it is taken for an orphan: no transaction that wrote one
# is still running by then (a report is made in seconds).
ORPHAN_AFTER = dt.timedelta(days=1)


class ReportAltered(DomainError):
    """The stored file no longer matches the SHA-256 kept when it was made."""


def may_read_reports(*, vacancy: Vacancy, user: Any) -> bool:
    """Recruiters, administrators, and the appointing authority of the vacancy's unit; never panels,
    hiring managers or candidates (the report names the candidates)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.has_role(Role.RECRUITER) or user.has_role(Role.ADMINISTRATOR):
        return True
    return is_authority_of(user, vacancy)


def report_vacancy_for(*, vacancy_id: int, user: Any) -> Vacancy:
    """The vacancy, for those who may read its reports; 404 for everyone else."""
    vacancy = Vacancy.objects.select_related("unit").filter(pk=vacancy_id).first()
    if vacancy is None or not may_read_reports(vacancy=vacancy, user=user):
        raise Http404
    return vacancy


def reports_of(vacancy: Vacancy) -> list[SelectionReport]:
    return list(vacancy.selection_reports.select_related("made_by").order_by("-made_at", "-id"))


def vacancies_for_reports(*, user: Any) -> list[Vacancy]:
    """The vacancies with a stage plan (assessment begun or over) whose reports `user` may read."""
    vacancies = (
        Vacancy.objects.filter(stages__isnull=False)
        .distinct()
        .select_related("unit")
        .order_by("-deadline", "-id")
    )
    return [v for v in vacancies if may_read_reports(vacancy=v, user=user)]


def report_bytes(report: SelectionReport) -> bytes:
    """The stored PDF, checked against its SHA-256: an altered file is never handed out as the report."""
    with report.file.open("rb") as stored:
        data = stored.read()
    if hashlib.sha256(data).hexdigest() != report.sha256:
        raise ReportAltered(_("The stored file no longer matches the SHA-256 kept when it was made."))
    return bytes(data)


def report_for(*, report_id: int, user: Any) -> SelectionReport:
    report = SelectionReport.objects.select_related("vacancy__unit").filter(pk=report_id).first()
    if report is None or not may_read_reports(vacancy=report.vacancy, user=user):
        raise Http404
    return report


@transaction.atomic
def report_make(*, vacancy: Vacancy, language: str, actor: Any) -> SelectionReport:
    """Make the report in `language` from the records as they stand, and keep it with its SHA-256."""
    if not may_read_reports(vacancy=vacancy, user=actor):
        raise NotAllowed(_("Only recruiters and the vacancy's appointing authority make selection reports."))
    if language not in SelectionReport.Language.values:
        raise DomainError(_("A selection report is made in English or in French."))
    made_at = timezone.now()
    data = report_pdf(report_gather(vacancy=vacancy, language=language, made_at=made_at, made_by=actor))
    report = SelectionReport(
        vacancy=vacancy,
        language=language,
        sha256=hashlib.sha256(data).hexdigest(),
        made_at=made_at,
        made_by=actor,
    )
    report.file.save("report.pdf", ContentFile(data), save=False)
    try:
        report.save()
        audit_record(
            actor=actor,
            event_type=AuditEventType.SELECTION_REPORT_MADE,
            subject=report,
            vacancy=vacancy.pk,
            language=language,
            sha256=report.sha256,
        )
    except BaseException:
        # No row, no file: a report that was not recorded is not kept either.
        report.file.delete(save=False)
        raise
    # The file is written now, so that the caller's transaction can read it; should an enclosing
    # transaction roll back later, it is left with no row: `report_files_orphaned_erase` removes it.
    return report


def report_files_orphaned_erase(*, now: dt.datetime | None = None) -> list[str]:
    """Delete the stored report files no report refers to (written by `report_make` in a transaction that
    rolled back afterwards), once older than `ORPHAN_AFTER`; returns their names. Run by
    `concours erase_orphan_reports` from cron; running it again finds nothing more."""
    now = now or timezone.now()
    storage = SelectionReport._meta.get_field("file").storage  # type: ignore[union-attr]
    try:  # (a bucket has no folders: `exists` would say no, and listing a missing prefix gives nothing)
        folders, _files = storage.listdir(REPORTS_FOLDER)
    except FileNotFoundError:  # on disk, before the first report
        return []
    kept = set(SelectionReport.objects.values_list("file", flat=True))
    erased = []
    for folder in sorted(folders):
        _folders, names = storage.listdir(f"{REPORTS_FOLDER}/{folder}")
        for name in sorted(names):
            path = f"{REPORTS_FOLDER}/{folder}/{name}"
            if path in kept or storage.get_modified_time(path) > now - ORPHAN_AFTER:
                continue
            # Read again, in case its row committed since the list above was read.
            if not SelectionReport.objects.filter(file=path).exists():
                storage.delete(path)
                erased.append(path)
    return erased
