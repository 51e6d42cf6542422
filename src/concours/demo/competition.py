"""The demo's completed competition (data/competition.json): a vacancy closed months ago, taken through
every stage of its plan and decided, so that recruiters, panels and the appointing authority have a
finished competition to look at.

Everything goes through the services, as on the pages: the recruiter adapts the plan and seats the panel;
each member declares, then scores the longlist blind (the expert declares one conflict); the chair agrees
the scores; the recruiter confirms the longlist, imports the pre-selection test's results (CSV) and
confirms the shortlist on them; the panel scores the final interviews and the chair agrees them. The
recruiter then draws the recommendation from the last stage's ranking (one selected per post, the next two
on the reserve list, the others not selected), the appointing authority returns it once with a comment,
the recruiter revises the reasons, and the authority approves: the approval, not the loader, moves the
applications and queues each candidate's mail. A selection report is made, and the competition's mails
leave through the outbox's sending service.

The demo's plan says where each candidate who passed screening should end (`planned`: selected, reserve,
not selected, shortlisted, longlisted or screened in); the scores are set from it, so that the pass rules
and the ranking reproduce it. Each step is done once: a second run finds the plan, the recommendation and
the report, and has no mail left to send.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings

from concours.accounts.models import User
from concours.applications.models import Application
from concours.assessment.models import Criterion, Stage
from concours.assessment.scoring import mean_as_point, members_means, stage_ranking
from concours.assessment.services import (
    consensus_record,
    declarations_record,
    ranking_confirm,
    scorecard_save,
    stage_plan_create,
    stage_update,
    test_results_import,
)
from concours.demo.assessment import seat_panel
from concours.demo.candidates import demo_data
from concours.notifications.models import OutboxMail
from concours.notifications.sending import outbox_send
from concours.selection.models import Placement, Recommendation
from concours.selection.reporting import report_make
from concours.selection.services import (
    authority_name,
    recommendation_approve,
    recommendation_draw,
    recommendation_return,
    recommendation_save,
    recommendation_submit,
)
from concours.vacancies.models import Post, Vacancy

DATA = demo_data("competition")
REFERENCE: str = DATA["reference"]
"""The vacancy the demo takes through its whole competition."""

S = Application.Status
LADDER = (S.SELECTED, S.RESERVE, S.NOT_SELECTED, S.SHORTLISTED, S.LONGLISTED, S.SCREENED_IN)
"""Where the demo's plan leaves a candidate who passed screening, from the furthest."""
INTERVIEWED = frozenset({S.SELECTED, S.RESERVE, S.NOT_SELECTED})
"""Planned states of the candidates the shortlist sends to the final interviews; the plan's "shortlisted"
and "longlisted" stop at the longlist (in a finished competition nobody waits for an interview)."""
LONGLISTED = INTERVIEWED | {S.SHORTLISTED, S.LONGLISTED}
RESERVE_PLACES = 2


@dataclass(frozen=True)
class Completed:
    """What the competition's applications became, and what this run did."""

    statuses: dict[str, int]
    report_made: bool
    mails_sent: int


def best_first(planned: dict[int, str]) -> list[int]:
    """The applications in the order the panel will rank them: by planned state, then as they came."""
    return sorted(planned, key=lambda pk: (LADDER.index(S(planned[pk])), pk))


