"""The invitation to a test or an interview tells the candidate the accommodation measures granted to
them for that stage (issue #11), in their language; nothing of a request not granted."""

from __future__ import annotations

import pytest

from assessment_scenario import Competition
from concours.accommodation.models import AccommodationRequest
from concours.accommodation.services import accommodation_decide, accommodation_request
from concours.accounts.models import User
from concours.applications.models import Application
from concours.assessment.services import candidates_invite
from concours.notifications.models import OutboxMail
from concours.notifications.outcomes import Outcome

pytestmark = pytest.mark.django_db


def _shortlisted(competition: Competition, languages: list[str]) -> list[Application]:
    """The competition's first candidates at the final interview, each reading mails in their language."""
    chosen = competition.applications[: len(languages)]
    for application, language in zip(chosen, languages, strict=True):
        User.objects.filter(pk=application.candidate.user_id).update(language=language)
        Application.objects.filter(pk=application.pk).update(status=Application.Status.SHORTLISTED)
    return [Application.objects.get(pk=a.pk) for a in chosen]


def _ask(
    competition: Competition, application: Application, *, stage_key: str, state: str, measures: list[str]
) -> AccommodationRequest:
    request = accommodation_request(
        application=application,
        needs="I need more time and a room I can reach.",
        stage_key=stage_key,
        actor=application.candidate.user,
    )
    if state == AccommodationRequest.State.REQUESTED:
        return request
    return accommodation_decide(
        request=request,
        state=state,
        measures=measures,
        measures_note="25 minutes per hour" if measures else "",
        reason="" if state == AccommodationRequest.State.GRANTED else "As the certificate says.",
        actor=competition.recruiter,
    )


def _invitation_body(application: Application) -> str:
    return OutboxMail.objects.get(application=application, outcome=Outcome.INVITED).body


def test_the_invitation_lists_the_measures_granted_in_the_candidates_language(competition) -> None:  # type: ignore[no-untyped-def]
    english, french, nothing = _shortlisted(competition, ["en", "fr", "en"])
    final = competition.stage("final")
    _ask(
        competition, english, stage_key=final.key, state="granted", measures=["extra_time", "accessible_room"]
    )
    _ask(competition, french, stage_key="", state="adjusted", measures=["extra_time"])  # every stage
    candidates_invite(stage=final, applications=[english, french, nothing], actor=competition.recruiter)

    body = _invitation_body(english)
    assert "Arrangements made for you: Extra time, Accessible room (25 minutes per hour)" in body
    body = _invitation_body(french)
    assert "Aménagements prévus pour vous\u00a0: Temps supplémentaire (25 minutes per hour)" in body
    assert "Extra time" not in body
    body = _invitation_body(nothing)
    assert "Arrangements made for you" not in body and "Extra time" not in body


@pytest.mark.parametrize("state", ["requested", "refused"])
def test_a_request_not_granted_never_shows_in_the_invitation(competition, state: str) -> None:  # type: ignore[no-untyped-def]
    [application] = _shortlisted(competition, ["en"])
    final = competition.stage("final")
    request = _ask(competition, application, stage_key=final.key, state=state, measures=[])
    # Even a row that held measures: only those granted or adjusted are ever read.
    AccommodationRequest.objects.filter(pk=request.pk).update(measures=["extra_time"], measures_note="x")
    candidates_invite(stage=final, applications=[application], actor=competition.recruiter)
    body = _invitation_body(application)
    assert "Arrangements made for you" not in body and "Extra time" not in body


def test_measures_granted_for_another_stage_stay_out_of_this_invitation(competition) -> None:  # type: ignore[no-untyped-def]
    [application] = _shortlisted(competition, ["en"])
    _ask(competition, application, stage_key="test", state="granted", measures=["extra_time"])
    candidates_invite(
        stage=competition.stage("final"), applications=[application], actor=competition.recruiter
    )
    assert "Extra time" not in _invitation_body(application)
