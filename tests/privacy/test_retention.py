"""Retention: `concours erase_expired` erases the applications, files and draft checks of competitions
closed longer ago than their organisation keeps them, and only those; each erasure is recorded."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.core.audit import audit_events_for
from concours.core.models import AuditEvent, AuditEventType
from concours.essays.models import DraftCheck
from concours.privacy.selectors import retention_days_for
from concours.privacy.services import RetentionReport, erase_expired
from concours.selection import services as selection
from concours.selection.models import Placement, PostSelection, Recommendation, ReserveEntry, ReserveOffer
from concours.vacancies.models import OrgUnit, Vacancy
from concours.vacancies.services import vacancy_close
from data_rights import ZOE, build
from factories import OrgUnitFactory, ProfileFactory, VacancyFactory, make_user
from reserve_list_scenario import offer_to_third, reserve_list
from selection_scenario import later_vacancy

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _close(vacancy: Vacancy, days_ago: int) -> None:
    with time_machine.travel(NOW - dt.timedelta(days=days_ago), tick=False):
        vacancy_close(vacancy=vacancy, actor=make_user(Role.RECRUITER))


def test_the_command_erases_only_expired_competitions(settings, media_files) -> None:  # type: ignore[no-untyped-def]
    """Closed 731 days ago with a 730-day period: its applications, their files and its draft checks go,
    each recorded; a competition closed 100 days ago and one still open keep everything."""
    settings.CONCOURS_RETENTION_DAYS = 730
    with time_machine.travel(NOW - dt.timedelta(days=731), tick=False):
        s = build()  # closes s.closed on that day
        vacancy_close(vacancy=s.essay_vacancy, actor=s.recruiter)  # where Zoë's draft waits
    recent = VacancyFactory()
    recent_application = Application.objects.create(candidate=s.bart, vacancy=recent, status="screened_out")
    _close(recent, days_ago=100)
    files_before = len(media_files())
    expired = list(Application.objects.filter(vacancy=s.closed))
    expired_files = sum(a.attachments.count() for a in expired) + 1 + 1  # the rendition, the draft

    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("erase_expired", stdout=out)

    assert out.getvalue().strip() == "erased 2 applications, 1 draft checks, 0 candidates"
    assert not Application.objects.filter(vacancy=s.closed).exists()
    assert not DraftCheck.objects.exists()
    assert set(Application.objects.values_list("pk", flat=True)) == {
        s.zoe_running.pk,
        *s.bart.applications.exclude(vacancy=s.closed).values_list("pk", flat=True),
    }
    assert recent_application.pk in Application.objects.values_list("pk", flat=True)
    assert len(media_files()) == files_before - expired_files
    for application in expired:
        event = audit_events_for(application).get(event_type=AuditEventType.APPLICATION_ERASED)
        assert event.actor is None and event.extra["why"] == "retention"
        assert ZOE.name not in event.subject_repr and application.candidate_code in event.subject_repr
    assert AuditEvent.objects.filter(event_type=AuditEventType.DRAFT_CHECK_ERASED).count() == 1
    # Accounts and profiles are not erased by retention: only what belonged to the competition.
    s.zoe.refresh_from_db()
    assert s.zoe.name == ZOE.name and s.zoe.user.is_active

    # Run again: nothing left to erase.
    assert erase_expired(now=NOW) == RetentionReport(applications=0, draft_checks=0, candidates=0)


def test_an_organisation_sets_its_own_period(settings) -> None:  # type: ignore[no-untyped-def]
    """The period set on the organisation (the top of the vacancy's unit tree) counts; a unit without
    one falls back to its organisation, then to the setting."""
    settings.CONCOURS_RETENTION_DAYS = 3650
    organisation = OrgUnit.objects.create(kind=OrgUnit.Kind.ORGANISATION, name="NSPA", retention_days=30)
    division = OrgUnitFactory(parent=organisation)
    short, default = VacancyFactory(unit=division), VacancyFactory()
    assert (retention_days_for(short), retention_days_for(default)) == (30, 3650)
    for vacancy in (short, default):
        Application.objects.create(candidate=ProfileFactory(), vacancy=vacancy, status="withdrawn")
        _close(vacancy, days_ago=60)
    report = erase_expired(now=NOW)
    assert report.applications == 1
    assert not Application.objects.filter(vacancy=short).exists()
    assert Application.objects.filter(vacancy=default).exists()


def test_a_closed_competition_within_its_period_and_an_open_one_are_kept() -> None:
    """A vacancy past its deadline but not closed, and one closed yesterday: nothing is erased."""
    open_past_deadline = VacancyFactory(deadline=NOW - dt.timedelta(days=4000))
    closed_yesterday = VacancyFactory()
    for vacancy in (open_past_deadline, closed_yesterday):
        Application.objects.create(candidate=ProfileFactory(), vacancy=vacancy, status="not_selected")
    _close(closed_yesterday, days_ago=1)
    assert erase_expired(now=NOW).applications == 0
    assert Application.objects.count() == 2


def test_a_decided_competitions_applications_are_erased_with_their_selection_rows(settings) -> None:  # type: ignore[no-untyped-def]
    """A competition decided through the selection (selected, reserve list, not selected), a post of a
    later vacancy accepted from its reserve list: once its period is over, its applications go with
    their selections, placements, reserve entries and offers; the recommendation stays; the application
    made on acceptance, in a competition still kept, stays and forgets the offer."""
    settings.CONCOURS_RETENTION_DAYS = 30
    with time_machine.travel(NOW - dt.timedelta(days=40), tick=False):
        ending = reserve_list(fourth=Placement.Outcome.NOT_SELECTED)
        third = ending.applications[2]
        later = later_vacancy(ending, grade="G15")
        offer = offer_to_third(ending, later)
        made = selection.reserve_offer_accept(offer=offer, actor=third.candidate.user)
        if ending.vacancy.status != Vacancy.Status.CLOSED:
            vacancy_close(vacancy=ending.vacancy, actor=ending.recruiter)
    assert PostSelection.objects.count() == 2 and Placement.objects.count() >= 2

    with time_machine.travel(NOW, tick=False):
        report = erase_expired()

    assert report.applications == 4
    assert not Application.objects.filter(vacancy=ending.vacancy).exists()
    assert not PostSelection.objects.exists() and not Placement.objects.exists()
    assert not ReserveEntry.objects.exists() and not ReserveOffer.objects.exists()
    assert Recommendation.objects.filter(vacancy=ending.vacancy).exists()
    made.refresh_from_db()
    assert made.vacancy == later and made.status == Application.Status.SELECTED
