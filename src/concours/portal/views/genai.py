"""Questions a recruiter asked the candidate about their essay, and the candidate's answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concours.accounts.permissions import candidate_required
from concours.core.errors import DomainError
from concours.genai import selectors, services
from concours.genai.forms import ExplanationAnswerForm
from concours.genai.models import ExplanationRequest


@candidate_required
@require_http_methods(["GET", "POST"])
def explanation_list(request: HttpRequest, application_id: int) -> HttpResponse:
    """The candidate's own application only; another's is answered as if it did not exist (404)."""
    user: Any = request.user
    application, requests = selectors.explanations_for_candidate(application_id=application_id, user=user)
    failed: ExplanationAnswerForm | None = None
    if request.method == "POST":
        form = ExplanationAnswerForm(request.POST)
        if form.is_valid():
            asked = selectors.explanation_get_for_candidate(
                request_id=form.cleaned_data["request"], application=application
            )
            try:
                services.explanation_answer(request=asked, answer=form.cleaned_data["answer"], actor=user)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your answer is kept with your application."))
                return redirect("applications:explanations", application_id=application.pk)
        else:
            failed = form
    items: list[tuple[ExplanationRequest, ExplanationAnswerForm | None]] = []
    for asked in requests:
        answer_form: ExplanationAnswerForm | None = None
        if not asked.answered:
            # The form that failed keeps what the candidate typed, beside its own question.
            answer_form = (
                failed
                if failed is not None and failed.data.get("request") == str(asked.pk)
                else ExplanationAnswerForm(initial={"request": asked.pk})
            )
        items.append((asked, answer_form))
    status = 400 if failed is not None else 200
    return render(
        request, "portal/genai_explain.html", {"application": application, "items": items}, status=status
    )
