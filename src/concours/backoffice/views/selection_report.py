"""Selection reports: make one in English or French, list those made with their SHA-256 and moment, and
download each through this permission-checked view (never a public media URL).

Recruiters, administrators and the vacancy's appointing authority only: the report names candidates.
Other staff get 403 (panel members, hiring managers: 404 on a vacancy), candidates 403."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from concours.accounts.models import Role
from concours.accounts.permissions import role_required
from concours.core.errors import DomainError
from concours.selection.models import SelectionReport
from concours.selection.reporting import (
    ReportAltered,
    report_bytes,
    report_for,
    report_make,
    report_vacancy_for,
    reports_of,
    vacancies_for_reports,
)

report_readers = role_required(Role.RECRUITER, Role.ADMINISTRATOR, Role.APPOINTING_AUTHORITY)


@report_readers
def selection_report_index(request: HttpRequest) -> HttpResponse:
    """The vacancies whose reports the user may make and read."""
    return render(
        request,
        "backoffice/selection_report_index.html",
        {"vacancies": vacancies_for_reports(user=request.user)},
    )


@report_readers
def selection_reports(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """The reports of a vacancy, and a form to make a new one in English or French."""
    user: Any = request.user
    vacancy = report_vacancy_for(vacancy_id=vacancy_id, user=user)
    error = ""
    if request.method == "POST":
        try:
            report = report_make(vacancy=vacancy, language=request.POST.get("language", ""), actor=user)
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(
                request,
                _("The selection report was made (SHA-256 %(sha256)s).") % {"sha256": report.sha256},
            )
            return redirect("backoffice:selection_reports", vacancy_id=vacancy.pk)
    return render(
        request,
        "backoffice/selection_reports.html",
        {
            "vacancy": vacancy,
            "reports": reports_of(vacancy),
            "languages": SelectionReport.Language.choices,
            "error": error,
        },
        status=400 if error else 200,
    )


@require_GET
@report_readers
def selection_report_download(request: HttpRequest, report_id: int) -> HttpResponse:
    """The PDF as made, after checking it still matches its SHA-256."""
    report = report_for(report_id=report_id, user=request.user)
    try:
        data = report_bytes(report)
    except ReportAltered as altered:
        return render(
            request,
            "backoffice/selection_reports.html",
            {
                "vacancy": report.vacancy,
                "reports": reports_of(report.vacancy),
                "languages": SelectionReport.Language.choices,
                "error": altered.message,
            },
            status=409,
        )
    name = f"selection-report-{report.vacancy.reference or report.vacancy_id}-{report.language}-"
    name += f"{report.made_at:%Y%m%dT%H%M%S}.pdf"
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    response["X-Content-SHA256"] = report.sha256
    return response
