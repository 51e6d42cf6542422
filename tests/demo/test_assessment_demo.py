"""The demo's longlist: the panel scores blind, one member declares a conflict, the ranking moves on
exactly the candidates the demo's plan takes on, and a second run changes nothing."""

from __future__ import annotations

import pytest

from assessment_scenario import NOTICE
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.assessment.models import Consensus, Declaration, Scorecard, Stage
from concours.assessment.scoring import stage_agreement
from concours.demo.assessment import DATA, longlist_demo
from concours.vacancies.models import VacancyAssignment
from factories import ApplicationFactory, VacancyFactory, make_user

pytestmark = pytest.mark.django_db


def test_the_demo_longlist_is_scored_blind_with_one_conflict() -> None:
    vacancy = VacancyFactory(notice=dict(NOTICE), posts=2)
    recruiter = make_user(Role.RECRUITER)
    make_user(Role.PANEL_MEMBER, email=DATA["chair"])
    make_user(Role.HIRING_MANAGER, email=DATA["hiring_manager"])
    applications = [
        ApplicationFactory(vacancy=vacancy, status=Application.Status.SCREENED_IN) for _ in range(5)
    ]
    levels = {applications[0].pk: 5, applications[1].pk: 4, applications[2].pk: 3}

    moved = longlist_demo(vacancy=vacancy, levels=levels, recruiter=recruiter, password="x-Demo-pass-1")

    assert moved == 3
    statuses = dict(Application.objects.filter(vacancy=vacancy).values_list("pk", "status"))
    assert {pk for pk, status in statuses.items() if status == "longlisted"} == set(levels)
    conflict = Declaration.objects.get(conflicted=True)
    assert conflict.member.user.email == DATA["expert"]["email"] and conflict.reason
    assert Declaration.objects.count() == 3 * 5
    assert Scorecard.objects.filter(status="submitted").count() == 3 * 5 - 1
    assert Consensus.objects.values("application").distinct().count() == 3
    longlist = Stage.objects.get(vacancy=vacancy, key="longlist")
    assert longlist.blind
    found = stage_agreement(longlist)
    assert found is not None and found[0].overall.value is not None
    assert VacancyAssignment.objects.filter(vacancy=vacancy, user__email=DATA["expert"]["email"]).exists()
    assert longlist_demo(vacancy=vacancy, levels=levels, recruiter=recruiter, password="x") == 0
    assert Scorecard.objects.count() == 3 * 5 - 1