def completed_demo(*, vacancy: Vacancy, planned: dict[int, str], recruiter: User, password: str) -> Completed:
    """Take `vacancy` through its competition, each step only if not done yet; `planned` maps each
    application that passed screening to where the demo's plan leaves it."""
    # Mails to the panel are not sent while loading; candidates' mails wait in the outbox until the end.
    held_back = {**settings.TASKS["default"], "BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    with override_settings(TASKS={"default": held_back}):
        if not vacancy.stages.exists():
            _assess(
                vacancy=vacancy,
                order=best_first(planned),
                planned=planned,
                recruiter=recruiter,
                password=password,
            )
        if not Recommendation.objects.filter(vacancy=vacancy).exists():
            _decide(vacancy=vacancy, recruiter=recruiter)
    report_made = False
    if not vacancy.selection_reports.exists():
        report_make(vacancy=vacancy, language="en", actor=recruiter)
        report_made = True
    sent = 0
    queued = OutboxMail.objects.filter(application__vacancy=vacancy, state=OutboxMail.State.QUEUED)
    for outbox_id in queued.order_by("pk").values_list("pk", flat=True):
        sent += outbox_send(outbox_id=outbox_id).state == OutboxMail.State.SENT
    statuses: dict[str, int] = {}
    for status in Application.objects.filter(vacancy=vacancy).values_list("status", flat=True):
        statuses[status] = statuses.get(status, 0) + 1
    return Completed(statuses=statuses, report_made=report_made, mails_sent=sent)


# ---------------------------------------------------------------------------------------------------
# The assessment


def _stages(vacancy: Vacancy) -> dict[str, Stage]:
    return {stage.key: stage for stage in Stage.objects.filter(vacancy=vacancy)}


def _comment(value: int, comments: dict[str, str]) -> str:
    return comments.get(str(value), "")


@transaction.atomic
def _assess(
    *, vacancy: Vacancy, order: list[int], planned: dict[int, str], recruiter: User, password: str
) -> None:
    rng = random.Random(f"concours-demo-competition-{REFERENCE}")
    interviewed = sum(1 for pk in order if planned[pk] in INTERVIEWED)
    longlisted = sum(1 for pk in order if planned[pk] in LONGLISTED)
    position = {pk: number for number, pk in enumerate(order)}
    stage_plan_create(vacancy=vacancy, actor=recruiter)
    stages = _stages(vacancy)
    # The recruiter adapts two pass rules: the longlist keeps everyone the panel finds at the required
    # level, the shortlist sends as many to the interviews as the plan says.
    longlist = stage_update(
        stage=stages["longlist"],
        values={"pass_rule": Stage.PassRule.THRESHOLD, "pass_value": Decimal(DATA["longlist_threshold"])},
        actor=recruiter,
    )
    shortlist = stage_update(
        stage=stages["shortlist"],
        values={"pass_rule": Stage.PassRule.TOP_N, "pass_value": Decimal(interviewed)},
        actor=recruiter,
    )
    members = seat_panel(vacancy=vacancy, recruiter=recruiter, password=password)
    candidates = list(Application.objects.filter(vacancy=vacancy, status=S.SCREENED_IN).order_by("pk"))
    # The expert knows the first candidate who stops at the longlist: a conflict, declared before scoring.
    stopping = [pk for pk in order if planned[pk] in LONGLISTED - INTERVIEWED]
    conflicted = stopping[0] if stopping else None
    for key, member in members.items():
        answers = {a.pk: (False, "") for a in candidates}
        if key == "expert" and conflicted is not None:
            answers[conflicted] = (True, DATA["conflict_reason"])
        declarations_record(member=member, answers=answers, actor=member.user)

    # The longlist: each member scores near the candidate's level; only those the plan longlists reach
    # the threshold.
    criteria = list(longlist.criteria.all())
    for application in candidates:
        place = position.get(application.pk, len(order))
        level = (
            5 if place < min(3, interviewed) else 4 if place < interviewed else 3 if place < longlisted else 2
        )
        passes = place < longlisted
        for key, member in members.items():
            if key == "expert" and application.pk == conflicted:
                continue
            values: dict[int, tuple[int | None, str]] = {}
            for criterion in criteria:
                value = level + (rng.choice((-1, 1)) if rng.random() < 0.2 else 0)
                value = max(3, min(5, value)) if passes else max(1, min(2, value))
                values[criterion.pk] = (value, _comment(value, DATA["longlist_comments"]))
            scorecard_save(
                stage=longlist,
                member=member,
                application=application,
                values=values,
                submit=True,
                actor=member.user,
            )
    chair = members["chair"].user
    for application in candidates:
        if position.get(application.pk, len(order)) < longlisted:
            means = members_means(stage=longlist, application=application)
            agreed = {pk: (mean_as_point(mean), "") for pk, mean in means.items() if mean is not None}
            consensus_record(stage=longlist, application=application, values=agreed, actor=chair)
    _confirm(longlist, recruiter)

    # The pre-selection test: the provider's results, imported as CSV; the shortlist ranks on them.
    test = stages["test"].criteria.get(source=Criterion.Source.TEST).test
    assert vacancy.deadline is not None
    taken_on = vacancy.deadline.date() + dt.timedelta(days=int(DATA["test"]["days_after_deadline"]))
    maximum = int(DATA["test"]["maximum"])
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["code", "test", "score", "maximum", "date"])
    for application in Application.objects.filter(vacancy=vacancy, status=S.LONGLISTED).order_by("pk"):
        place = position[application.pk]
        score = 92 - 3 * place if place < interviewed else 70 - 2 * (place - interviewed)
        writer.writerow([application.candidate_code, test, score, maximum, taken_on.isoformat()])
    test_results_import(vacancy=vacancy, data=rows.getvalue().encode(), actor=recruiter)
    _confirm(shortlist, recruiter)

    # The final interviews: each candidate has target points per competency, a total lower by two
    # points for each place down the plan; a member now and then scores one point apart, and the chair
    # agrees the members' rounded mean, which is the target.
    final = stages["final"]
    competencies = [c for c in final.criteria.all() if c.scored_on_scorecards]
    seats = list(members)
    shortlisted = Application.objects.filter(vacancy=vacancy, status=S.SHORTLISTED).order_by("pk")
    for application in shortlisted:
        targets = _interview_points(position[application.pk], len(competencies))
        for index, key in enumerate(seats):
            member = members[key]
            values = {}
            for number, (criterion, target) in enumerate(zip(competencies, targets, strict=True)):
                value = target
                if (number + position[application.pk]) % len(seats) == index and rng.random() < 0.35:
                    value = target - 1 if target == 5 else target + rng.choice((-1, 1))
                values[criterion.pk] = (value, _comment(value, DATA["interview_comments"]))
            scorecard_save(
                stage=final,
                member=member,
                application=application,
                values=values,
                submit=True,
                actor=member.user,
            )
    for application in shortlisted:
        means = members_means(stage=final, application=application)
        agreed = {pk: (mean_as_point(mean), "") for pk, mean in means.items() if mean is not None}
        consensus_record(stage=final, application=application, values=agreed, actor=chair)


