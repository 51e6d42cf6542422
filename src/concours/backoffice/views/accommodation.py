"""Requests for reasonable accommodation, for the recruiters in charge: read, open documents, decide.

Nothing here checks a role by itself: the selectors answer 404 to whoever is not in charge (panel
members, hiring managers, the appointing authority, candidates), so that the pages' very existence
is not given away.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from concours.accommodation import selectors, services
from concours.accommodation.forms import DecisionForm
from concours.core.errors import DomainError


@login_required
def accommodation_list(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy, requests = selectors.vacancy_requests(vacancy_id=vacancy_id, user=request.user)
    return render(request, "backoffice/accommodation_list.html", {"vacancy": vacancy, "requests": requests})


@login_required
def accommodation_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    user: Any = request.user
    asked = selectors.request_get_for_staff(request_id=request_id, user=user)
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        initial={
            "version": asked.version,
            "state": "" if asked.state == asked.State.REQUESTED else asked.state,
            "measures": asked.measures,
            "measures_note": asked.measures_note,
            "reason": asked.reason,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.accommodation_decide(
                request=asked,
                state=data["state"],
                measures=data["measures"],
                measures_note=data["measures_note"],
                reason=data["reason"],
                actor=user,
                expected_version=data["version"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("backoffice:accommodation", request_id=asked.pk)
    return render(
        request,
        "backoffice/accommodation_detail.html",
        {"asked": asked, "form": form, "may_decide": selectors.may_ask(asked.application)},
        status=400 if form.errors else 200,
    )


@login_required
def accommodation_document(request: HttpRequest, document_id: int) -> HttpResponseBase:
    """A supporting document, streamed from storage; each opening is recorded in the audit trail."""
    document = selectors.document_get_for_staff(document_id=document_id, user=request.user)
    return FileResponse(
        services.accommodation_document_open(document=document, actor=request.user),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
