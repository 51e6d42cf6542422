"""The candidate asks for reasonable accommodation, sends supporting documents and sees the decision.

Signed-in users who are not the application's candidate (staff included) get 404, as for another
candidate's application: these pages do not tell anyone else that a request exists.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from concours.accommodation import selectors, services
from concours.accommodation.forms import DocumentsForm, RequestForm
from concours.applications.selectors import application_get_for_candidate
from concours.assessment.selectors import stages_of
from concours.core.errors import DomainError


@login_required
def accommodation_request(request: HttpRequest, application_id: int) -> HttpResponse:
    """One page: the form to ask while there is no request, then the request, its documents (more can
    be added until it is decided) and the decision."""
    user: Any = request.user
    application = application_get_for_candidate(application_id=application_id, user=user)
    asked = selectors.request_for_application(application=application)
    may_ask = selectors.may_ask(application)
    stages = [(stage.key, stage.localized_name()) for stage in stages_of(application.vacancy)]
    posted = request.method == "POST"
    form = RequestForm(
        request.POST if posted and "ask" in request.POST else None,
        request.FILES if posted and "ask" in request.POST else None,
        stages=stages,
    )
    documents_form = DocumentsForm(
        request.POST if posted and "add" in request.POST else None,
        request.FILES if posted and "add" in request.POST else None,
    )
    if posted and "ask" in request.POST and asked is None and form.is_valid():
        stage_key = form.cleaned_data["stage"]
        try:
            services.accommodation_request(
                application=application,
                needs=form.cleaned_data["needs"],
                stage_key=stage_key,
                stage_name=dict(stages).get(stage_key, ""),
                documents=form.cleaned_data["documents"],
                actor=user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your request has been sent to the recruiters in charge."))
            return redirect("applications:accommodation", application_id=application.pk)
    elif posted and "add" in request.POST and asked is not None and documents_form.is_valid():
        try:
            services.accommodation_documents_add(
                request=asked, documents=documents_form.cleaned_data["documents"], actor=user
            )
        except DomainError as error:
            documents_form.add_error(None, error.message)
        else:
            messages.success(request, _("Your documents have been added to your request."))
            return redirect("applications:accommodation", application_id=application.pk)
    refused = posted and (bool(form.errors) or bool(documents_form.errors))
    return render(
        request,
        "portal/accommodation_request.html",
        {
            "application": application,
            "asked": asked,
            "may_ask": may_ask,
            "form": form,
            "documents_form": documents_form,
        },
        status=400 if refused else 200,
    )


@login_required
def accommodation_document(request: HttpRequest, application_id: int, document_id: int) -> HttpResponseBase:
    """One of the candidate's own supporting documents (its opening is recorded like any other)."""
    document = selectors.document_get_for_candidate(document_id=document_id, user=request.user)
    if document.request.application_id != application_id:
        raise Http404
    return FileResponse(
        services.accommodation_document_open(document=document, actor=request.user),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
