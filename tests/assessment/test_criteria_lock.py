"""Criteria change and scorecards are submitted one after the other: never a submitted scorecard that
misses a criterion of its stage, or that scores one removed meanwhile."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction

from assessment_scenario import Competition, build_competition, declare_all, score
from concours.assessment import services
from concours.assessment.models import Criterion, Scorecard
from concours.core.errors import DomainError

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: run with scripts/with-postgres.sh"
    ),
    # Each side commits on a connection of its own, as two web workers do.
    pytest.mark.django_db(transaction=True),
]


def _someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return bool(cursor.fetchone()[0])


def race(first: Callable[[], Any], second: Callable[[], Any]) -> tuple[bool, str]:
    """`first` runs and holds its transaction open; `second` starts meanwhile on another connection.
    Once `second` is seen waiting for a lock (or has finished), `first` commits. Returns whether
    `second` waited, and what it answered: "done" or the message of its refusal."""
    holding, release = threading.Event(), threading.Event()
    answer: list[str] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                first()
                holding.set()
                release.wait(20)
        finally:
            connection.close()

    def then() -> None:
        try:
            second()
            answer.append("done")
        except DomainError as error:
            answer.append(error.message)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        other = threading.Thread(target=then)
        other.start()
        waited = False
        deadline = time.monotonic() + 10
        while other.is_alive() and time.monotonic() < deadline:
            if _someone_waits_for_a_lock():
                waited = True
                break
            time.sleep(0.02)
    finally:
        release.set()
        holder.join()
    other.join(20)
    assert not other.is_alive()
    return waited, answer[0]


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
