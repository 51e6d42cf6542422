"""The candidate's side: apply, follow, withdraw."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.accounts.permissions import candidate_required
from concours.applications import selectors, services
from concours.applications.forms import ApplyForm, WithdrawForm
from concours.applications.models import Application
from concours.applications.workflow import allowed_targets
from concours.candidates.selectors import profile_as_contract, profile_for_user, profile_missing_parts
from concours.core.errors import DomainError
from concours.core.middleware import arrived_at
from concours.screening.selectors import eligibility_gaps
from concours.vacancies.selectors import vacancy_get_published


@candidate_required
def application_apply(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    user: Any = request.user
    vacancy = vacancy_get_published(vacancy_id=vacancy_id)
    existing = selectors.application_for_vacancy(candidate_user=user, vacancy=vacancy)
    if existing is not None and existing.status != Application.Status.DRAFT:
        messages.info(request, _("You have already applied to this vacancy."))
        return redirect("applications:detail", application_id=existing.pk)
    profile = profile_for_user(user=user)
    missing = profile_missing_parts(profile)
    if profile is None:
        messages.info(request, _("Please complete your profile before applying."))
        return redirect(f"{reverse('candidates:profile')}?next={request.path}")
    gaps = eligibility_gaps(profile=profile_as_contract(profile), vacancy=vacancy, on=timezone.localdate())
    form = ApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                candidate=profile,
                vacancy=vacancy,
                cv=form.cleaned_data["cv"],
                essay=form.cleaned_data.get("essay"),
                actor=user,
                # The deadline is judged when the request arrived, not after its files were read
                # and checked.
                now=arrived_at(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your application has been submitted."))
            return redirect("applications:detail", application_id=application.pk)
    return render(
        request,
        "portal/application_apply.html",
        {
            "vacancy": vacancy,
            "form": form,
            "missing": missing,
            "gaps": gaps,
            "is_open": vacancy.is_open_at(timezone.now()),
        },
    )


@candidate_required
def application_list(request: HttpRequest) -> HttpResponse:
    applications = selectors.application_list_for_candidate(user=request.user)
    return render(request, "portal/application_list.html", {"applications": applications})


@candidate_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_get_for_candidate(application_id=application_id, user=request.user)
    can_withdraw = Application.Status.WITHDRAWN in allowed_targets(application.status)
    return render(
        request,
        "portal/application_detail.html",
        {"application": application, "can_withdraw": can_withdraw, "withdraw_form": WithdrawForm()},
    )


@require_POST
@candidate_required
def application_withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_get_for_candidate(application_id=application_id, user=request.user)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.application_withdraw(application=application, actor=request.user, reason=reason)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return redirect("applications:detail", application_id=application.pk)


@candidate_required
def attachment_download(request: HttpRequest, application_id: int, kind: str) -> HttpResponseBase:
    """A CV or essay, for its candidate; nobody else learns it exists (recruiters use the back office)."""
    attachment = selectors.attachment_get_for_candidate(
        application_id=application_id, kind=kind, user=request.user
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
