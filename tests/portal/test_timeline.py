"""The candidate's timeline on their application page: the stages reached, the next step with its date, and
the mails sent to them. Their own application only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from assessment_scenario import build_competition
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit, application_transition
from concours.assessment.services import booking_make, candidates_invite, slot_open
from factories import ProfileFactory, VacancyFactory, cv_upload, make_user

pytestmark = pytest.mark.django_db


def _submitted(language: str = "en") -> Application:
    profile = ProfileFactory(user__language=language)
    vacancy = VacancyFactory(title="Policy Officer", title_fr="Chargé de politique")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return application_submit(
            candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user
        )


def test_the_timeline_shows_the_stages_the_next_step_and_the_mails(client) -> None:  # type: ignore[no-untyped-def]
    application = _submitted()
    client.force_login(application.candidate.user)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    timeline = page[page.index('id="timeline"') :]
    assert "Submitted" in timeline
    assert "Mail sent to you" in timeline and "Application received: Policy Officer" in timeline
    # Before the deadline: screening comes after it, and the page says when.
    deadline = timezone.localtime(application.vacancy.deadline)
    assert 'id="next-step"' in timeline and "Applications are screened after the deadline" in timeline
    assert deadline.strftime("%Y") in timeline[timeline.index('id="next-step"') :][:400]

    recruiter = make_user(Role.RECRUITER)
    with TestCase.captureOnCommitCallbacks(execute=True):
        for to in ("screened_in", "longlisted", "shortlisted"):
            application = application_transition(
                application=application, to=to, reason="Fits.", actor=recruiter
            )
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    timeline = page[page.index('id="timeline"') :]
    assert all(label in timeline for label in ("Screened in", "Longlisted", "Shortlisted"))
    assert "You are shortlisted: Policy Officer" in timeline
    assert "You will be invited to each following step by mail" in timeline
    # The recruiters' reasons are theirs.
    assert "Fits." not in timeline


def test_a_booked_interview_is_the_next_step_with_its_date(client) -> None:  # type: ignore[no-untyped-def]
    competition = build_competition()
    application = competition.applications[0]
    Application.objects.filter(pk=application.pk).update(status="shortlisted")
    application.refresh_from_db()
    stage = competition.stage("final")
    day = (timezone.now() + dt.timedelta(days=60)).date()
    slot = slot_open(
        stage=stage,
        local_start=dt.datetime.combine(day, dt.time(10, 30)),
        minutes=45,
        place="NATO HQ, Brussels",
        video_link="",
        capacity=1,
        actor=competition.recruiter,
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        [invitation] = candidates_invite(stage=stage, applications=[application], actor=competition.recruiter)
    client.force_login(application.candidate.user)
    url = reverse("applications:detail", args=[application.pk])
    timeline = client.get(url).content.decode().split('id="timeline"')[1]
    assert (
        "Choose a time for the" in timeline
        and reverse("applications:slots", args=[application.pk]) in timeline
    )
    assert "Invited to the" in timeline

    with TestCase.captureOnCommitCallbacks(execute=True):
        booking_make(invitation=invitation, slot=slot, actor=application.candidate.user)
    timeline = client.get(url).content.decode().split('id="timeline"')[1]
    next_step = timeline[timeline.index('id="next-step"') :][:500]
    assert "NATO HQ, Brussels" in next_step and f"{day.day} {day.strftime('%B')} {day.year}" in next_step


def test_the_timeline_is_in_french_for_a_french_reader(client) -> None:  # type: ignore[no-untyped-def]
    application = _submitted("fr")
    client.force_login(application.candidate.user)
    client.cookies["django_language"] = "fr"
    page = client.get(
        reverse("applications:detail", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    timeline = page[page.index('id="timeline"') :]
    assert "Chronologie" in timeline and "Prochaine étape" in timeline
    assert "Courriel qui vous a été envoyé" in timeline and "Candidature reçue" in timeline


def test_only_the_candidate_sees_their_timeline(client) -> None:  # type: ignore[no-untyped-def]
    application = _submitted()
    url = reverse("applications:detail", args=[application.pk])
    client.force_login(ProfileFactory().user)  # another candidate
    assert client.get(url).status_code == 404
    client.force_login(make_user(Role.RECRUITER))  # staff read applications in the back office
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
