"""The assessment's figures and logistics: the chair's agreement and consensus, the merit ranking,
test results, slots, and a member's own schedule as a calendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accommodation.selectors import granted_measures
from concours.accounts.permissions import recruiter_required, staff_required
from concours.applications.models import Application
from concours.assessment import selectors, services
from concours.assessment.calendar import schedule_ics
from concours.assessment.forms import ResultForm, ResultsImportForm, SlotForm
from concours.assessment.models import PanelMember, Stage
from concours.assessment.scoring import stage_agreement, stage_ranking
from concours.core.errors import DomainError
from concours.core.uploads import upload_read


def _chair_stage(request: HttpRequest, stage_id: int) -> tuple[Stage, PanelMember]:
    stage, seat = selectors.stage_for(stage_id=stage_id, user=request.user)
    if seat is None or seat.role != PanelMember.Role.CHAIR or not stage.scored_by_panel:
        raise PermissionDenied
    return stage, seat


@staff_required
def assessment_agreement(request: HttpRequest, stage_id: int) -> HttpResponse:
    """For the chair only: scores side by side, the spread, alpha per criterion and overall (with what
    it means), and each member's mean deviation from the panel."""
    stage, _seat = _chair_stage(request, stage_id)
    found = stage_agreement(stage)
    lang = selectors.lang()
    figures = names = None
    members: list[tuple[str, Any]] = []
    if found is not None:
        figures, card = found
        names = {code: criterion.localized_name() for code, criterion in card.criteria.items()}
        seats = {str(m.pk): str(m.user) for m in selectors.panel_of(stage.vacancy)}
        members = [(seats.get(m.member, m.member), m) for m in figures.members]
    return render(
        request,
        "backoffice/assessment_agreement.html",
        {
            "stage": stage,
            "figures": figures,
            "overall_meaning": figures.overall.meaning(lang) if figures else "",
            "by_criterion": [
                (names[c.criterion] if names else c.criterion, c.alpha, c.alpha.meaning(lang))
                for c in figures.by_criterion
            ]
            if figures
            else [],
            "members": members,
            "candidates": selectors.side_by_side(stage=stage, user=request.user),
            "conflicts": selectors.conflicts_of(stage.vacancy),
            "short": selectors.short_of_scorers(
                stage=stage, user=request.user, minimum=settings.CONCOURS_MIN_SCORERS
            ),
            "minimum": settings.CONCOURS_MIN_SCORERS,
        },
    )


@staff_required
def assessment_consensus(request: HttpRequest, stage_id: int, application_id: int) -> HttpResponse:
    """For the chair: the agreed score per criterion, with a reason where it is not the members' mean."""
    user: Any = request.user
    stage, _seat = _chair_stage(request, stage_id)
    rows = [
        row for row in selectors.side_by_side(stage=stage, user=user) if row.application_id == application_id
    ]
    if not rows:
        raise Http404
    row = rows[0]
    errors = []
    if request.method == "POST":
        values: dict[int, tuple[int, str]] = {}
        for criterion, *_rest in row.rows:
            raw = request.POST.get(f"value_{criterion.pk}", "")
            if raw.isdigit():
                values[criterion.pk] = (int(raw), request.POST.get(f"reason_{criterion.pk}", ""))
        try:
            services.consensus_record(
                stage=stage, application=Application.objects.get(pk=application_id), values=values, actor=user
            )
        except DomainError as error:
            errors.append(error.message)
        else:
            messages.success(request, _("The consensus was recorded."))
            return redirect("backoffice:assessment_agreement", stage_id=stage.pk)
    return render(
        request,
        "backoffice/assessment_consensus.html",
        {"stage": stage, "row": row, "points": stage.points, "errors": errors},
        status=400 if errors else 200,
    )


@staff_required
def assessment_ranking(request: HttpRequest, stage_id: int) -> HttpResponse:
    """The merit ranking of a stage: recruiters confirm who goes on; the chair reads it."""
    user: Any = request.user
    stage, seat = selectors.stage_for(stage_id=stage_id, user=user)
    recruiter = selectors.is_recruiter(user)
    if not recruiter and (seat is None or seat.role != PanelMember.Role.CHAIR):
        raise PermissionDenied
    ranking = stage_ranking(stage, lang=selectors.lang())
    if request.method == "POST":
        if not recruiter:
            raise PermissionDenied
        chosen = set(request.POST.getlist("pass"))
        passing = [
            (row.application_id, row.rank, row.tied)
            for row in (ranking.rows if ranking else [])
            if str(row.application_id) in chosen and row.at_stage
        ]
        try:
            moved = services.ranking_confirm(
                stage=stage, passing=passing, rule=ranking.rule_text if ranking else "", actor=user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(count)d application(s) moved to “%(state)s”.")
                % {"count": len(moved), "state": Application.Status(stage.advances_to).label},
            )
            return redirect("backoffice:assessment_ranking", stage_id=stage.pk)
    return render(
        request,
        "backoffice/assessment_ranking.html",
        {"stage": stage, "ranking": ranking, "recruiter": recruiter},
    )


