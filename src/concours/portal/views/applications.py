"""The candidate's side: apply, follow, withdraw."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concours.accounts.models import Role
from concours.accounts.permissions import View, candidate_required
from concours.applications import selectors, services
from concours.applications.claim_forms import ClaimsForm
from concours.applications.claims import (
    experience_requirements,
    kept_answers,
    kept_claims,
    preselected_posts,
    questions_for,
)
from concours.applications.forms import ApplyForm, WithdrawForm
from concours.applications.models import Application
from concours.applications.workflow import allowed_targets
from concours.candidates.selectors import profile_as_contract, profile_for_user, profile_missing_parts
from concours.core.errors import DomainError
from concours.core.middleware import arrived_at
from concours.portal.timeline import application_timeline
from concours.screening.selectors import eligibility_gaps
from concours.vacancies.selectors import vacancy_get_published


def for_candidates(view: View) -> View:
    """Like `candidate_required`, but staff who follow a link to apply are told that applications are
    made from a candidate's account, on a page of their own rather than a bare 403."""
    guarded = candidate_required(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user: Any = request.user
        if user.is_authenticated and not (user.is_superuser or user.has_role(Role.CANDIDATE)):
            return render(request, "portal/candidates_only.html", status=403)
        return guarded(request, *args, **kwargs)

    return wrapped


@for_candidates
def application_apply(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    user: Any = request.user
    vacancy = vacancy_get_published(vacancy_id=vacancy_id, with_posts=False)  # the page lists none
    existing = selectors.application_for_vacancy(candidate_user=user, vacancy=vacancy)
    if existing is not None and existing.status not in {
        Application.Status.DRAFT,
        Application.Status.WITHDRAWN,
    }:
        messages.info(request, _("You have already applied to this vacancy."))
        return redirect("applications:detail", application_id=existing.pk)
    draft = existing if existing is not None and existing.status == Application.Status.DRAFT else None
    profile = profile_for_user(user=user)
    if profile is None:
        messages.info(request, _("Please complete your profile before applying."))
        return redirect(f"{reverse('candidates:profile')}?next={request.path}")
    # The posts once, for the claims' form and, when the page is shown, for what it says of the profile.
    prefetch_related_objects([profile], "experience")
    is_open = vacancy.is_open_at(timezone.now())
    kept = {attachment.kind: attachment for attachment in draft.attachments.all()} if draft else {}
    saving_draft = "save_draft" in request.POST
    form = ApplyForm(
        request.POST or None,
        request.FILES or None,
        essay_asked=bool(vacancy.essay_rules),
        kept=frozenset(kept),
        draft=saving_draft,
    )
    claims_form = _claims_form(request, vacancy=vacancy, profile=profile, draft=draft, saving=saving_draft)
    # A closed vacancy shows no form. What is posted still goes to the service, which judges the deadline
    # at the instant the request arrived (a long upload does not count against the candidate).
    files_valid = form.is_valid() if request.method == "POST" else False
    if request.method == "POST" and claims_form.is_valid() and files_valid:
        try:
            if saving_draft:
                services.application_draft_save(
                    candidate=profile,
                    vacancy=vacancy,
                    cv=form.cleaned_data.get("cv"),
                    essay=form.cleaned_data.get("essay"),
                    actor=user,
                    now=arrived_at(request),
                    claims=claims_form.claims(),
                    answers=claims_form.answers(),
                )
            else:
                application = services.application_submit(
                    candidate=profile,
                    vacancy=vacancy,
                    cv=form.cleaned_data.get("cv"),
                    essay=form.cleaned_data.get("essay"),
                    actor=user,
                    # The deadline is judged when the request arrived, not after its files were read
                    # and checked.
                    now=arrived_at(request),
                    claims=claims_form.claims(),
                    answers=claims_form.answers(),
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if saving_draft:
                messages.success(
                    request, _("Your draft has been saved. You can come back to it until the deadline.")
                )
                return redirect("applications:apply", vacancy_id=vacancy.pk)
            messages.success(request, _("Your application has been submitted."))
            return redirect("applications:detail", application_id=application.pk)
    # What the page shows beside the form, worked out only when it is shown: a submission that goes
    # through never needs it. The profile's rows are read once for both.
    prefetch_related_objects([profile], "languages", "education")
    missing = profile_missing_parts(profile)
    gaps = eligibility_gaps(profile=profile_as_contract(profile), vacancy=vacancy, on=timezone.localdate())
    return render(
        request,
        "portal/application_apply.html",
        {
            "vacancy": vacancy,
            "form": form,
            "claims_form": claims_form,
            "missing": missing,
            "gaps": gaps,
            "is_open": is_open,
            "draft": draft,
            "kept": list(kept.values()),
            "withdrawn": existing
            if existing is not None and existing.status == Application.Status.WITHDRAWN
            else None,
        },
    )


def _claims_form(
    request: HttpRequest, *, vacancy: Any, profile: Any, draft: Application | None, saving: bool
) -> ClaimsForm:
    """The claims and answers part of the apply form: what the draft kept, else the posts whose tags
    match each requirement ticked in advance (the candidate corrects them)."""
    posts = list(profile.experience.all())
    ticked: dict[str, list[int]] = preselected_posts(vacancy, posts)
    sentences: dict[str, str] = {}
    for claim in kept_claims(draft) if draft else []:
        ticked[claim.requirement_key] = list(claim.posts)
        sentences[claim.requirement_key] = claim.sentence
    return ClaimsForm(
        request.POST or None,
        requirements=experience_requirements(vacancy),
        posts=posts,
        ticked=ticked,
        sentences=sentences,
        questions=questions_for(vacancy),
        answered=kept_answers(draft) if draft else {},
        draft=saving,
        lang="fr" if (get_language() or "en").startswith("fr") else "en",
    )


@candidate_required
def application_list(request: HttpRequest) -> HttpResponse:
    applications = selectors.application_list_for_candidate(user=request.user)
    return render(request, "portal/application_list.html", {"applications": applications})


@candidate_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_get_for_candidate(application_id=application_id, user=request.user)
    return render(
        request,
        "portal/application_detail.html",
        {
            "application": application,
            "can_withdraw": Application.Status.WITHDRAWN in allowed_targets(application.status),
            "may_apply_again": selectors.may_apply_again(application=application, now=timezone.now()),
            "is_open": application.vacancy.is_open_at(timezone.now()),
            "timeline": application_timeline(application),
        },
    )


@candidate_required
def application_withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    """Withdrawal in two steps: this page says what it means and asks for a reason; its POST withdraws."""
    application = selectors.application_get_for_candidate(application_id=application_id, user=request.user)
    if Application.Status.WITHDRAWN not in allowed_targets(application.status):
        messages.info(request, _("This application cannot be withdrawn any more."))
        return redirect("applications:detail", application_id=application.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(
                application=application, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your application has been withdrawn."))
        return redirect("applications:detail", application_id=application.pk)
    return render(
        request,
        "portal/application_withdraw.html",
        {"application": application, "form": form, "is_open": application.vacancy.is_open_at(timezone.now())},
    )


@candidate_required
def attachment_download(request: HttpRequest, application_id: int, kind: str) -> HttpResponseBase:
    """A CV or essay, for its candidate; nobody else learns it exists (recruiters use the back office)."""
    attachment = selectors.attachment_get_for_candidate(
        application_id=application_id, kind=kind, user=request.user
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
