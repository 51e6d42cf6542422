"""A competition ready for assessment: a two-post vacancy with a full notice, four candidates screened
in, a recruiter, and a panel of a chair, an expert and a hiring manager who score, and an observer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import TestCase

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.assessment.models import PanelMember, Stage
from concours.assessment.services import (
    declarations_record,
    panel_member_add,
    scorecard_save,
    stage_plan_create,
)
from factories import ApplicationFactory, VacancyFactory, make_user

NOTICE = {
    "organisation": "NATO",
    "title": "Head of Section",
    "key_challenges": ["Renew the section's capability plan within a flat budget."],
    "essential_qualifications": [
        "a university degree in engineering or economics;",
        "at least 8 years of experience in defence procurement;",
    ],
    "competencies": [
        {"name": "Achievement", "level": "Sets and works to meet challenging goals"},
        {"name": "Teamwork", "level": "Solicits inputs and encourages others"},
    ],
    "selection_timeline": [
        {"stage": "Written assessment", "when": "second half of December 2026", "where": None},
        {"stage": "Final interviews", "when": "first half of February 2027", "where": "Brussels, Belgium"},
    ],
    "essay": None,
}


@dataclass
class Competition:
    vacancy: Any
    recruiter: Any
    applications: list[Application]
    members: dict[str, PanelMember]

    def stage(self, key: str) -> Stage:
        return Stage.objects.get(vacancy=self.vacancy, key=key)

    def user(self, key: str) -> Any:
        return self.members[key].user


def build_competition() -> Competition:
    vacancy = VacancyFactory(notice=dict(NOTICE), posts=2)
    recruiter = make_user(Role.RECRUITER)
    applications = [
        ApplicationFactory(vacancy=vacancy, status=Application.Status.SCREENED_IN) for _ in range(4)
    ]
    stage_plan_create(vacancy=vacancy, actor=recruiter)
    members = {}
    for key, role in (
        ("chair", PanelMember.Role.CHAIR),
        ("expert", PanelMember.Role.EXPERT),
        ("manager", PanelMember.Role.HIRING_MANAGER),
        ("observer", PanelMember.Role.OBSERVER),
    ):
        user = make_user(Role.PANEL_MEMBER, name=f"{key.title()} Member")
        with TestCase.captureOnCommitCallbacks(execute=True):
            members[key] = panel_member_add(vacancy=vacancy, user=user, role=role, actor=recruiter)
    return Competition(vacancy, recruiter, applications, members)


def declare_all(competition: Competition, key: str, conflicts: dict[int, str] | None = None) -> None:
    """The member declares about every candidate: a conflict where `conflicts` gives a reason."""
    conflicts = conflicts or {}
    member = competition.members[key]
    declarations_record(
        member=member,
        answers={a.pk: (a.pk in conflicts, conflicts.get(a.pk, "")) for a in competition.applications},
        actor=member.user,
    )


def score(
    competition: Competition, key: str, application: Application, value: int, submit: bool = True
) -> Any:
    """The member scores every criterion of the longlist with `value` (a comment at the extremes)."""
    stage = competition.stage("longlist")
    return scorecard_save(
        stage=stage,
        member=competition.members[key],
        application=application,
        values={c.pk: (value, "Seen in the essay." if value in (1, 5) else "") for c in stage.criteria.all()},
        submit=submit,
        actor=competition.user(key),
    )
