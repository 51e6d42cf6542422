"""The assessment scenario's competition taken to its end, for the selection report: every stage scored
and confirmed, consensus with reasons, a recommendation returned once then approved (one candidate per
post), one candidate on the reserve list and one not selected."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from assessment_scenario import Competition, build_competition, declare_all, score
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_transition
from concours.assessment.models import Criterion
from concours.assessment.scoring import stage_ranking
from concours.assessment.services import (
    consensus_record,
    ranking_confirm,
    scorecard_save,
    test_result_record,
)
from concours.selection.models import (
    AppointingAuthority,
    Placement,
    PostSelection,
    Recommendation,
    ReserveEntry,
    Review,
)
from factories import make_user

NAMES = ("Alice Martin", "Bruno Keller", "Chiara Rossi", "Dimitri Novak")
POSTS = ("Head of Capability Section", "Head of Procurement Section")


def _confirm_all(competition: Competition, key: str) -> None:
    stage = competition.stage(key)
    ranking = stage_ranking(stage)
    assert ranking is not None
    ranking_confirm(
        stage=stage,
        passing=[(r.application_id, r.rank, r.tied) for r in ranking.rows if r.at_stage],
        rule=ranking.rule_text,
        actor=competition.recruiter,
    )


def assessed_competition() -> Competition:
    """Four named candidates through the longlist, the test and the final interview; the expert has a
    conflict with the last one. Final totals: 5, 4 (consensus below the mean, with a reason), 3, 2."""
    competition = build_competition()
    for application, name in zip(competition.applications, NAMES, strict=True):
        application.candidate.name = name
        application.candidate.save()
    posts = list(competition.vacancy.posts.order_by("id"))
    for post, title in zip(posts, POSTS, strict=True):
        post.title = title
        post.save()
    apps = competition.applications
    declare_all(competition, "chair")
    declare_all(competition, "expert", {apps[3].pk: "Worked for the candidate until 2024."})
    declare_all(competition, "manager")
    declare_all(competition, "observer")
    for application, value in zip(apps, (4, 4, 3, 2), strict=True):
        for key in ("chair", "expert", "manager"):
            if key == "expert" and application == apps[3]:
                continue
            score(competition, key, application, value)
    _confirm_all(competition, "longlist")
    for application, result in zip(apps, (90, 80, 70, 60), strict=True):
        test_result_record(
            application=application,
            test=competition.stage("test").criteria.get().test,
            score=Decimal(result),
            maximum=Decimal(100),
            taken_on=dt.date(2026, 12, 15),
            actor=competition.recruiter,
        )
    _confirm_all(competition, "shortlist")
    final = competition.stage("final")
    criteria = [c for c in final.criteria.all() if c.source != Criterion.Source.TEST]
    for application, value in zip(apps, (5, 4, 3, 2), strict=True):
        application.refresh_from_db()
        for key in ("chair", "expert", "manager"):
            if key == "expert" and application == apps[3]:
                continue
            member = competition.members[key]
            # The manager reads the second candidate one point higher: a spread the consensus settles.
            given = value + 1 if key == "manager" and application == apps[1] else value
            scorecard_save(
                stage=final,
                member=member,
                application=application,
                values={c.pk: (given, "Seen at the interview." if given in (1, 5) else "") for c in criteria},
                submit=True,
                actor=member.user,
            )
    chair = competition.user("chair")
    consensus_record(
        stage=final,
        application=apps[1],
        values={c.pk: (4, "Examples at the interview stayed general.") for c in criteria},
        actor=chair,
    )
    for application in apps:
        application.refresh_from_db()
    return competition


def decided_competition() -> tuple[Competition, Recommendation]:
    """The assessed competition with its recommendation returned once, then approved."""
    competition = assessed_competition()
    apps = competition.applications
    vacancy = competition.vacancy
    authority = make_user(Role.APPOINTING_AUTHORITY, name="Authority Person")
    AppointingAuthority.objects.create(unit=vacancy.unit, user=authority)
    final = competition.stage("final")
    ranking = stage_ranking(final)
    assert ranking is not None
    recommendation = Recommendation.objects.create(
        vacancy=vacancy,
        stage=final,
        ranking=[
            {
                "application": r.application_id,
                "code": r.code,
                "rank": r.rank,
                "tied": r.tied,
                "total": str(r.total) if r.total is not None else None,
            }
            for r in ranking.rows
        ],
        drawn_by=competition.recruiter,
        status=Recommendation.Status.APPROVED,
        version=3,
        submitted_at=timezone.now(),
        decided_by=authority,
        approved_at=timezone.now(),
    )
    first, second = vacancy.posts.order_by("id")
    PostSelection.objects.create(
        recommendation=recommendation, post=first, application=apps[0], reason="First in the ranking."
    )
    PostSelection.objects.create(
        recommendation=recommendation,
        post=second,
        application=apps[1],
        reason="Second in the ranking; procurement experience.",
    )
    Placement.objects.create(
        recommendation=recommendation,
        application=apps[2],
        outcome=Placement.Outcome.RESERVE,
        reason="Suitable; met every required level.",
    )
    Placement.objects.create(
        recommendation=recommendation,
        application=apps[3],
        outcome=Placement.Outcome.NOT_SELECTED,
        reason="Below the required level in teamwork.",
    )
    Review.objects.create(
        recommendation=recommendation,
        version=1,
        outcome=Review.Outcome.RETURNED,
        comments="Say why the second post goes to the second candidate.",
        by=authority,
    )
    Review.objects.create(
        recommendation=recommendation, version=2, outcome=Review.Outcome.APPROVED, by=authority
    )
    for application, state in zip(
        apps,
        (
            Application.Status.SELECTED,
            Application.Status.SELECTED,
            Application.Status.RESERVE,
            Application.Status.NOT_SELECTED,
        ),
        strict=True,
    ):
        application_transition(
            application=application, to=state, reason="Approved selection.", actor=competition.recruiter
        )
    ReserveEntry.objects.create(
        application=apps[2],
        recommendation=recommendation,
        grade=vacancy.grade,
        expires_on=timezone.localdate() + dt.timedelta(days=365),
    )
    return competition, recommendation
