"""The assessment, for recruiters and panels: the plan, the panel, declarations and scorecards.

Panel members read candidates as `BlindApplication` values only (through concours.assessment.selectors);
a member who declared a conflict with a candidate gets 404 on that candidate's pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.accounts.models import User
from concours.accounts.permissions import recruiter_required, staff_required
from concours.applications.models import Application
from concours.assessment import selectors, services
from concours.assessment.forms import CriterionForm, PanelMemberForm, StageForm
from concours.assessment.models import Criterion, PanelMember, Stage
from concours.assessment.plans import KIND_HELP
from concours.core.errors import DomainError


def _recruiter_only(user: Any) -> None:
    if not selectors.is_recruiter(user):
        raise PermissionDenied


@staff_required
def assessment_home(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """The vacancy's plan and panel; for a member, their declarations and the stages they score."""
    user: Any = request.user
    vacancy, seat = selectors.vacancy_for_assessment(vacancy_id=vacancy_id, user=user)
    return render(
        request,
        "backoffice/assessment_home.html",
        {
            "vacancy": vacancy,
            "seat": seat,
            "stages": selectors.stages_of(vacancy),
            "panel": selectors.panel_of(vacancy),
            "recruiter": selectors.is_recruiter(user),
            "pending": len(selectors.undeclared(seat=seat, user=user)) if seat else 0,
            "schedule": selectors.schedule_of(vacancy=vacancy, user=user) if seat else [],
            "kind_help": KIND_HELP,
            "stage_form": StageForm(
                initial={"kind": "interview", "scorers": "panel", "pass_rule": "panel_decision"}
            ),
        },
    )


