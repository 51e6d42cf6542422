"""The recruiter's screening pages: screen a vacancy, read a verdict's reasons, confirm or override."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.accounts.permissions import recruiter_required
from concours.applications.selectors import application_get_for_staff
from concours.core.errors import DomainError
from concours.screening import services, tasks
from concours.screening.forms import DecisionForm
from concours.screening.selectors import verdict_for
from concours.vacancies.selectors import vacancy_get_for_staff


@require_POST
@recruiter_required
def vacancy_screen(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    user: Any = request.user
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
    tasks.vacancy_screen_all.enqueue(vacancy.pk, user.pk)
    messages.success(
        request, _("Screening of every application has started; the verdicts appear when it ends.")
    )
    return redirect("backoffice:vacancy", vacancy_id=vacancy.pk)


@require_POST
@recruiter_required
def verdict_decide(request: HttpRequest, application_id: int) -> HttpResponse:
    user: Any = request.user
    application = application_get_for_staff(application_id=application_id, user=user)
    verdict = verdict_for(application=application)
    form = DecisionForm(request.POST)
    if verdict is None:
        messages.error(request, _("This application has not been screened yet."))
    elif form.is_valid():
        try:
            services.verdict_decide(
                verdict=verdict,
                eligible=form.cleaned_data["eligible"],
                reason=form.cleaned_data["reason"],
                actor=user,
                expected_revision=form.cleaned_data["seen"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your decision on the eligibility has been recorded."))
    else:
        messages.error(request, _("Choose eligible or not eligible."))
    return redirect("backoffice:application", application_id=application.pk)
