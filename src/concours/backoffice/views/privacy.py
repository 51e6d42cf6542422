"""Candidates' erasure requests, which HR confirms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.accounts.permissions import recruiter_required
from concours.core.errors import DomainError
from concours.privacy import selectors, services
from concours.privacy.models import ErasureRequest


@recruiter_required
def erasure_list(request: HttpRequest) -> HttpResponse:
    """Requests waiting for HR first, each with the applications a running competition still keeps."""
    rows = [
        (erasure, selectors.applications_kept(user=erasure.user) if erasure.status != "done" else [])
        for erasure in selectors.erasure_request_list(viewer=request.user)
    ]
    return render(request, "backoffice/erasure_list.html", {"rows": rows})


@recruiter_required
@require_POST
def erasure_confirm(request: HttpRequest, request_id: int) -> HttpResponse:
    user: Any = request.user
    erasure = selectors.erasure_request_get_for_staff(request_id=request_id, user=user)
    try:
        erasure = services.erasure_confirm(erasure=erasure, actor=user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if erasure.status == ErasureRequest.Status.DONE:
            messages.success(
                request,
                _("The candidate's data has been erased; they are now %(pseudonym)s.")
                % {"pseudonym": erasure.pseudonym},
            )
        else:
            messages.success(
                request,
                _(
                    "Confirmed. What no running competition holds has been erased; the rest, and the "
                    "account, will be erased when those competitions close."
                ),
            )
    return redirect("backoffice:erasures")