@recruiter_required
def assessment_results(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Test results: a CSV import, refused whole with an error per row."""
    vacancy, _seat = selectors.vacancy_for_assessment(vacancy_id=vacancy_id, user=request.user)
    typed = "typed" in request.POST
    form = ResultsImportForm(
        None if typed else (request.POST or None), None if typed else (request.FILES or None)
    )
    result_form = ResultForm(request.POST if typed else None)
    errors: list[Any] = []
    refused = ""
    if typed and result_form.is_valid():
        typed_in = result_form.cleaned_data
        application = selectors.application_by_code(vacancy=vacancy, code=typed_in["code"])
        if application is None:
            result_form.add_error("code", _("No application of this vacancy has this code."))
        else:
            try:
                services.test_result_record(
                    application=application,
                    test=typed_in["test"],
                    score=typed_in["score"],
                    maximum=typed_in["maximum"],
                    taken_on=typed_in["taken_on"],
                    actor=request.user,
                )
            except DomainError as error:
                result_form.add_error(None, error.message)
            else:
                messages.success(request, _("The result was recorded."))
                return redirect("backoffice:assessment_results", vacancy_id=vacancy.pk)
    elif request.method == "POST" and not typed and form.is_valid():
        try:
            data = upload_read(form.cleaned_data["file"], what=_("results"))
            report = services.test_results_import(vacancy=vacancy, data=data, actor=request.user)
        except services.ImportRefused as error:
            refused, errors = error.message, error.errors
        except DomainError as error:
            refused = error.message
        else:
            messages.success(
                request,
                _("Imported: %(created)d new, %(changed)d changed, %(unchanged)d already recorded.")
                % {"created": report.created, "changed": report.changed, "unchanged": report.unchanged},
            )
            return redirect("backoffice:assessment_results", vacancy_id=vacancy.pk)
    return render(
        request,
        "backoffice/assessment_results.html",
        {
            "vacancy": vacancy,
            "form": form,
            "result_form": result_form,
            "errors": errors,
            "refused": refused,
            "results": selectors.test_results_of(vacancy),
        },
        status=400 if refused or result_form.errors else 200,
    )


@recruiter_required
def assessment_slots(request: HttpRequest, stage_id: int) -> HttpResponse:
    """A recruiter opens slots (at the place's local time) and invites the stage's candidates to book."""
    user: Any = request.user
    stage, _seat = selectors.stage_for(stage_id=stage_id, user=user)
    if not stage.has_slots:
        raise PermissionDenied
    form = SlotForm(request.POST or None if "open" in request.POST else None)
    if request.method == "POST" and "invite" in request.POST:
        chosen = [int(v) for v in request.POST.getlist("invite_id") if v.isdigit()]
        try:
            made = services.candidates_invite(
                stage=stage,
                applications=list(
                    Application.objects.filter(pk__in=chosen, vacancy=stage.vacancy).select_related(
                        "candidate__user"
                    )
                ),
                actor=user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(count)d candidate(s) invited by mail.") % {"count": len(made)})
            return redirect("backoffice:assessment_slots", stage_id=stage.pk)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.slot_open(
                stage=stage,
                local_start=dt.datetime.combine(data["date"], data["time"]),
                minutes=data["minutes"],
                place=data["place"],
                video_link=data["video_link"],
                capacity=data["capacity"],
                actor=user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Slot opened."))
            return redirect("backoffice:assessment_slots", stage_id=stage.pk)
    invited = {i.application_id: i for i in stage.invitations.select_related("slot")}
    candidates = list(Application.objects.filter(vacancy=stage.vacancy, status=stage.entry_status).only("id"))
    # The measures granted for this stage (never the request or its documents): HR arranges them.
    measures = granted_measures([a.pk for a in candidates], stage_key=stage.key)
    return render(
        request,
        "backoffice/assessment_slots.html",
        {
            "stage": stage,
            "form": form,
            "slots": selectors.slots_of(stage),
            "candidates": [
                (a.pk, a.candidate_code, invited.get(a.pk), measures.get(a.pk)) for a in candidates
            ],
        },
    )


@staff_required
def assessment_schedule_ics(request: HttpRequest) -> HttpResponse:
    """The member's own schedule: every slot of the stages where they sit on the panel."""
    rows = selectors.member_schedule(user=request.user)
    response = HttpResponse(
        schedule_ics(rows, now=timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-schedule.ics"'
    return response
