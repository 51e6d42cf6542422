"""The selection scenario's competition (selection_scenario.py) decided with a reserve list, through the
selection services: the recommendation drawn, saved, submitted and approved by the appointing authority,
the first two candidates selected (one per post), the third on the reserve list and the fourth on it too
or not selected; then a post of a later vacancy offered to the third from that list."""

from __future__ import annotations

from typing import Any

from django.test import TestCase

from concours.applications.models import Application
from concours.selection import services
from concours.selection.models import Placement, ReserveEntry, ReserveOffer
from selection_scenario import Ending, build_ending

# What the recruiter writes for the fourth candidate, by the outcome the scenario gives them.
FOURTH_REASONS = {
    Placement.Outcome.RESERVE: "Suitable too.",
    Placement.Outcome.NOT_SELECTED: "Below the level.",
}


def entry_of(application: Application) -> ReserveEntry:
    return ReserveEntry.objects.get(application=application)


def approve_with_reserve(ending: Ending, *, fourth: Placement.Outcome) -> Ending:
    """First and second selected, third on the reserve list, fourth as `fourth` says; approved (its
    mails sent)."""
    first, second, third, fourth_application = ending.applications
    one, two = ending.vacancy.posts.order_by("id")
    recommendation = services.recommendation_draw(vacancy=ending.vacancy, actor=ending.recruiter)
    recommendation = services.recommendation_save(
        recommendation=recommendation,
        version=recommendation.version,
        selections={one.pk: (first.pk, "First."), two.pk: (second.pk, "Second.")},
        others={
            third.pk: (Placement.Outcome.RESERVE, "Suitable."),
            fourth_application.pk: (fourth, FOURTH_REASONS[fourth]),
        },
        actor=ending.recruiter,
    )
    recommendation = services.recommendation_submit(
        recommendation=recommendation, version=recommendation.version, actor=ending.recruiter
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.recommendation_approve(
            recommendation=recommendation, version=recommendation.version, actor=ending.authority
        )
    return ending


def reserve_list(*, fourth: Placement.Outcome) -> Ending:
    """The selection scenario built and approved with its reserve list."""
    return approve_with_reserve(build_ending(), fourth=fourth)


def offer_to_third(ending: Ending, vacancy: Any) -> ReserveOffer:
    """The recruiter offers the later vacancy's one post to the third candidate (the offer's mail sent)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.reserve_offer_make(
            entry=entry_of(ending.applications[2]), post=vacancy.posts.get(), actor=ending.recruiter
        )
