"""The back office per vacancy: recruiters see and move applications; panels see them blind.

Recruiters and administrators get the application itself. Panel members and hiring managers get only
`BlindApplication` values from `applications.blind`, rendered by templates of their own: those pages
cannot show a name because they are never given one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from concours.accounts.permissions import recruiter_required, sees_identities, staff_required
from concours.applications import selectors, services
from concours.applications.blind import blind_application_get, blind_application_list
from concours.applications.forms import (
    ApplicationSearchForm,
    BulkMoveForm,
    StatusFilterForm,
    TransitionForm,
)
from concours.applications.models import Application
from concours.applications.workflow import recruiter_targets, recruiter_targets_from_any
from concours.assessment.selectors import assessment_admits
from concours.backoffice.export import csv_stream
from concours.backoffice.views.claims import claims_context
from concours.backoffice.views.genai import genai_context
from concours.core.errors import Conflict, DomainError
from concours.essays import selectors as essay_selectors
from concours.essays import tasks as essay_tasks
from concours.screening.forms import DecisionForm, VerdictFilterForm
from concours.screening.selectors import (
    applications_export_rows,
    applications_with_verdicts,
    check_lines,
    verdict_for,
)
from concours.vacancies.models import Vacancy
from concours.vacancies.selectors import vacancy_get_for_staff


@staff_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    vacancies = selectors.vacancy_list_with_counts(user=request.user)
    return render(request, "backoffice/vacancy_list.html", {"vacancies": vacancies})


@staff_required
def vacancy_applications(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    user: Any = request.user
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
    if not sees_identities(user):
        blind = Paginator(blind_application_list(vacancy=vacancy, user=user), 50)
        return render(
            request,
            "backoffice/blind_vacancy_applications.html",
            {
                "vacancy": vacancy,
                "page": blind.get_page(request.GET.get("page")),
                # A hiring manager off the panel sees the candidates but not the assessment.
                "assessment_link": assessment_admits(vacancy=vacancy, user=user),
            },
        )
    listing = _RecruiterListing(request, vacancy)
    counts = selectors.status_counts(vacancy=vacancy)
    states = [(choice, counts.get(choice.value, 0)) for choice in Application.Status if choice != "draft"]
    listed = essay_selectors.with_essay_status(listing.applications())  # essays that fail are flagged
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/vacancy_applications.html",
        {
            "vacancy": vacancy,
            "page": page,
            "filters": listing.filters,
            "states": states,
            "status": listing.status,
            "verdict_filter": listing.verdict_filter,
            "eligible": listing.eligible,
            "search": listing.search,
            "query": listing.query,
            "sort": listing.sort,
            "bulk_form": BulkMoveForm(targets=recruiter_targets_from_any()),
        },
    )


class _RecruiterListing:
    """A recruiter's list of a vacancy's applications as the query string asks: by state, eligibility,
    the candidate's name, in an order. The page, the bulk move's return and the CSV export share it."""

    def __init__(self, request: HttpRequest, vacancy: Vacancy) -> None:
        self.vacancy = vacancy
        self.filters = StatusFilterForm(request.GET or None)
        self.verdict_filter = VerdictFilterForm(request.GET or None)
        self.search = ApplicationSearchForm(request.GET or None)
        self.status = self.filters.cleaned_data["status"] if self.filters.is_valid() else ""
        self.eligible = self.verdict_filter.cleaned_data["eligible"] if self.verdict_filter.is_valid() else ""
        searched = self.search.cleaned_data if self.search.is_valid() else {}
        self.query = searched.get("q") or ""
        self.sort = searched.get("sort") or "name"

    def applications(self) -> Any:
        listed = applications_with_verdicts(vacancy=self.vacancy, eligible=self.eligible)
        if self.status:
            listed = listed.filter(status=self.status)
        return selectors.applications_searched(listed, query=self.query, sort=self.sort)


@require_POST
@recruiter_required
def applications_bulk_move(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Move the ticked applications with one reason; each move is made or refused on its own, and the
    page says which were refused and why."""
    user: Any = request.user
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
    form = BulkMoveForm(request.POST, targets=recruiter_targets_from_any())
    back = redirect(f"{reverse('backoffice:vacancy', args=[vacancy.pk])}?{request.GET.urlencode()}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return back
    seen = form.moves()
    found = {a.pk: a for a in applications_with_verdicts(vacancy=vacancy).filter(pk__in=list(seen))}
    outcome = services.applications_move(
        moves=[(found[pk], state) for pk, state in seen.items() if pk in found],
        to=form.cleaned_data["to"],
        reason=form.cleaned_data["reason"],
        actor=user,
    )
    state = Application.Status(form.cleaned_data["to"]).label
    if outcome.moved:
        messages.success(
            request,
            ngettext(
                "%(count)d application moved to “%(state)s”.",
                "%(count)d applications moved to “%(state)s”.",
                len(outcome.moved),
            )
            % {"count": len(outcome.moved), "state": state},
        )
    for refused in outcome.refused:
        messages.error(
            request,
            _("Not moved: %(name)s. %(reason)s")
            % {"name": refused.application.candidate.name, "reason": refused.message},
        )
    return back


@recruiter_required
def applications_export(request: HttpRequest, vacancy_id: int) -> StreamingHttpResponse:
    """The list as the page shows it (every page of it), as CSV, streamed row by row. Recruiters only;
    each export is in the audit trail, since it takes candidates' personal data out of Concours."""
    user: Any = request.user
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
    listing = _RecruiterListing(request, vacancy)
    services.applications_exported(
        vacancy=vacancy,
        actor=user,
        filters={
            "status": listing.status,
            "eligible": listing.eligible,
            "q": listing.query,
            "sort": listing.sort,
        },
    )
    header, rows = applications_export_rows(listing.applications())
    name = slugify(vacancy.reference or str(vacancy.pk))
    return StreamingHttpResponse(
        csv_stream(header, rows),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="applications-{name}.csv"'},
    )


@staff_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    user: Any = request.user
    if not sees_identities(user):
        blind = blind_application_get(application_id=application_id, user=user)
        return render(request, "backoffice/blind_application_detail.html", {"application": blind})
    application = selectors.application_get_for_staff(application_id=application_id, user=user)
    return render(
        request,
        "backoffice/application_detail.html",
        _detail_context(application, _move_form(application), viewer=user),
    )


def _move_form(application: Application, reason: str = "") -> TransitionForm | None:
    """The move form for the application's state as the recruiter sees it now."""
    targets = recruiter_targets(application.status)
    if not targets:
        return None
    return TransitionForm(targets=targets, initial={"seen_status": application.status, "reason": reason})


def _detail_context(
    application: Application, form: TransitionForm | None, viewer: Any = None
) -> dict[str, Any]:
    verdict = verdict_for(application=application)
    return {
        "application": application,
        "profile": selectors.profile_as_submitted(application),
        "form": form,
        "verdict": verdict,
        "check_lines": check_lines(verdict.checks, voice="staff") if verdict else [],
        "decision_form": DecisionForm(
            initial={"eligible": verdict.final, "seen": verdict.revision} if verdict else None
        ),
        **claims_context(application),  # claims beside the posts, and answers: this page only, never blind
        **genai_context(application, viewer),  # the advisory signal: recruiters only, each display audited
    }


@require_POST
@recruiter_required
def application_move(request: HttpRequest, application_id: int) -> HttpResponse:
    user: Any = request.user
    application = selectors.application_get_for_staff(application_id=application_id, user=user)
    # The choices are those of the state the recruiter saw; the service refuses if it is no longer so.
    seen = request.POST.get("seen_status", "")
    form = TransitionForm(
        request.POST,
        targets=recruiter_targets(seen if seen in Application.Status.values else application.status),
    )
    if form.is_valid():
        try:
            services.application_transition(
                application=application,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                actor=user,
                expected_status=form.cleaned_data["seen_status"],
            )
        except Conflict as error:
            # Show the application as it is now, keeping the recruiter's reason for another try.
            messages.error(request, error.message)
            application = selectors.application_get_for_staff(application_id=application_id, user=user)
            context = _detail_context(
                application, _move_form(application, form.cleaned_data["reason"]), viewer=user
            )
            return render(request, "backoffice/application_detail.html", context, status=409)
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
        "backoffice/application_detail.html",
        _detail_context(application, form, viewer=user),
        status=400,
    )


