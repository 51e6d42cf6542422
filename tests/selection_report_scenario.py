"""The assessment scenario's competition taken to its end, for the selection report: every stage scored
and confirmed, the consensus recorded (one with a reason), a recommendation returned once then approved
(one candidate per post), one candidate on the reserve list and one not selected."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from assessment_scenario import Competition, build_competition, declare_all, score
from concours.accounts.models import Role
from concours.assessment.models import Criterion
from concours.assessment.scoring import stage_ranking
from concours.assessment.services import (
    consensus_record,
    ranking_confirm,
    scorecard_save,
    test_result_record,
)
from concours.selection.models import Placement, Recommendation
from concours.selection.services import (
    authority_name,
    recommendation_approve,
    recommendation_draw,
    recommendation_return,
    recommendation_save,
    recommendation_submit,
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
    for application, value in zip(apps, (5, 4, 3, 2), strict=True):
        # The second candidate's agreed score is below the members' mean (4.33): the chair says why.
        reason = "Examples at the interview stayed general." if application == apps[1] else ""
        consensus_record(
            stage=final,
            application=application,
            values={c.pk: (value, reason) for c in criteria},
            actor=chair,
        )
    for application in apps:
        application.refresh_from_db()
    return competition


def decided_competition() -> tuple[Competition, Recommendation]:
    """The assessed competition decided through the selection services: drawn up, returned once by the
    appointing authority, revised, then approved."""
    competition = assessed_competition()
    apps = competition.applications
    vacancy = competition.vacancy
    recruiter = competition.recruiter
    authority = make_user(Role.APPOINTING_AUTHORITY, name="Authority Person", is_staff=True)
    authority_name(unit=vacancy.unit, user=authority, actor=make_user(Role.ADMINISTRATOR))
    first, second = vacancy.posts.order_by("id")
    others = {
        apps[2].pk: (Placement.Outcome.RESERVE.value, "Suitable; met every required level."),
        apps[3].pk: (Placement.Outcome.NOT_SELECTED.value, "Below the required level in teamwork."),
    }
    recommendation = recommendation_draw(vacancy=vacancy, actor=recruiter)
    recommendation = recommendation_save(
        recommendation=recommendation,
        version=recommendation.version,
        selections={first.pk: (apps[0].pk, "First in the ranking."), second.pk: (apps[1].pk, "Second.")},
        others=others,
        actor=recruiter,
    )
    recommendation = recommendation_submit(
        recommendation=recommendation, version=recommendation.version, actor=recruiter
    )
    recommendation = recommendation_return(
        recommendation=recommendation,
        version=recommendation.version,
        comments="Say why the second post goes to the second candidate.",
        actor=authority,
    )
    recommendation = recommendation_save(
        recommendation=recommendation,
        version=recommendation.version,
        selections={
            first.pk: (apps[0].pk, "First in the ranking."),
            second.pk: (apps[1].pk, "Second in the ranking; procurement experience."),
        },
        others=others,
        actor=recruiter,
    )
    recommendation = recommendation_submit(
        recommendation=recommendation, version=recommendation.version, actor=recruiter
    )
    recommendation = recommendation_approve(
        recommendation=recommendation, version=recommendation.version, actor=authority
    )
    for application in apps:
        application.refresh_from_db()
    return competition, recommendation