@require_POST
@recruiter_required
def assessment_plan_create(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy, _seat = selectors.vacancy_for_assessment(vacancy_id=vacancy_id, user=request.user)
    try:
        services.stage_plan_create(vacancy=vacancy, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The default plan was copied to this vacancy; adapt it as needed."))
    return redirect("backoffice:assessment", vacancy_id=vacancy.pk)


@require_POST
@recruiter_required
def assessment_stage_add(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy, _seat = selectors.vacancy_for_assessment(vacancy_id=vacancy_id, user=request.user)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.stage_add(vacancy=vacancy, values=form.cleaned_data, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Stage added at the end of the plan."))
    else:
        messages.error(request, _("The stage was not added: %(errors)s") % {"errors": _form_errors(form)})
    return redirect("backoffice:assessment", vacancy_id=vacancy.pk)


def _form_errors(form: Any) -> str:
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
        for f, e in form.errors.items()
    )


@recruiter_required
def assessment_stage(request: HttpRequest, stage_id: int) -> HttpResponse:
    """A recruiter edits one stage: names, kind, blindness, scorers, pass rule, date, place, criteria."""
    stage, _seat = selectors.stage_for(stage_id=stage_id, user=request.user)
    form = StageForm(request.POST or None, instance=Stage.objects.get(pk=stage.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_update(stage=stage, values=form.cleaned_data, actor=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Stage saved."))
            return redirect("backoffice:assessment_stage", stage_id=stage.pk)
    return _stage_page(
        request, stage, form, CriterionForm(stage=stage), status=400 if request.method == "POST" else 200
    )


def _stage_page(
    request: HttpRequest, stage: Stage, form: Any, criterion_form: CriterionForm, *, status: int
) -> HttpResponse:
    return render(
        request,
        "backoffice/assessment_stage.html",
        {"stage": stage, "form": form, "criterion_form": criterion_form, "criteria": stage.criteria.all()},
        status=status,
    )


@require_POST
@recruiter_required
def assessment_stage_move(request: HttpRequest, stage_id: int) -> HttpResponse:
    stage, _seat = selectors.stage_for(stage_id=stage_id, user=request.user)
    services.stage_move(stage=stage, up=request.POST.get("direction") == "up", actor=request.user)
    return redirect("backoffice:assessment", vacancy_id=stage.vacancy_id)


@require_POST
@recruiter_required
def assessment_stage_remove(request: HttpRequest, stage_id: int) -> HttpResponse:
    stage, _seat = selectors.stage_for(stage_id=stage_id, user=request.user)
    try:
        services.stage_remove(stage=stage, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Stage removed."))
    return redirect("backoffice:assessment", vacancy_id=stage.vacancy_id)


@require_POST
@recruiter_required
def assessment_criterion_add(request: HttpRequest, stage_id: int) -> HttpResponse:
    """A technical criterion with its weight and, optionally, its own behavioural anchors (EN/FR, one
    line per point of the stage's scale). A refusal shows the stage again with what was typed."""
    stage, _seat = selectors.stage_for(stage_id=stage_id, user=request.user)
    form = CriterionForm(request.POST, stage=stage)
    if form.is_valid():
        try:
            services.criterion_add(
                stage=stage,
                name=form.cleaned_data["name"],
                name_fr=form.cleaned_data["name_fr"],
                weight=form.cleaned_data["weight"],
                anchors_en=form.cleaned_data["anchors_en"],
                anchors_fr=form.cleaned_data["anchors_fr"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Criterion added."))
            return redirect("backoffice:assessment_stage", stage_id=stage.pk)
    stage_form = StageForm(instance=Stage.objects.get(pk=stage.pk))
    return _stage_page(request, stage, stage_form, form, status=400)


@require_POST
@recruiter_required
def assessment_criterion_remove(request: HttpRequest, criterion_id: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    stage, _seat = selectors.stage_for(stage_id=criterion.stage_id, user=request.user)
    try:
        services.criterion_remove(criterion=criterion, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("backoffice:assessment_stage", stage_id=stage.pk)


@recruiter_required
def assessment_panel(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """A recruiter seats members on the panel (each is invited by mail) and reads declared conflicts."""
    vacancy, _seat = selectors.vacancy_for_assessment(vacancy_id=vacancy_id, user=request.user)
    form = PanelMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(email__iexact=form.cleaned_data["email"], is_staff=True).first()
        if user is None:
            form.add_error("email", _("No staff member has this address."))
        else:
            try:
                services.panel_member_add(
                    vacancy=vacancy, user=user, role=form.cleaned_data["role"], actor=request.user
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("%(who)s is on the panel and was invited by mail.") % {"who": user}
                )
                return redirect("backoffice:assessment_panel", vacancy_id=vacancy.pk)
    return render(
        request,
        "backoffice/assessment_panel.html",
        {
            "vacancy": vacancy,
            "panel": selectors.panel_of(vacancy),
            "form": form,
            "conflicts": selectors.conflicts_of(vacancy),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@recruiter_required
def assessment_panel_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(PanelMember, pk=member_id)
    vacancy, _seat = selectors.vacancy_for_assessment(vacancy_id=member.vacancy_id, user=request.user)
    try:
        services.panel_member_remove(member=member, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("backoffice:assessment_panel", vacancy_id=vacancy.pk)


def _seat_or_404(seat: PanelMember | None) -> PanelMember:
    if seat is None:
        raise PermissionDenied
    return seat


@staff_required
def assessment_declare(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """A member declares, per candidate, no conflict of interest or a conflict with its reason."""
    user: Any = request.user
    vacancy, seat = selectors.vacancy_for_assessment(vacancy_id=vacancy_id, user=user)
    seat = _seat_or_404(seat)
    pending = selectors.undeclared(seat=seat, user=user)
    errors = []
    if request.method == "POST":
        answers = {}
        for item in pending:
            choice = request.POST.get(f"conflict_{item.id}", "")
            if choice not in {"no", "yes"}:
                continue
            answers[item.id] = (choice == "yes", request.POST.get(f"reason_{item.id}", ""))
        if not answers:
            errors.append(_("Choose an answer for at least one candidate."))
        else:
            try:
                services.declarations_record(member=seat, answers=answers, actor=user)
            except DomainError as error:
                errors.append(error.message)
            else:
                messages.success(request, _("Your declarations were recorded."))
                return redirect("backoffice:assessment_declare", vacancy_id=vacancy.pk)
    return render(
        request,
        "backoffice/assessment_declare.html",
        {
            "vacancy": vacancy,
            "seat": seat,
            "pending": pending,
            "declared": selectors.declarations_of(seat),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def _scoring_stage(request: HttpRequest, stage_id: int) -> tuple[Stage, PanelMember]:
    stage, seat = selectors.stage_for(stage_id=stage_id, user=request.user)
    seat = _seat_or_404(seat)
    if not stage.scored_by_panel:
        raise PermissionDenied
    return stage, seat


@staff_required
def assessment_candidates(request: HttpRequest, stage_id: int) -> HttpResponse:
    """The candidates a member scores at a stage, by code, with the state of their own scorecards."""
    user: Any = request.user
    stage, seat = _scoring_stage(request, stage_id)
    pending = selectors.undeclared(seat=seat, user=user)
    return render(
        request,
        "backoffice/assessment_candidates.html",
        {
            "stage": stage,
            "seat": seat,
            "pending": pending,
            "candidates": selectors.stage_candidates_for_member(stage=stage, user=user, seat=seat),
        },
    )


@staff_required
def assessment_scorecard(request: HttpRequest, stage_id: int, application_id: int) -> HttpResponse:
    """A member's scorecard for one candidate: draft, submit, or change after submitting with a reason."""
    user: Any = request.user
    stage, seat = _scoring_stage(request, stage_id)
    view = selectors.scorecard_view(stage=stage, seat=seat, application_id=application_id, user=user)
    errors = []
    if request.method == "POST":
        values: dict[int, tuple[int | None, str]] = {}
        for line in view.lines:
            raw = request.POST.get(f"value_{line.id}", "")
            values[line.id] = (
                int(raw) if raw.lstrip("-").isdigit() else None,
                request.POST.get(f"comment_{line.id}", ""),
            )
        try:
            services.scorecard_save(
                stage=stage,
                member=seat,
                application=Application.objects.get(pk=application_id),
                values=values,
                submit="submit" in request.POST,
                actor=user,
                reason=request.POST.get("reason", ""),
            )
        except DomainError as error:
            errors.append(error.message)
        else:
            messages.success(request, _("Your scores were saved."))
            return redirect(
                "backoffice:assessment_scorecard", stage_id=stage.pk, application_id=application_id
            )
    return render(
        request,
        "backoffice/assessment_scorecard.html",
        {"stage": stage, "seat": seat, "view": view, "errors": errors, "points": stage.points},
        status=400 if errors else 200,
    )


@staff_required
def assessment_scores_json(request: HttpRequest, stage_id: int, application_id: int) -> HttpResponseBase:
    """The member's scores for a candidate as JSON; the others' only once the member has submitted."""
    stage, seat = _scoring_stage(request, stage_id)
    return JsonResponse(
        selectors.scores_json(stage=stage, seat=seat, application_id=application_id, user=request.user)
    )
