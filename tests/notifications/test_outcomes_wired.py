"""The outcomes that exist today tell the candidate by mail: received, screened out, shortlisted, invited.

Each through the real service that decides it; a move that is no outcome sends nothing, and a move rolled
back tells nobody.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.test import TestCase

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit, application_transition
from concours.assessment.services import candidates_invite, stage_plan_create
from concours.core.errors import DomainError
from concours.notifications.models import OutboxMail
from concours.notifications.outcomes import Outcome
from concours.screening.models import Verdict
from concours.screening.services import verdict_decide
from factories import ApplicationFactory, ProfileFactory, VacancyFactory, cv_upload, make_user

pytestmark = pytest.mark.django_db

# A notice the candidates below fail on nationality: the verdict has a reason to give them.
NOTICE = {
    "organisation": "NATO",
    "title": "Policy Officer",
    "nationality_restriction": "NATO member states",
    "essential_qualifications": ["have a university degree in a relevant field;"],
    "essay": None,
}


def _submitted(*, language: str, nationalities: list[str] | None = None) -> Application:
    profile = ProfileFactory(user__language=language, nationalities=nationalities or ["BE"])
    vacancy = VacancyFactory(notice=NOTICE, title="Policy Officer", title_fr="Chargé de politique")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return application_submit(
            candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user
        )


def test_a_submission_is_acknowledged_in_the_candidates_language() -> None:
    application = _submitted(language="fr")
    [received] = OutboxMail.objects.filter(application=application)
    assert (received.outcome, received.language, received.state) == (
        Outcome.RECEIVED,
        "fr",
        OutboxMail.State.SENT,
    )
    [sent] = mail.outbox
    assert sent.subject.startswith("Candidature reçue\u00a0: Chargé de politique")
    assert application.vacancy.reference in sent.subject


def test_a_refused_submission_tells_nobody() -> None:
    profile = ProfileFactory()
    vacancy = VacancyFactory(notice=NOTICE, status="closed")
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(DomainError):
        application_submit(candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user)
    assert OutboxMail.objects.count() == 0 and mail.outbox == []


def test_screened_out_gives_the_verdicts_reasons_in_french() -> None:
    application = _submitted(language="fr", nationalities=["JP"])
    verdict = Verdict.objects.get(application=application)
    assert verdict.eligible == "no"
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        verdict_decide(verdict=verdict, eligible="no", reason="", actor=make_user(Role.RECRUITER))
    [screened] = OutboxMail.objects.filter(application=application, outcome=Outcome.SCREENED_OUT)
    assert screened.language == "fr" and "Les motifs sont les suivants\u00a0:" in screened.body
    assert "nationalit" in screened.body.lower()
    assert [m.body for m in mail.outbox] == [screened.body]


def test_shortlisted_is_told_and_other_moves_are_not() -> None:
    application = ApplicationFactory(
        candidate=ProfileFactory(user__language="en"), status=Application.Status.SUBMITTED
    )
    recruiter = make_user(Role.RECRUITER)
    with TestCase.captureOnCommitCallbacks(execute=True):
        for to in (Application.Status.SCREENED_IN, Application.Status.LONGLISTED):
            application = application_transition(
                application=application, to=to, reason="Fits.", actor=recruiter
            )
    assert OutboxMail.objects.count() == 0 and mail.outbox == []
    with TestCase.captureOnCommitCallbacks(execute=True):
        application_transition(
            application=application, to=Application.Status.SHORTLISTED, reason="Fits.", actor=recruiter
        )
    [shortlisted] = mail.outbox
    assert shortlisted.subject.startswith("You are shortlisted") and shortlisted.to == [
        application.candidate.user.email
    ]


def test_a_move_rolled_back_tells_nobody() -> None:
    application = ApplicationFactory(status=Application.Status.LONGLISTED)
    with (
        TestCase.captureOnCommitCallbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        application_transition(
            application=application,
            to=Application.Status.SHORTLISTED,
            reason="Fits.",
            actor=make_user(Role.RECRUITER),
        )
        raise RuntimeError("something after the move failed")
    application.refresh_from_db()
    assert application.status == Application.Status.LONGLISTED
    assert OutboxMail.objects.count() == 0 and mail.outbox == []


def test_an_invitation_to_a_stage_goes_through_the_outbox_in_french() -> None:
    recruiter = make_user(Role.RECRUITER)
    vacancy = VacancyFactory()
    stages = stage_plan_create(vacancy=vacancy, actor=recruiter)
    stage = next(s for s in stages if s.has_slots)
    application = ApplicationFactory(
        vacancy=vacancy, candidate=ProfileFactory(user__language="fr"), status=stage.entry_status
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        candidates_invite(stage=stage, applications=[application], actor=recruiter)
    [invited] = OutboxMail.objects.filter(application=application)
    assert (invited.outcome, invited.language, invited.state) == (
        Outcome.INVITED,
        "fr",
        OutboxMail.State.SENT,
    )
    assert f"/applications/{application.pk}/slots/" in invited.body
    assert (stage.name_fr or stage.name) in invited.body
    assert [m.body for m in mail.outbox] == [invited.body]
