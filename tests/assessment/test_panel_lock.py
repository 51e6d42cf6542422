"""A member taken off the panel and their scorecard submitted go one after the other (never a submitted
scorecard deleted with its member); a consensus recorded while a scorecard is submitted is checked
against the means with that scorecard in."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assessment_scenario import Competition, build_competition, declare_all, score
from concours.assessment import services
from concours.assessment.models import Consensus, PanelMember, Scorecard
from row_lock_race import POSTGRES_RACE, race

pytestmark = POSTGRES_RACE


def _remove(competition: Competition, key: str) -> Any:
    return services.panel_member_remove(member=competition.members[key], actor=competition.recruiter)


def test_a_member_removed_while_submitting_waits_and_is_refused() -> None:
    competition = build_competition()
    declare_all(competition, "expert")
    first = competition.applications[0]
    draft = score(competition, "expert", first, 3, submit=False)  # saved earlier, submitted now

    waited, answer = race(
        lambda: score(competition, "expert", first, 3), lambda: _remove(competition, "expert")
    )

    assert "This member has submitted scorecards" in answer
    assert waited
    assert PanelMember.objects.filter(pk=competition.members["expert"].pk).exists()
    card = Scorecard.objects.get(pk=draft.pk)
    assert card.status == Scorecard.Status.SUBMITTED and card.scores.count() == 3


def test_a_scorecard_submitted_while_the_member_is_removed_waits_and_is_refused() -> None:
    competition = build_competition()
    declare_all(competition, "expert")
    first = competition.applications[0]
    score(competition, "expert", first, 3, submit=False)  # a draft: removed with its member

    waited, answer = race(
        lambda: _remove(competition, "expert"), lambda: score(competition, "expert", first, 3)
    )

    assert answer == "You are no longer on this panel: your scores were not saved."
    assert waited
    assert not PanelMember.objects.filter(pk=competition.members["expert"].pk).exists()
    assert not Scorecard.objects.filter(application=first).exists()


def _scored_three_by_two(competition: Competition) -> Any:
    """The chair and the expert submit 3 for the first candidate; the manager has declared, not scored."""
    for key in ("chair", "expert", "manager"):
        declare_all(competition, key)
    first = competition.applications[0]
    for key in ("chair", "expert"):
        score(competition, key, first, 3)
    return first


def _agree(competition: Competition, application: Any, value: int) -> Any:
    stage = competition.stage("longlist")
    return services.consensus_record(
        stage=stage,
        application=application,
        values={c.pk: (value, "") for c in stage.criteria.all()},
        actor=competition.user("chair"),
    )


def test_a_consensus_recorded_while_a_scorecard_is_submitted_waits_and_sees_it() -> None:
    """Without a reason, 3 agrees with the mean of the two scorecards read before the manager's 5 is in;
    with it the mean is 3.67, nearest point 4: the 3 needs a reason."""
    competition = build_competition()
    first = _scored_three_by_two(competition)

    waited, answer = race(
        lambda: score(competition, "manager", first, 5), lambda: _agree(competition, first, 3)
    )

    assert "the agreed score differs from the members' mean; say why" in answer
    assert waited
    assert not Consensus.objects.filter(application=first).exists()


def test_a_consensus_recorded_while_a_scorecard_is_submitted_keeps_the_mean_with_it() -> None:
    competition = build_competition()
    first = _scored_three_by_two(competition)

    waited, answer = race(
        lambda: score(competition, "manager", first, 5), lambda: _agree(competition, first, 4)
    )

    assert answer == "done"
    assert waited
    assert set(Consensus.objects.filter(application=first).values_list("members_mean", flat=True)) == {
        Decimal("3.67")
    }
