"""A decision carries the verdict as its author saw it: decided or screened again since, it is refused."""

from __future__ import annotations

import re

import pytest
from django.test import TestCase
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application, Transition
from concours.applications.services import application_submit
from concours.core.audit import audit_events_for
from concours.core.errors import Conflict
from concours.screening.models import Verdict
from concours.screening.services import application_screen, verdict_decide
from factories import ProfileFactory, VacancyFactory, cv_upload, make_user

pytestmark = pytest.mark.django_db

NOTICE = {
    "organisation": "NATO",
    "title": "Policy Officer",
    "essential_qualifications": ["have a university degree in a relevant field;"],
    "degree": {"min_level": "bachelor", "preferred_level": None},
    "essay": None,
}


def screened(nationalities: list[str]) -> Verdict:
    profile = ProfileFactory(nationalities=nationalities)
    with TestCase.captureOnCommitCallbacks(execute=True):
        application = application_submit(
            candidate=profile,
            vacancy=VacancyFactory(notice=NOTICE),
            cv=cv_upload(),
            essay=None,
            actor=profile.user,
        )
    return Verdict.objects.get(application=application)


def state_of(verdict: Verdict) -> tuple[object, ...]:
    verdict = Verdict.objects.get(pk=verdict.pk)
    return (
        verdict.decision,
        verdict.decided_eligible,
        verdict.decision_reason,
        verdict.decided_by_id,
        Application.objects.get(pk=verdict.application_id).status,
        Transition.objects.filter(application_id=verdict.application_id).count(),
        audit_events_for(verdict.application).count(),
    )


def test_a_decision_on_a_verdict_decided_since_is_refused_and_changes_nothing() -> None:
    """Two recruiters open a "not eligible" verdict; the first overrides it; the second's confirmation
    is refused, naming who decided what."""
    verdict = screened(["CH"])
    seen = verdict.revision
    verdict_decide(
        verdict=verdict,
        eligible="yes",
        reason="Dual national",
        actor=make_user(Role.RECRUITER, name="Ana Ferreira"),
        expected_revision=seen,
    )
    before = state_of(verdict)
    with pytest.raises(Conflict) as refused:
        verdict_decide(
            verdict=verdict, eligible="no", reason="", actor=make_user(Role.RECRUITER), expected_revision=seen
        )
    assert "Ana Ferreira" in refused.value.message and "Eligible" in refused.value.message
    assert state_of(verdict) == before


def test_a_decision_on_a_verdict_screened_again_since_is_refused() -> None:
    """Screening again after the page was opened: the decision is refused and asks for a new look."""
    verdict = screened(["BE"])
    seen = verdict.revision
    application_screen(application=verdict.application)
    before = state_of(verdict)
    with pytest.raises(Conflict, match="screened again"):
        verdict_decide(
            verdict=verdict,
            eligible="yes",
            reason="",
            actor=make_user(Role.RECRUITER),
            expected_revision=seen,
        )
    assert state_of(verdict) == before
    decided = verdict_decide(
        verdict=verdict,
        eligible="yes",
        reason="",
        actor=make_user(Role.RECRUITER),
        expected_revision=Verdict.objects.get(pk=verdict.pk).revision,
    )
    assert decided.decision == Verdict.Decision.CONFIRMED


def test_the_page_carries_the_verdict_seen_and_says_who_decided_since(client) -> None:  # type: ignore[no-untyped-def]
    """The decision form holds the revision shown; posting it after another decision is refused."""
    verdict = screened(["CH"])
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:application", args=[verdict.application_id])).content.decode()
    seen = re.search(r'name="decision-seen" value="([^"]+)"', page)
    assert seen is not None and seen.group(1) == verdict.revision
    verdict_decide(
        verdict=verdict,
        eligible="yes",
        reason="Dual national",
        actor=make_user(Role.RECRUITER, name="Bo Lindqvist"),
    )
    before = state_of(verdict)
    response = client.post(
        reverse("backoffice:decide", args=[verdict.application_id]),
        {"decision-eligible": "no", "decision-reason": "Not a national", "decision-seen": seen.group(1)},
        follow=True,
    )
    text = response.content.decode()
    assert "Bo Lindqvist" in text and "not recorded" in text
    assert state_of(verdict) == before
