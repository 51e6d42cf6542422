"""The demo's longlist: a closed vacancy's panel scores its screened-in candidates blind, one member
declares a conflict, the chair records a consensus for a few, and the recruiter confirms the ranking.

Everything goes through the assessment's services, as on the pages. Each candidate the demo's plan takes
past the longlist has a level (`levels`: the further the plan takes them, the higher), and each member
scores near it, so that the panel mostly agrees; candidates left at "screened in" score low. The pass
rule (a threshold) then proposes exactly those the plan takes on, and the ranking, not the loader, moves
them to "longlisted".
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings

from concours.accounts.models import Role, User
from concours.accounts.roles import grant_role
from concours.applications.models import Application
from concours.assessment.models import PanelMember, Stage
from concours.assessment.scoring import mean_as_point, members_means, stage_ranking
from concours.assessment.services import (
    consensus_record,
    declarations_record,
    panel_member_add,
    ranking_confirm,
    scorecard_save,
    stage_plan_create,
    stage_update,
)
from concours.demo.candidates import demo_data
from concours.vacancies.models import Vacancy

DATA = demo_data("assessment")
REFERENCE: str = DATA["reference"]
"""The vacancy the demo takes through the longlist stage."""
EXPERT_EMAIL: str = DATA["expert"]["email"]


def expert_account(password: str) -> User:
    """The demo's expert (a panel member only the demo's panels seat), made the first time."""
    row = DATA["expert"]
    user = User.objects.filter(email=row["email"]).first()
    if user is None:
        user = User.objects.create_user(email=row["email"], password=password, name=row["name"])
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    grant_role(user, Role.PANEL_MEMBER, actor=None)
    return user


def seat_panel(*, vacancy: Vacancy, recruiter: Any, password: str) -> dict[str, PanelMember]:
    """The demo's panel on `vacancy`, seated by the recruiter: the demo's panel member as chair, the
    expert, and the demo's hiring manager; by seat ("chair", "expert", "manager")."""
    seats = {
        "chair": (User.objects.get(email=DATA["chair"]), PanelMember.Role.CHAIR),
        "expert": (expert_account(password), PanelMember.Role.EXPERT),
        "manager": (User.objects.get(email=DATA["hiring_manager"]), PanelMember.Role.HIRING_MANAGER),
    }
    return {
        key: panel_member_add(vacancy=vacancy, user=user, role=role, actor=recruiter)
        for key, (user, role) in seats.items()
    }


# How far the demo's plan takes a candidate, as the level the panel scores them at.
LEVELS = {"selected": 5, "reserve": 5, "not_selected": 4, "shortlisted": 4, "longlisted": 3}


def level_for(state: str) -> int:
    return LEVELS.get(state, 3)


def longlist_demo(*, vacancy: Vacancy, levels: dict[int, int], recruiter: Any, password: str) -> int:
    """Run the longlist of `vacancy` (once: nothing is done if it has a plan already); returns how many
    applications the confirmed ranking moved to "longlisted"."""
    if vacancy.stages.exists():
        return 0
    # Mails (invitations to the panel) are not sent while loading.
    held_back = {**settings.TASKS["default"], "BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    with override_settings(TASKS={"default": held_back}):
        return _longlist(vacancy=vacancy, levels=levels, recruiter=recruiter, password=password)


@transaction.atomic
def _longlist(*, vacancy: Vacancy, levels: dict[int, int], recruiter: Any, password: str) -> int:
    rng = random.Random(11)
    stage_plan_create(vacancy=vacancy, actor=recruiter)
    stage = Stage.objects.get(vacancy=vacancy, key="longlist")
    stage = stage_update(
        stage=stage,
        values={"pass_rule": Stage.PassRule.THRESHOLD, "pass_value": Decimal(DATA["threshold"])},
        actor=recruiter,
    )
    members = seat_panel(vacancy=vacancy, recruiter=recruiter, password=password)
    candidates = list(
        Application.objects.filter(vacancy=vacancy, status=Application.Status.SCREENED_IN).order_by("pk")
    )
    conflicted = next(a for a in candidates if a.pk in levels)
    for key, member in members.items():
        answers = {a.pk: (False, "") for a in candidates}
        if key == "expert":
            answers[conflicted.pk] = (True, DATA["conflict_reason"])
        declarations_record(member=member, answers=answers, actor=member.user)
    criteria = list(stage.criteria.all())
    for application in candidates:
        level = levels.get(application.pk, 2)
        for key, member in members.items():
            if key == "expert" and application == conflicted:
                continue
            values: dict[int, tuple[int | None, str]] = {}
            for criterion in criteria:
                # Mostly the candidate's level, sometimes a point either side; never below the
                # threshold for a candidate the plan takes on, nor above it for one it does not.
                value = level + (rng.choice((-1, 1)) if rng.random() < 0.2 else 0)
                value = max(3, min(5, value)) if application.pk in levels else max(1, min(2, value))
                values[criterion.pk] = (value, DATA["comments"].get(str(value), ""))
            scorecard_save(
                stage=stage,
                member=member,
                application=application,
                values=values,
                submit=True,
                actor=member.user,
            )
    # The chair agrees the first passing candidates' scores: the rounded mean, one lowered with a reason.
    for number, application in enumerate([a for a in candidates if a.pk in levels][:3]):
        means = members_means(stage=stage, application=application)
        agreed = {pk: (mean_as_point(mean), "") for pk, mean in means.items() if mean is not None}
        if number == 0:
            first = criteria[0].pk
            point = agreed[first][0]
            agreed[first] = (4 if point == 5 else point + 1, DATA["consensus_reason"])
        consensus_record(stage=stage, application=application, values=agreed, actor=members["chair"].user)
    ranking = stage_ranking(stage)
    assert ranking is not None
    chosen = [(row.application_id, row.rank, row.tied) for row in ranking.rows if row.proposed]
    return len(ranking_confirm(stage=stage, passing=chosen, rule=ranking.rule_text, actor=recruiter))