def _interview_points(place: int, criteria: int) -> list[int]:
    """Points per criterion adding up to five per criterion less two per place, never below three."""
    total = max(5 * criteria - 2 * place, 3 * criteria)
    base, extra = divmod(total, criteria)
    return [base + 1 if number < extra else base for number in range(criteria)]


def _confirm(stage: Stage, recruiter: User) -> None:
    """The recruiter confirms whom the pass rule proposes."""
    ranking = stage_ranking(stage)
    assert ranking is not None
    passing = [(row.application_id, row.rank, row.tied) for row in ranking.rows if row.proposed]
    ranking_confirm(stage=stage, passing=passing, rule=ranking.rule_text, actor=recruiter)


# ---------------------------------------------------------------------------------------------------
# The decision


def _reason(text: str, row: dict[str, Any], count: int) -> str:
    return text.format(rank=row["rank"], count=count, total=row["total"])


@transaction.atomic
def _decide(*, vacancy: Vacancy, recruiter: User) -> None:
    # The administrator names the demo's appointing authority for the vacancy's own unit.
    authority = User.objects.get(email=DATA["authority"])
    assert vacancy.unit is not None
    authority_name(unit=vacancy.unit, user=authority, actor=User.objects.get(email=DATA["administrator"]))
    recommendation = recommendation_draw(vacancy=vacancy, actor=recruiter)
    rows = sorted(recommendation.ranking, key=lambda row: (row["rank"] is None, row["rank"] or 0))
    posts = list(Post.objects.filter(vacancy=vacancy).order_by("id"))
    chosen, reserve, others = (
        rows[: len(posts)],
        rows[len(posts) : len(posts) + RESERVE_PLACES],
        rows[len(posts) + RESERVE_PLACES :],
    )
    reasons = DATA["reasons"]
    count = len(rows)
    selections = {
        post.pk: (int(row["application"]), _reason(reasons["selected"], row, count))
        for post, row in zip(posts, chosen, strict=True)
    }
    not_selected = {
        int(row["application"]): (
            Placement.Outcome.NOT_SELECTED.value,
            _reason(reasons["not_selected"], row, count),
        )
        for row in others
    }

    def placed(text: str) -> dict[int, tuple[str, str]]:
        on_reserve = {
            int(row["application"]): (Placement.Outcome.RESERVE.value, _reason(text, row, count))
            for row in reserve
        }
        return {**on_reserve, **not_selected}

    recommendation = recommendation_save(
        recommendation=recommendation,
        version=recommendation.version,
        selections=selections,
        others=placed(reasons["reserve"]),
        actor=recruiter,
    )
    recommendation = recommendation_submit(
        recommendation=recommendation, version=recommendation.version, actor=recruiter
    )
    # The authority asks why the reserve list is as it is; the recruiter answers in the reasons.
    recommendation = recommendation_return(
        recommendation=recommendation,
        version=recommendation.version,
        comments=DATA["return_comment"],
        actor=authority,
    )
    recommendation = recommendation_save(
        recommendation=recommendation,
        version=recommendation.version,
        selections=selections,
        others=placed(DATA["revised_reasons"]["reserve"]),
        actor=recruiter,
    )
    recommendation = recommendation_submit(
        recommendation=recommendation, version=recommendation.version, actor=recruiter
    )
    recommendation_approve(recommendation=recommendation, version=recommendation.version, actor=authority)
