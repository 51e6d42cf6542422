from __future__ import annotations

import pytest
from django.core.management import call_command

from concours.accounts.models import Role, User
from concours.applications.models import Application, Transition
from concours.candidates.models import CandidateProfile
from concours.vacancies.models import Post, Vacancy

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "vacancies": Vacancy.objects.count(),
        "posts": Post.objects.count(),
        "users": User.objects.count(),
        "candidates": CandidateProfile.objects.count(),
        "applications": Application.objects.count(),
        "transitions": Transition.objects.count(),
    }


def test_the_demo_loads_every_state_and_a_second_run_duplicates_nothing() -> None:
    """Loading the demo twice gives the same rows; applications cover every state; one user per role."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first
    assert first["vacancies"] >= 5 and first["candidates"] >= 200 and first["applications"] >= 200
    assert set(Application.objects.values_list("status", flat=True)) == set(Application.Status.values)
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role
    # every submitted application reached its state through recorded transitions
    for application in Application.objects.exclude(status="draft").prefetch_related("transitions")[:50]:
        assert application.transitions.last().to_status == application.status
