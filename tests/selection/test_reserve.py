"""Reserve lists drawn on by later vacancies: who is offered, accepting and declining, and expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from concours.applications.models import Application, Transition
from concours.core.errors import Conflict, DomainError, NotAllowed
from concours.core.models import AuditEvent, AuditEventType
from concours.notifications.models import OutboxMail
from concours.selection import selectors, services
from concours.selection.models import Placement, ReserveEntry, ReserveOffer
from reserve_list_scenario import approve_with_reserve, entry_of
from selection_scenario import Ending, later_vacancy

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def approved(ending: Ending) -> Ending:
    """First and second selected, third and fourth on the reserve list."""
    return approve_with_reserve(ending, fourth=Placement.Outcome.RESERVE)


def test_a_later_vacancy_at_the_same_or_a_lower_grade_sees_the_reserve(approved: Ending) -> None:
    third, fourth = approved.applications[2:]
    for grade in ("G17", "G15"):
        vacancy = later_vacancy(approved, grade=grade)
        assert [e.application for e in selectors.reserve_candidates(vacancy)] == [third, fourth]
    assert selectors.reserve_candidates(later_vacancy(approved, grade="G18")) == []
    # Another organisation's vacancy does not draw on this list.
    elsewhere = later_vacancy(approved, grade="G15")
    elsewhere.organisation = "OTAN autre"
    elsewhere.save()
    assert selectors.reserve_candidates(elsewhere) == []
    # Nor the competition's own vacancy.
    assert selectors.reserve_candidates(approved.vacancy) == []


def test_a_notice_the_candidate_does_not_meet_is_not_offered(approved: Ending) -> None:
    vacancy = later_vacancy(approved, grade="G15")
    vacancy.notice = {**vacancy.notice, "degree": {"min_level": "doctorate", "preferred_level": None}}
    vacancy.save()
    assert selectors.reserve_candidates(vacancy) == []
    with pytest.raises(DomainError):
        services.reserve_offer_make(
            entry=entry_of(approved.applications[2]), post=vacancy.posts.get(), actor=approved.recruiter
        )


def test_an_expired_reserve_list_is_not_offered(approved: Ending) -> None:
    vacancy = later_vacancy(approved, grade="G15")
    entry = entry_of(approved.applications[2])
    ReserveEntry.objects.filter(pk=entry.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert entry.application not in [e.application for e in selectors.reserve_candidates(vacancy)]
    with pytest.raises(DomainError, match="expired"):
        services.reserve_offer_make(entry=entry, post=vacancy.posts.get(), actor=approved.recruiter)
    assert not ReserveOffer.objects.exists()


def test_offer_then_accept_makes_a_selected_application(approved: Ending) -> None:
    third = approved.applications[2]
    vacancy = later_vacancy(approved, grade="G15")
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        offer = services.reserve_offer_make(
            entry=entry_of(third), post=vacancy.posts.get(), actor=approved.recruiter
        )
    sent = OutboxMail.objects.get(outcome="reserve_offer")
    assert sent.application == third and f"/applications/offers/{offer.pk}/" in sent.body
    assert len(mail.outbox) == 1
    # The offered candidate is not listed again while the offer waits.
    assert third not in [e.application for e in selectors.reserve_candidates(vacancy)]
    with pytest.raises(NotAllowed):
        services.reserve_offer_accept(offer=offer, actor=approved.applications[3].candidate.user)
    application = services.reserve_offer_accept(offer=offer, actor=third.candidate.user)
    assert application.vacancy == vacancy and application.status == S.SELECTED
    assert application.candidate == third.candidate
    assert application.profile_sha256 == Application.objects.get(pk=third.pk).profile_sha256
    transition = Transition.objects.get(application=application)
    assert transition.to_status == S.SELECTED and approved.vacancy.reference in transition.reason
    entry = entry_of(third)
    assert entry.state == ReserveEntry.State.APPOINTED
    offer.refresh_from_db()
    assert offer.state == ReserveOffer.State.ACCEPTED and offer.application == application
    assert AuditEvent.objects.filter(event_type=AuditEventType.RESERVE_OFFER_ACCEPTED).count() == 1
    with pytest.raises(Conflict):
        services.reserve_offer_decline(offer=offer, actor=third.candidate.user)


def test_a_post_is_offered_to_one_candidate_at_a_time(approved: Ending) -> None:
    third, fourth = approved.applications[2:]
    vacancy = later_vacancy(approved, grade="G15")
    post = vacancy.posts.get()
    offer = services.reserve_offer_make(entry=entry_of(third), post=post, actor=approved.recruiter)
    with pytest.raises(DomainError, match="offered"):
        services.reserve_offer_make(entry=entry_of(fourth), post=post, actor=approved.recruiter)
    services.reserve_offer_decline(offer=offer, actor=third.candidate.user)
    assert entry_of(third).state == ReserveEntry.State.LISTED  # still on the list
    services.reserve_offer_make(entry=entry_of(fourth), post=post, actor=approved.recruiter)
    assert AuditEvent.objects.filter(event_type=AuditEventType.RESERVE_OFFERED).count() == 2
    assert AuditEvent.objects.filter(event_type=AuditEventType.RESERVE_OFFER_DECLINED).count() == 1


def test_only_recruiters_offer(approved: Ending) -> None:
    vacancy = later_vacancy(approved, grade="G15")
    for user in (
        approved.authority,
        approved.competition.user("chair"),
        approved.applications[2].candidate.user,
    ):
        with pytest.raises(NotAllowed):
            services.reserve_offer_make(
                entry=entry_of(approved.applications[2]), post=vacancy.posts.get(), actor=user
            )


def test_the_expiry_command_closes_tells_and_is_idempotent(approved: Ending) -> None:
    third, fourth = approved.applications[2:]
    past = timezone.localdate() - dt.timedelta(days=1)
    ReserveEntry.objects.update(expires_on=past)
    # An offer made in time holds the fourth's entry open until answered.
    vacancy = later_vacancy(approved, grade="G15")
    ReserveOffer.objects.create(entry=entry_of(fourth), vacancy=vacancy, post=vacancy.posts.get())
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("expire_reserve_lists")
    assert entry_of(third).state == ReserveEntry.State.EXPIRED
    assert entry_of(fourth).state == ReserveEntry.State.LISTED
    assert [m.to for m in mail.outbox] == [[third.candidate.user.email]]
    assert "expired" in mail.outbox[0].body
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("expire_reserve_lists")
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.RESERVE_LIST_EXPIRED).count() == 1


def test_the_expiry_mail_is_in_the_candidates_language(approved: Ending) -> None:
    third = approved.applications[2]
    user = third.candidate.user
    user.language = "fr"
    user.save(update_fields=["language"])
    ReserveEntry.objects.filter(application=third).update(
        expires_on=timezone.localdate() - dt.timedelta(days=1)
    )
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.reserve_lists_expire()
    (sent,) = mail.outbox
    assert "liste de réserve" in sent.body.lower() and "réserve" in sent.subject.lower()


def test_not_expired_on_its_last_day(approved: Ending) -> None:
    ReserveEntry.objects.update(expires_on=timezone.localdate())
    assert services.reserve_lists_expire() == []
