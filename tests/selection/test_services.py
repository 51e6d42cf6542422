"""The recommendation from the last stage's ranking to the appointing authority's approval, and
nothing final before it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from concours.accounts.models import Role
from concours.applications.models import Application, Transition
from concours.applications.services import application_transition
from concours.assessment.models import Stage
from concours.core.audit import audit_events_for
from concours.core.errors import Conflict, DomainError, NotAllowed
from concours.core.models import AuditEvent, AuditEventType
from concours.notifications.models import OutboxMail
from concours.selection import selectors, services
from concours.selection.models import Placement, PostSelection, Recommendation, ReserveEntry, Review
from concours.vacancies.models import OrgUnit
from factories import make_user
from selection_scenario import Ending, organisation_above

pytestmark = pytest.mark.django_db
S = Application.Status


def draw(ending: Ending) -> Recommendation:
    return services.recommendation_draw(vacancy=ending.vacancy, actor=ending.recruiter)


def propose(ending: Ending, recommendation: Recommendation) -> Recommendation:
    """First for post 1, second for post 2, third on the reserve list, fourth not selected."""
    first, second, third, fourth = ending.applications
    one, two = ending.vacancy.posts.order_by("id")
    return services.recommendation_save(
        recommendation=recommendation,
        version=recommendation.version,
        selections={
            one.pk: (first.pk, "First in the ranking."),
            two.pk: (second.pk, "Second in the ranking."),
        },
        others={
            third.pk: (Placement.Outcome.RESERVE, "Suitable; third."),
            fourth.pk: (Placement.Outcome.NOT_SELECTED, "Below the required level in Teamwork."),
        },
        actor=ending.recruiter,
    )


def submitted(ending: Ending) -> Recommendation:
    recommendation = propose(ending, draw(ending))
    return services.recommendation_submit(
        recommendation=recommendation, version=recommendation.version, actor=ending.recruiter
    )


def test_drawn_from_the_last_stage_of_the_plan_in_rank_order(ending: Ending) -> None:
    recommendation = draw(ending)
    last = Stage.objects.filter(vacancy=ending.vacancy).order_by("-position").first()
    assert recommendation.stage == last
    assert [row["application"] for row in recommendation.ranking] == [a.pk for a in ending.applications]
    assert [row["rank"] for row in recommendation.ranking] == [1, 2, 3, 4]
    assert recommendation.status == Recommendation.Status.DRAFT
    assert AuditEvent.objects.filter(event_type=AuditEventType.SELECTION_RECOMMENDED).count() == 1


def test_whatever_the_plan_the_last_stage_is_read(ending: Ending) -> None:
    """A plan ending on the interview (the decision stage removed): drawn from the interview."""
    Stage.objects.filter(vacancy=ending.vacancy, key="selection").delete()
    recommendation = draw(ending)
    assert recommendation.stage.key == "final"
    assert len(recommendation.ranking) == 4


def test_a_plan_ending_before_the_shortlist_is_refused(ending: Ending) -> None:
    Stage.objects.filter(vacancy=ending.vacancy, key="selection").update(entry_status=S.LONGLISTED)
    with pytest.raises(DomainError, match="selects none"):
        draw(ending)
    assert not Recommendation.objects.exists()


def test_an_unconfirmed_ranking_is_refused(ending: Ending) -> None:
    from concours.assessment.models import Consensus

    Consensus.objects.filter(application=ending.applications[2]).delete()
    with pytest.raises(DomainError, match="not confirmed"):
        draw(ending)
    assert not Recommendation.objects.exists()


def test_only_recruiters_draw_up(ending: Ending) -> None:
    for user in (ending.authority, ending.competition.user("chair")):
        with pytest.raises(NotAllowed):
            services.recommendation_draw(vacancy=ending.vacancy, actor=user)


def test_a_candidate_cannot_be_selected_for_two_posts(ending: Ending) -> None:
    recommendation = draw(ending)
    one, two = ending.vacancy.posts.order_by("id")
    first = ending.applications[0]
    with pytest.raises(DomainError, match="two posts"):
        services.recommendation_save(
            recommendation=recommendation,
            version=recommendation.version,
            selections={one.pk: (first.pk, "Best."), two.pk: (first.pk, "Best again.")},
            others={},
            actor=ending.recruiter,
        )
    assert not PostSelection.objects.exists()
    recommendation.refresh_from_db()
    assert recommendation.version == 1  # a refused change leaves it as drawn


def test_reasons_are_required(ending: Ending) -> None:
    recommendation = draw(ending)
    one, _two = ending.vacancy.posts.order_by("id")
    with pytest.raises(DomainError, match="reason"):
        services.recommendation_save(
            recommendation=recommendation,
            version=recommendation.version,
            selections={one.pk: (ending.applications[0].pk, "  ")},
            others={},
            actor=ending.recruiter,
        )
    with pytest.raises(DomainError, match="reason"):
        services.recommendation_save(
            recommendation=recommendation,
            version=recommendation.version,
            selections={},
            others={ending.applications[1].pk: (Placement.Outcome.RESERVE, "")},
            actor=ending.recruiter,
        )


def test_submission_needs_every_post_and_every_candidate(ending: Ending) -> None:
    recommendation = draw(ending)
    one, _two = ending.vacancy.posts.order_by("id")
    recommendation = services.recommendation_save(
        recommendation=recommendation,
        version=recommendation.version,
        selections={one.pk: (ending.applications[0].pk, "First.")},
        others={},
        actor=ending.recruiter,
    )
    with pytest.raises(DomainError, match="every post"):
        services.recommendation_submit(
            recommendation=recommendation, version=recommendation.version, actor=ending.recruiter
        )
    recommendation = propose(ending, recommendation)
    recommendation.placements.filter(application=ending.applications[3]).delete()
    with pytest.raises(DomainError, match="every candidate"):
        services.recommendation_submit(
            recommendation=recommendation, version=recommendation.version, actor=ending.recruiter
        )


def test_nothing_moves_before_approval_and_a_return_keeps_its_comments(ending: Ending) -> None:
    recommendation = submitted(ending)
    assert recommendation.status == Recommendation.Status.SUBMITTED
    assert set(Application.objects.values_list("status", flat=True)) == {S.SHORTLISTED}
    recommendation = services.recommendation_return(
        recommendation=recommendation,
        version=recommendation.version,
        comments="Explain why the fourth candidate is not on the reserve list.",
        actor=ending.authority,
    )
    assert recommendation.status == Recommendation.Status.RETURNED
    assert Review.objects.get().comments.startswith("Explain")
    assert set(Application.objects.values_list("status", flat=True)) == {S.SHORTLISTED}
    assert not ReserveEntry.objects.exists() and not OutboxMail.objects.exists()


def test_a_return_says_why(ending: Ending) -> None:
    recommendation = submitted(ending)
    with pytest.raises(DomainError, match="Say what"):
        services.recommendation_return(
            recommendation=recommendation,
            version=recommendation.version,
            comments=" ",
            actor=ending.authority,
        )
    assert not Review.objects.exists()


def test_approval_moves_every_application_lists_the_reserve_and_mails_each(ending: Ending) -> None:
    first, second, third, fourth = ending.applications
    recommendation = submitted(ending)
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        recommendation = services.recommendation_approve(
            recommendation=recommendation, version=recommendation.version, actor=ending.authority
        )
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert [statuses[a.pk] for a in ending.applications] == [
        S.SELECTED,
        S.SELECTED,
        S.RESERVE,
        S.NOT_SELECTED,
    ]
    entry = ReserveEntry.objects.get()
    assert entry.application == third and entry.grade == "G17"
    today = timezone.localdate()
    assert entry.expires_on == selectors.months_later(today, 12)
    reason = Transition.objects.get(application=first, to_status=S.SELECTED).reason
    assert "First in the ranking." in reason and "Authority Person" in reason
    outcomes = dict(OutboxMail.objects.values_list("application_id", "outcome"))
    assert outcomes == {
        first.pk: "selected",
        second.pk: "selected",
        third.pk: "reserve",
        fourth.pk: "not_selected",
    }
    assert len(mail.outbox) == 4
    assert AuditEvent.objects.filter(event_type=AuditEventType.SELECTION_APPROVED).count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.RESERVE_LISTED).count() == 1


def test_only_the_approval_selects(ending: Ending) -> None:
    """Before the approval the recruiter who drew up the recommendation cannot select by a move of their
    own; the approval selects, each move naming the recommendation it carries out in its audit record."""
    first = ending.applications[0]
    recommendation = submitted(ending)
    with pytest.raises(DomainError, match="appointing authority's approval of the recommendation"):
        application_transition(application=first, to=S.SELECTED, reason="Best", actor=ending.recruiter)
    assert Application.objects.get(pk=first.pk).status == S.SHORTLISTED
    services.recommendation_approve(
        recommendation=recommendation, version=recommendation.version, actor=ending.authority
    )
    assert Application.objects.get(pk=first.pk).status == S.SELECTED
    moved = audit_events_for(first).get(
        event_type=AuditEventType.APPLICATION_MOVED, extra__to_status=S.SELECTED
    )
    assert moved.extra["decided_by"].startswith(f"recommendation {recommendation.pk} ")
    assert "Authority Person" in moved.extra["decided_by"]


def test_the_organisation_sets_how_long_its_lists_last(ending: Ending) -> None:
    OrgUnit.objects.filter(pk=ending.organisation.pk).update(reserve_months=18)
    recommendation = submitted(ending)
    services.recommendation_approve(
        recommendation=recommendation, version=recommendation.version, actor=ending.authority
    )
    assert ReserveEntry.objects.get().expires_on == selectors.months_later(timezone.localdate(), 18)


def test_a_failed_approval_leaves_nothing(ending: Ending) -> None:
    """A candidate withdrew after submission: the approval is refused whole, no mail, no record."""
    recommendation = submitted(ending)
    Application.objects.filter(pk=ending.applications[3].pk).update(status=S.WITHDRAWN)
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(Conflict):
        services.recommendation_approve(
            recommendation=recommendation, version=recommendation.version, actor=ending.authority
        )
    assert Recommendation.objects.get().status == Recommendation.Status.SUBMITTED
    assert not OutboxMail.objects.exists() and not mail.outbox and not ReserveEntry.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SELECTION_APPROVED).exists()
    assert Application.objects.filter(status=S.SELECTED).count() == 0


def test_stale_actions_are_refused(ending: Ending) -> None:
    recommendation = submitted(ending)
    seen = recommendation.version
    services.recommendation_return(
        recommendation=recommendation, version=seen, comments="Reconsider post 2.", actor=ending.authority
    )
    with pytest.raises(Conflict):
        services.recommendation_approve(recommendation=recommendation, version=seen, actor=ending.authority)
    with pytest.raises(Conflict):
        services.recommendation_submit(
            recommendation=recommendation, version=seen - 1, actor=ending.recruiter
        )
    assert Recommendation.objects.get().status == Recommendation.Status.RETURNED


def test_only_the_vacancys_authority_decides(ending: Ending) -> None:
    recommendation = submitted(ending)
    elsewhere = OrgUnit.objects.create(kind=OrgUnit.Kind.ORGANISATION, name="Another organisation")
    other = make_user(Role.APPOINTING_AUTHORITY, is_staff=True)
    services.authority_name(unit=elsewhere, user=other, actor=None)
    for user in (other, ending.recruiter, ending.competition.user("chair")):
        with pytest.raises(NotAllowed):
            services.recommendation_approve(
                recommendation=recommendation, version=recommendation.version, actor=user
            )


def test_the_nearest_authority_decides(ending: Ending) -> None:
    """An authority named for the vacancy's own unit takes over from the organisation's."""
    assert selectors.authority_for(ending.vacancy).user == ending.authority
    nearer = make_user(Role.APPOINTING_AUTHORITY, is_staff=True)
    services.authority_name(unit=ending.vacancy.unit, user=nearer, actor=None)
    assert selectors.authority_for(ending.vacancy).user == nearer
    assert not selectors.is_authority_of(ending.authority, ending.vacancy)
    assert AuditEvent.objects.filter(event_type=AuditEventType.APPOINTING_AUTHORITY_NAMED).count() == 2


def test_an_authority_needs_the_role(ending: Ending) -> None:
    with pytest.raises(DomainError):
        services.authority_name(
            unit=ending.vacancy.unit, user=make_user(Role.RECRUITER, is_staff=True), actor=None
        )


def test_candidates_left_at_earlier_stages_are_not_selected_on_approval(ending: Ending) -> None:
    from factories import ApplicationFactory

    earlier = ApplicationFactory(vacancy=ending.vacancy, status=S.LONGLISTED)
    recommendation = submitted(ending)
    services.recommendation_approve(
        recommendation=recommendation, version=recommendation.version, actor=ending.authority
    )
    earlier.refresh_from_db()
    assert earlier.status == S.NOT_SELECTED
    assert Placement.objects.get(application=earlier).outcome == Placement.Outcome.NOT_SELECTED


def test_a_returned_recommendation_is_revised_and_submitted_again(ending: Ending) -> None:
    recommendation = submitted(ending)
    recommendation = services.recommendation_return(
        recommendation=recommendation,
        version=recommendation.version,
        comments="Swap posts.",
        actor=ending.authority,
    )
    recommendation = draw(ending)  # a fresh look at the ranking keeps the decisions
    assert recommendation.selections.count() == 2
    recommendation = services.recommendation_submit(
        recommendation=recommendation, version=recommendation.version, actor=ending.recruiter
    )
    recommendation = services.recommendation_approve(
        recommendation=recommendation, version=recommendation.version, actor=ending.authority
    )
    assert list(recommendation.reviews.values_list("outcome", flat=True)) == ["returned", "approved"]


def test_months_later_keeps_the_end_of_the_month() -> None:
    assert selectors.months_later(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert selectors.months_later(dt.date(2026, 12, 1), 12) == dt.date(2027, 12, 1)
    assert selectors.months_later(dt.date(2027, 8, 31), 18) == dt.date(2029, 2, 28)


def test_organisation_above_is_idempotent(ending: Ending) -> None:
    assert organisation_above(ending.vacancy) == ending.organisation
