"""A candidate checks a draft essay against the notice's rules before applying, and replaces a submitted
essay that failed them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.accounts.permissions import candidate_required
from concours.applications.models import Attachment
from concours.applications.selectors import application_get_for_candidate
from concours.candidates.selectors import profile_for_user
from concours.core.errors import DomainError
from concours.core.middleware import arrived_at
from concours.core.uploads import upload_read
from concours.essays import selectors, services
from concours.essays.forms import DraftCheckForm, EssayReplaceForm
from concours.essays.models import DraftCheck
from concours.vacancies.selectors import vacancy_get_published


@candidate_required
def draft_check(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    user: Any = request.user
    vacancy = vacancy_get_published(vacancy_id=vacancy_id)
    form = DraftCheckForm(request.POST or None, request.FILES or None)
    profile = profile_for_user(user=user)
    if request.method == "POST" and form.is_valid():
        if profile is None:
            return redirect("candidates:profile")
        upload = form.cleaned_data["essay"]
        try:
            check = services.draft_check_start(
                candidate=profile,
                vacancy=vacancy,
                data=upload_read(upload, what=str(Attachment.Kind.ESSAY.label)),  # its size first
                file_name=upload.name or "",
                actor=user,
            )
        except DomainError as error:
            form.add_error("essay", error.message)
        else:
            return redirect("essays:result", check_id=check.pk)
    return render(request, "portal/draft_check.html", {"vacancy": vacancy, "form": form})


@candidate_required
def draft_check_result(request: HttpRequest, check_id: int) -> HttpResponse:
    check = selectors.draft_check_get_for(check_id=check_id, user=request.user)
    return render(
        request,
        "portal/draft_check_result.html",
        {
            "check": check,
            "vacancy": check.vacancy,
            "lines": selectors.rule_lines(check.checks),
            "pending": check.status == DraftCheck.Status.PENDING,
        },
    )


@require_POST
@candidate_required
def essay_replace(request: HttpRequest, application_id: int) -> HttpResponse:
    """A submitted essay that failed the notice's rules, replaced before the deadline."""
    application = application_get_for_candidate(application_id=application_id, user=request.user)
    form = EssayReplaceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Please choose the corrected essay to attach."))
    else:
        try:
            services.essay_replace(
                application=application,
                upload=form.cleaned_data["essay"],
                actor=request.user,
                now=arrived_at(request),  # the deadline is judged when the request arrived
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your essay has been replaced; its pages are being counted."))
    return redirect("applications:detail", application_id=application.pk)
