"""The end of a competition: the recruiters' recommendation (one selection per post, the others on the
reserve list or not selected), the appointing authority's inbox and decision, and the reserve
candidates a later vacancy may be offered to."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concours.accounts.models import Role
from concours.accounts.permissions import recruiter_required, role_required
from concours.core.errors import DomainError
from concours.selection import selectors, services
from concours.selection.models import Placement, Recommendation, ReserveEntry
from concours.vacancies.models import Post, Vacancy

authority_required = role_required(Role.APPOINTING_AUTHORITY)


def _version(request: HttpRequest) -> int:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else -1


def _decisions(
    request: HttpRequest, recommendation: Recommendation, posts: list[Post]
) -> tuple[dict[int, tuple[int, str]], dict[int, tuple[str, str]]]:
    """The form's choices: per candidate, a post (post_<id>), the reserve list or not selected, and a
    reason; two candidates on one post are refused here (the form cannot say it otherwise)."""
    post_ids = {p.pk for p in posts}
    selections: dict[int, tuple[int, str]] = {}
    others: dict[int, tuple[str, str]] = {}
    for row in recommendation.ranking:
        application_id = int(row["application"])
        choice = request.POST.get(f"decision_{application_id}", "")
        reason = request.POST.get(f"reason_{application_id}", "")
        if choice.startswith("post_") and choice[5:].isdigit() and int(choice[5:]) in post_ids:
            post_id = int(choice[5:])
            if post_id in selections:
                raise DomainError(_("One candidate per post: two were chosen for the same post."))
            selections[post_id] = (application_id, reason)
        elif choice in Placement.Outcome.values:
            others[application_id] = (choice, reason)
    return selections, others


@recruiter_required
@require_http_methods(["GET", "POST"])
def selection_recommendation(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """The recruiters' recommendation for a vacancy: drawn from the last stage's ranking, a candidate
    and a reason per post, the reserve list or not selected for the others, then submitted."""
    user: Any = request.user
    vacancy = selectors.recommendation_for_recruiter(vacancy_id=vacancy_id, user=user)
    recommendation = selectors.recommendation_of(vacancy)
    posts = list(Post.objects.filter(vacancy=vacancy).order_by("id"))
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "draw":
                services.recommendation_draw(vacancy=vacancy, actor=user)
                messages.success(request, _("The recommendation was drawn up from the ranking."))
            elif recommendation is None:
                raise DomainError(_("Draw up the recommendation first."))
            elif action in {"save", "submit"}:
                selections, others = _decisions(request, recommendation, posts)
                recommendation = services.recommendation_save(
                    recommendation=recommendation,
                    version=_version(request),
                    selections=selections,
                    others=others,
                    actor=user,
                )
                if action == "submit":
                    services.recommendation_submit(
                        recommendation=recommendation, version=recommendation.version, actor=user
                    )
                    messages.success(request, _("The recommendation was sent to the appointing authority."))
                else:
                    messages.success(request, _("The recommendation was saved."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("backoffice:selection", vacancy_id=vacancy.pk)
    authority = selectors.authority_for(vacancy)
    found = selectors.ranked_stage(vacancy)
    return render(
        request,
        "backoffice/selection_recommendation.html",
        {
            "vacancy": vacancy,
            "recommendation": recommendation,
            "lines": selectors.lines_of(recommendation) if recommendation else [],
            "posts": posts,
            "authority": authority,
            "last_stage": found[0] if found else None,
            "reviews": list(recommendation.reviews.select_related("by")) if recommendation else [],
            "left_earlier": selectors.left_earlier(vacancy).count(),
            "outcomes": Placement.Outcome.choices,
        },
    )


@authority_required
def selection_inbox(request: HttpRequest) -> HttpResponse:
    """The appointing authority's recommendations: those waiting for a decision, then those decided."""
    waiting, decided = selectors.authority_inbox(request.user)
    return render(request, "backoffice/selection_inbox.html", {"waiting": waiting, "decided": decided})


@authority_required
@require_http_methods(["GET", "POST"])
def selection_decide(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """The authority reads the recommendation and approves it or returns it with comments; an authority
    of another unit is answered as if it did not exist (404)."""
    user: Any = request.user
    recommendation = selectors.recommendation_for_authority(recommendation_id=recommendation_id, user=user)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                services.recommendation_approve(
                    recommendation=recommendation, version=_version(request), actor=user
                )
                messages.success(request, _("The selection is approved; the candidates are told."))
            elif request.POST.get("action") == "return":
                services.recommendation_return(
                    recommendation=recommendation,
                    version=_version(request),
                    comments=request.POST.get("comments", ""),
                    actor=user,
                )
                messages.success(request, _("The recommendation was returned to the recruiters."))
            else:
                raise DomainError(_("Approve the recommendation or return it with comments."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("backoffice:selection_decide", recommendation_id=recommendation.pk)
    return render(
        request,
        "backoffice/selection_decide.html",
        {
            "recommendation": recommendation,
            "vacancy": recommendation.vacancy,
            "lines": selectors.lines_of(recommendation),
            "reviews": list(recommendation.reviews.select_related("by")),
            "left_earlier": selectors.left_earlier(recommendation.vacancy).count(),
        },
    )


@recruiter_required
@require_http_methods(["GET", "POST"])
def selection_reserve(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """The reserve candidates a vacancy may be offered to, and the offers made; a recruiter offers a post."""
    user: Any = request.user
    vacancy: Vacancy = selectors.recommendation_for_recruiter(vacancy_id=vacancy_id, user=user)
    if request.method == "POST":
        entry = ReserveEntry.objects.filter(pk=request.POST.get("entry") or 0).first()
        post = Post.objects.filter(pk=request.POST.get("post") or 0, vacancy=vacancy).first()
        if entry is None or post is None:
            raise Http404
        try:
            services.reserve_offer_make(entry=entry, post=post, actor=user)
            messages.success(request, _("The post was offered; the candidate is told by mail."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("backoffice:selection_reserve", vacancy_id=vacancy.pk)
    return render(
        request,
        "backoffice/selection_reserve.html",
        {
            "vacancy": vacancy,
            "entries": selectors.reserve_candidates(vacancy),
            "posts": selectors.free_posts(vacancy),
            "offers": selectors.offers_of_vacancy(vacancy),
        },
    )
