"""Essay pages: a candidate checks a draft before applying; a panel member opens the anonymised copy."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from concours.applications.selectors import application_get_for_staff
from concours.candidates.selectors import profile_for_user
from concours.core.errors import DomainError
from concours.core.permissions import candidate_required, staff_required
from concours.essays import selectors, services
from concours.essays.forms import DraftCheckForm
from concours.essays.models import DraftCheck, Rendition
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
                data=upload.read(),
                file_name=upload.name or "",
                actor=user,
            )
        except DomainError as error:
            form.add_error("essay", error.message)
        else:
            return redirect("essays:result", check_id=check.pk)
    return render(request, "essays/draft_check.html", {"vacancy": vacancy, "form": form})


@candidate_required
def draft_check_result(request: HttpRequest, check_id: int) -> HttpResponse:
    check = selectors.draft_check_get_for(check_id=check_id, user=request.user)
    return render(
        request,
        "essays/draft_check_result.html",
        {
            "check": check,
            "vacancy": check.vacancy,
            "lines": selectors.rule_lines(check.checks),
            "pending": check.status == DraftCheck.Status.PENDING,
        },
    )


@staff_required
def rendition_pdf(request: HttpRequest, application_id: int) -> HttpResponseBase:
    """The anonymised essay, for whoever may see the application (panel members included)."""
    application = application_get_for_staff(application_id=application_id, user=request.user)
    rendition = Rendition.objects.filter(application=application).first()
    if rendition is None:
        # Not made yet (the worker is behind, or the demo skipped it): make it now.
        rendition = services.rendition_make(application_id=application.pk)
        if rendition is None:
            from django.http import Http404

            raise Http404
    return FileResponse(
        rendition.pdf.open("rb"), content_type="application/pdf", filename=f"{rendition.candidate_code}.pdf"
    )
