"""The recruiter's side of experience claims and screening questions: review a claim beside the posts of
the profile as submitted, and manage a vacancy's questions. Recruiters only: claims carry employers and
dates, which panels and hiring managers never see."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.accounts.permissions import recruiter_required
from concours.applications.claim_forms import ClaimReviewForm
from concours.applications.claims import (
    ClaimForReview,
    answers_for_review,
    claims_for_review,
    questions_for,
    vacancy_has_submissions,
)
from concours.applications.models import Application, ExperienceClaim
from concours.applications.selectors import application_get_for_staff
from concours.core.errors import DomainError
from concours.screening import services as screening
from concours.vacancies import services as vacancies
from concours.vacancies.models import ScreeningQuestion
from concours.vacancies.question_forms import QuestionForm
from concours.vacancies.selectors import vacancy_get_for_staff


def review_form(review: ClaimForReview, data: Any = None) -> ClaimReviewForm:
    """The review form of one claim, its boxes ticked as the posts count now."""
    claim = review.claim
    return ClaimReviewForm(
        data,
        prefix=f"claim{claim.pk}",
        choices=[(str(post.position), post.title or "—") for post in review.posts],
        initial={
            "posts": [str(post.position) for post in review.posts if post.counted],
            "seen": claim.revision,
            "note": claim.review_note,
        },
    )


def claims_context(application: Application) -> dict[str, Any]:
    """What the application page shows of claims and answers (the recruiter's page only)."""
    reviews = claims_for_review(application)
    return {
        "claim_reviews": [(review, review_form(review)) for review in reviews],
        "answers": answers_for_review(application),
    }


@require_POST
@recruiter_required
def claim_review(request: HttpRequest, claim_id: int) -> HttpResponse:
    user: Any = request.user
    claim = ExperienceClaim.objects.filter(pk=claim_id).only("id", "application_id").first()
    if claim is None:
        raise Http404
    # Only the recruiters of the vacancy reach the application (others get a 404, as for its page).
    application = application_get_for_staff(application_id=claim.application_id, user=user)
    reviews = {review.claim.pk: review for review in claims_for_review(application)}
    form = review_form(reviews[claim.pk], request.POST)
    if form.is_valid():
        try:
            screening.claim_review(
                claim=reviews[claim.pk].claim,
                posts=form.positions(),
                note=form.cleaned_data["note"],
                actor=user,
                expected_revision=form.cleaned_data["seen"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Your review of the claim is recorded; the application was screened again.")
            )
    else:
        messages.error(request, _("The review could not be read; try again."))
    return redirect("backoffice:application", application_id=application.pk)


@recruiter_required
def vacancy_questions(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """The vacancy's screening questions, and a form to add one while nobody has applied."""
    user: Any = request.user
    vacancy = vacancy_get_for_staff(vacancy_id=vacancy_id, user=user)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vacancies.question_add(
                vacancy=vacancy,
                text=form.cleaned_data["text"],
                text_fr=form.cleaned_data["text_fr"],
                kind=form.cleaned_data["kind"],
                knockout=form.cleaned_data["knockout"],
                required_yes=form.required_yes_value(),
                minimum=form.cleaned_data["minimum"],
                actor=user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The question was added."))
            return redirect("backoffice:questions", vacancy_id=vacancy.pk)
    return render(
        request,
        "backoffice/vacancy_questions.html",
        {
            "vacancy": vacancy,
            "questions": questions_for(vacancy),
            "locked": vacancy_has_submissions(vacancy=vacancy),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@recruiter_required
def question_remove(request: HttpRequest, question_id: int) -> HttpResponse:
    user: Any = request.user
    question = ScreeningQuestion.objects.filter(pk=question_id).first()
    if question is None:
        raise Http404
    vacancy = vacancy_get_for_staff(vacancy_id=question.vacancy_id, user=user)
    try:
        vacancies.question_remove(question=question, actor=user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The question was removed."))
    return redirect("backoffice:questions", vacancy_id=vacancy.pk)