@recruiter_required
def attachment_download(request: HttpRequest, application_id: int, kind: str) -> HttpResponseBase:
    """The original CV or essay, for the recruiters of the vacancy only."""
    attachment = selectors.attachment_get_for_staff(
        application_id=application_id, kind=kind, user=request.user
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@staff_required
def essay_pdf(request: HttpRequest, application_id: int) -> HttpResponseBase:
    """The anonymised essay: panels open it through the blind view, recruiters through the application."""
    user: Any = request.user
    if sees_identities(user):
        application_id = selectors.application_get_for_staff(application_id=application_id, user=user).pk
    else:
        application_id = blind_application_get(application_id=application_id, user=user).id
    rendition = essay_selectors.rendition_for(application_id=application_id)
    if rendition is None:
        if not essay_selectors.essay_exists(application_id=application_id):
            raise Http404
        # Not made yet (the worker is behind, or the demo held it back): a worker makes it, never this
        # request. (With the immediate backend of the demo and the tests, that worker is this process.)
        essay_tasks.rendition_make.enqueue(application_id)
        rendition = essay_selectors.rendition_for(application_id=application_id)
    if rendition is None:
        pending = render(request, "backoffice/essay_pending.html", status=503)
        pending["Retry-After"] = "30"
        return pending
    return FileResponse(
        rendition.pdf.open("rb"), content_type="application/pdf", filename=f"{rendition.candidate_code}.pdf"
    )
