"""The candidate's data rights: download everything held about them, ask for its erasure."""

from __future__ import annotations

import tempfile
from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.accounts.permissions import candidate_required
from concours.core.errors import DomainError
from concours.privacy import export, selectors, services
from concours.privacy.forms import ErasureRequestForm


@candidate_required
def privacy_home(request: HttpRequest, form: ErasureRequestForm | None = None) -> HttpResponse:
    user: Any = request.user
    return render(
        request,
        "portal/privacy.html",
        {
            "erasure": selectors.erasure_request_for(user=user),
            "kept": selectors.applications_kept(user=user),
            "form": form or ErasureRequestForm(),
        },
        status=400 if form is not None else 200,
    )


@candidate_required
@require_POST
def personal_data_download(request: HttpRequest) -> HttpResponseBase:
    """A zip of the JSON and every file, built in a temporary file (on disk past a few MB)."""
    user: Any = request.user
    personal = selectors.personal_data_for(user=user)
    archive = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    export.write_zip(personal, archive)
    archive.seek(0)
    services.personal_data_exported(
        user=user, actor=user, applications=len(personal.data["applications"]), files=len(personal.files)
    )
    return FileResponse(
        archive,
        as_attachment=True,
        filename=f"concours-personal-data-{timezone.localdate():%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@candidate_required
@require_POST
def erasure_request(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    form = ErasureRequestForm(request.POST)
    if not form.is_valid():
        return privacy_home(request, form=form)
    try:
        services.erasure_request(user=user, actor=user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your request has been sent. HR will confirm it; you will then no longer be able to sign in."),
        )
    return redirect("privacy:home")
