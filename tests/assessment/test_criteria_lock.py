"""Criteria change and scorecards are submitted one after the other: never a submitted scorecard that
misses a criterion of its stage, or that scores one removed meanwhile."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assessment_scenario import Competition, build_competition, declare_all, score
from concours.assessment import services
from concours.assessment.models import Criterion, Scorecard
from row_lock_race import POSTGRES_RACE, race

pytestmark = POSTGRES_RACE


def _add_criterion(competition: Competition) -> Any:
    return services.criterion_add(
        stage=competition.stage("longlist"),
        name="Budget planning",
        name_fr="Planification budgétaire",
        weight=Decimal("1"),
        actor=competition.recruiter,
    )


def test_a_criterion_added_while_a_scorecard_is_submitted_waits_and_is_refused() -> None:
    competition = build_competition()
    declare_all(competition, "chair")
    first = competition.applications[0]
    stage = competition.stage("longlist")
    before = set(stage.criteria.values_list("pk", flat=True))

    waited, answer = race(lambda: score(competition, "chair", first, 3), lambda: _add_criterion(competition))

    assert waited
    assert "its criteria are fixed" in answer
    assert set(stage.criteria.values_list("pk", flat=True)) == before
    card = Scorecard.objects.get(stage=stage, application=first)
    assert card.status == Scorecard.Status.SUBMITTED
    assert set(card.scores.values_list("criterion_id", flat=True)) == before


def test_a_scorecard_submitted_while_a_criterion_is_added_waits_and_needs_its_score() -> None:
    competition = build_competition()
    declare_all(competition, "chair")
    first = competition.applications[0]
    stage = competition.stage("longlist")
    values = {c.pk: (3, "") for c in stage.criteria.all()}  # the criteria the member saw

    def submit() -> Any:
        return services.scorecard_save(
            stage=stage,
            member=competition.members["chair"],
            application=first,
            values=values,
            submit=True,
            actor=competition.user("chair"),
        )

    waited, answer = race(lambda: _add_criterion(competition), submit)

    assert waited
    assert "“Budget planning” has no score." in answer
    assert not Scorecard.objects.filter(stage=stage, status=Scorecard.Status.SUBMITTED).exists()


def test_a_criterion_removed_while_a_scorecard_is_submitted_waits_and_is_refused() -> None:
    competition = build_competition()
    declare_all(competition, "chair")
    first = competition.applications[0]
    stage = competition.stage("longlist")
    criterion = stage.criteria.first()
    assert criterion is not None

    waited, answer = race(
        lambda: score(competition, "chair", first, 3),
        lambda: services.criterion_remove(criterion=criterion, actor=competition.recruiter),
    )

    assert waited
    assert "its criteria are fixed" in answer
    assert Criterion.objects.filter(pk=criterion.pk).exists()
    card = Scorecard.objects.get(stage=stage, application=first)
    assert card.scores.filter(criterion=criterion).exists()
