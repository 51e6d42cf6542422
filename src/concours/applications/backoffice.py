"""The back office: a recruiter's pages per vacancy, and moving an application with a reason."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.applications import selectors, services
from concours.applications.forms import StatusFilterForm, TransitionForm
from concours.applications.models import Application
from concours.applications.workflow import recruiter_targets
from concours.core.errors import DomainError
from concours.core.permissions import recruiter_required, staff_required
from concours.screening.forms import DecisionForm, VerdictFilterForm
from concours.screening.selectors import applications_with_verdicts, check_lines, verdict_for
from concours.vacancies.selectors import vacancy_get_for_staff, vacancy_list_for_staff


@staff_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    vacancies = vacancy_list_for_staff(user=request.user)
    return render(request, "applications/backoffice/vacancy_list.html", {"vacancies": vacancies})


@staff_required
def vacancy_applications(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=request.user)
    filters = StatusFilterForm(request.GET or None)
    verdict_filter = VerdictFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    eligible = verdict_filter.cleaned_data["eligible"] if verdict_filter.is_valid() else ""
    applications = applications_with_verdicts(vacancy=vacancy, eligible=eligible).order_by(
        "candidate__name", "id"
    )
    if status:
        applications = applications.filter(status=status)
    counts = selectors.status_counts(vacancy=vacancy)
    states = [(choice, counts.get(choice.value, 0)) for choice in Application.Status if choice != "draft"]
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/backoffice/vacancy_applications.html",
        {
            "vacancy": vacancy,
            "page": page,
            "filters": filters,
            "states": states,
            "status": status,
            "verdict_filter": verdict_filter,
            "eligible": eligible,
        },
    )


@staff_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    user: Any = request.user
    application = selectors.application_get_for_staff(application_id=application_id, user=user)
    targets = recruiter_targets(application.status)
    form = TransitionForm(targets=targets) if targets else None
    return render(
        request, "applications/backoffice/application_detail.html", _detail_context(application, form)
    )


def _detail_context(application: Application, form: TransitionForm | None) -> dict[str, Any]:
    verdict = verdict_for(application=application)
    return {
        "application": application,
        "form": form,
        "verdict": verdict,
        "check_lines": check_lines(verdict.checks) if verdict else [],
        "decision_form": DecisionForm(initial={"eligible": verdict.final if verdict else None}),
    }


@require_POST
@recruiter_required
def application_move(request: HttpRequest, application_id: int) -> HttpResponse:
    user: Any = request.user
    application = selectors.application_get_for_staff(application_id=application_id, user=user)
    form = TransitionForm(request.POST, targets=recruiter_targets(application.status))
    if form.is_valid():
        try:
            services.application_transition(
                application=application,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                actor=user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The application is now “%(state)s”.")
                % {"state": Application.Status(form.cleaned_data["to"]).label},
            )
            return redirect("backoffice:application", application_id=application.pk)
    return render(
        request,
        "applications/backoffice/application_detail.html",
        _detail_context(application, form),
        status=400,
    )
