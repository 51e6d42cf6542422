"""The assessment's services: the plan, declarations, scorecards, consensus, ranking."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.test import TestCase

from assessment_scenario import declare_all, score
from concours.applications.models import Application
from concours.assessment import services
from concours.assessment.models import Criterion, Declaration, PanelMember, Scorecard, Stage
from concours.assessment.scoring import stage_agreement, stage_ranking
from concours.core.errors import DomainError, NotAllowed
from concours.core.models import AuditEvent, AuditEventType

pytestmark = pytest.mark.django_db


def test_the_default_plan_is_copied_with_criteria_and_timeline(competition) -> None:  # type: ignore[no-untyped-def]
    """Six stages in NATO's order; criteria from the notice; when and where from its timeline."""
    stages = list(Stage.objects.filter(vacancy=competition.vacancy).order_by("position"))
    assert [s.key for s in stages] == ["screening", "longlist", "test", "shortlist", "final", "selection"]
    longlist = competition.stage("longlist")
    assert longlist.blind and longlist.entry_status == "screened_in" and longlist.advances_to == "longlisted"
    assert [c.source for c in longlist.criteria.all()] == ["key_challenge", "qualification", "qualification"]
    assert competition.stage("test").when == "second half of December 2026"
    final = competition.stage("final")
    assert (final.when, final.where) == ("first half of February 2027", "Brussels, Belgium")
    assert next(c.required_level for c in final.criteria.all()) == "Sets and works to meet challenging goals"
    assert AuditEvent.objects.filter(event_type=AuditEventType.STAGE_PLAN_CREATED).count() == 1
    with pytest.raises(DomainError):
        services.stage_plan_create(vacancy=competition.vacancy, actor=competition.recruiter)


def test_a_recruiter_adapts_the_plan(competition) -> None:  # type: ignore[no-untyped-def]
    """Rename in both languages, reorder, add and remove a stage; each change is audited."""
    test = competition.stage("test")
    services.stage_update(
        stage=test,
        values={"name": "Language test", "name_fr": "Test linguistique"},
        actor=competition.recruiter,
    )
    services.stage_move(stage=test, up=True, actor=competition.recruiter)
    added = services.stage_add(
        vacancy=competition.vacancy,
        values={
            "name": "Presentation",
            "kind": "interview",
            "scorers": "panel",
            "pass_rule": "panel_decision",
            "entry_status": "shortlisted",
        },
        actor=competition.recruiter,
    )
    services.stage_remove(stage=competition.stage("selection"), actor=competition.recruiter)
    keys = list(
        Stage.objects.filter(vacancy=competition.vacancy).order_by("position").values_list("key", flat=True)
    )
    assert keys == ["screening", "test", "longlist", "shortlist", "final", added.key]
    assert Stage.objects.get(pk=test.pk).name_fr == "Test linguistique"
    kinds = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"STAGE_CHANGED", "STAGE_MOVED", "STAGE_ADDED", "STAGE_REMOVED"} <= kinds


def test_a_stage_cannot_move_applications_where_the_workflow_does_not(competition) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match="workflow"):
        services.stage_update(
            stage=competition.stage("longlist"),
            values={"advances_to": "shortlisted"},
            actor=competition.recruiter,
        )


def test_members_are_invited_by_mail(competition) -> None:  # type: ignore[no-untyped-def]
    """Each member added gets a mail with the link to declare conflicts."""
    assert len(mail.outbox) == 4
    assert all("conflict of interest" in message.body for message in mail.outbox)


def test_a_conflict_needs_a_reason_and_is_audited(competition) -> None:  # type: ignore[no-untyped-def]
    first = competition.applications[0]
    with pytest.raises(DomainError):
        services.declarations_record(
            member=competition.members["expert"],
            answers={first.pk: (True, "")},
            actor=competition.user("expert"),
        )
    declare_all(competition, "expert", {first.pk: "My former direct report."})
    assert Declaration.objects.get(member=competition.members["expert"], application=first).conflicted
    events = AuditEvent.objects.filter(
        event_type=AuditEventType.CONFLICT_DECLARED, extra__application=first.pk
    )
    assert events.get().extra["reason"] == "My former direct report."


def test_the_chair_is_told_when_too_few_scorers_remain(competition, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CONCOURS_MIN_SCORERS = 3
    mail.outbox.clear()
    first = competition.applications[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        declare_all(competition, "expert", {first.pk: "Family."})
    assert [m.to for m in mail.outbox] == [[competition.user("chair").email]]
    assert first.candidate_code in mail.outbox[0].body
    assert AuditEvent.objects.filter(event_type=AuditEventType.PANEL_SHORT_OF_SCORERS).count() == 1


def test_scorecards_lock_on_submit_and_change_only_with_a_reason(competition) -> None:  # type: ignore[no-untyped-def]
    declare_all(competition, "chair")
    first = competition.applications[0]
    card = score(competition, "chair", first, 3, submit=False)
    assert card.status == Scorecard.Status.DRAFT
    card = score(competition, "chair", first, 4)
    assert card.status == Scorecard.Status.SUBMITTED
    with pytest.raises(DomainError, match="reason"):
        score(competition, "chair", first, 2)
    stage = competition.stage("longlist")
    services.scorecard_save(
        stage=stage,
        member=competition.members["chair"],
        application=first,
        values={c.pk: (2, "") for c in stage.criteria.all()},
        submit=True,
        actor=competition.user("chair"),
        reason="Misread the essay's second part.",
    )
    amended = AuditEvent.objects.get(event_type=AuditEventType.SCORECARD_AMENDED)
    assert amended.extra["reason"] == "Misread the essay's second part."
    assert {v["value"] for v in amended.extra["old"].values()} == {4}
    assert {v["value"] for v in amended.extra["new"].values()} == {2}


def test_extreme_scores_need_a_comment(competition) -> None:  # type: ignore[no-untyped-def]
    declare_all(competition, "chair")
    stage = competition.stage("longlist")
    with pytest.raises(DomainError, match="needs a comment"):
        services.scorecard_save(
            stage=stage,
            member=competition.members["chair"],
            application=competition.applications[0],
            values={c.pk: (5, "") for c in stage.criteria.all()},
            submit=True,
            actor=competition.user("chair"),
        )
    assert not Scorecard.objects.filter(status="submitted").exists()


def test_no_scoring_before_declaring_nor_when_conflicted_nor_as_observer(competition) -> None:  # type: ignore[no-untyped-def]
    first = competition.applications[0]
    with pytest.raises(DomainError, match="Declare"):
        score(competition, "expert", first, 3)
    declare_all(competition, "expert", {first.pk: "Former colleague."})
    with pytest.raises(NotAllowed):
        score(competition, "expert", first, 3)
    declare_all(competition, "observer")
    with pytest.raises(NotAllowed):
        score(competition, "observer", competition.applications[1], 3)


def test_a_member_who_submitted_a_scorecard_stays_on_the_panel(competition) -> None:  # type: ignore[no-untyped-def]
    declare_all(competition, "expert")
    first = competition.applications[0]
    card = score(competition, "expert", first, 3)
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="This member has submitted scorecards"):
        services.panel_member_remove(member=competition.members["expert"], actor=competition.recruiter)
    assert PanelMember.objects.filter(pk=competition.members["expert"].pk).exists()
    assert Scorecard.objects.get(pk=card.pk).status == Scorecard.Status.SUBMITTED
    assert AuditEvent.objects.count() == events


def test_a_member_removed_twice_is_refused_the_second_time(competition) -> None:  # type: ignore[no-untyped-def]
    pk = competition.members["expert"].pk
    seen_here, seen_there = PanelMember.objects.get(pk=pk), PanelMember.objects.get(pk=pk)  # two pages
    services.panel_member_remove(member=seen_here, actor=competition.recruiter)
    assert not PanelMember.objects.filter(pk=pk).exists()
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="This member was already removed from the panel"):
        services.panel_member_remove(member=seen_there, actor=competition.recruiter)
    assert AuditEvent.objects.count() == events


def test_a_member_removed_from_the_panel_no_longer_scores(competition) -> None:  # type: ignore[no-untyped-def]
    declare_all(competition, "expert")
    first = competition.applications[0]
    score(competition, "expert", first, 3, submit=False)
    removed = PanelMember.objects.get(pk=competition.members["expert"].pk)  # the recruiter's page
    services.panel_member_remove(member=removed, actor=competition.recruiter)
    with pytest.raises(NotAllowed, match="You are no longer on this panel"):
        score(competition, "expert", first, 3)  # the member's page read the seat before
    assert not Scorecard.objects.filter(application=first).exists()


def _score_everyone(competition) -> None:  # type: ignore[no-untyped-def]
    """Three members score the four candidates: totals 4, 4, 3 and 2 (a tie at the top)."""
    for key in ("chair", "expert", "manager", "observer"):
        declare_all(competition, key)
    for application, value in zip(competition.applications, (4, 4, 3, 2), strict=True):
        for key in ("chair", "expert", "manager"):
            score(competition, key, application, value)


def test_ranking_shows_ties_and_confirming_moves_with_rule_and_rank(competition) -> None:  # type: ignore[no-untyped-def]
    _score_everyone(competition)
    stage = competition.stage("longlist")
    services.stage_update(stage=stage, values={"pass_value": 1}, actor=competition.recruiter)
    ranking = stage_ranking(competition.stage("longlist"))
    assert ranking is not None
    assert [(row.rank, row.tied) for row in ranking.rows] == [(1, True), (1, True), (3, False), (4, False)]
    assert [row.proposed for row in ranking.rows] == [True, True, False, False]
    assert ranking.note and "2" in ranking.note  # the cut fell in a tie: both kept, and said so
    top = ranking.rows[0]
    services.ranking_confirm(
        stage=stage,
        passing=[(top.application_id, top.rank, top.tied)],
        rule=ranking.rule_text,
        actor=competition.recruiter,
    )
    moved = Application.objects.get(pk=top.application_id)
    assert moved.status == "longlisted"
    reason = moved.transitions.get(to_status="longlisted").reason
    assert "rank 1" in reason and "tied" in reason and "N = 1" in reason


def test_agreement_comes_from_the_kernel(competition) -> None:  # type: ignore[no-untyped-def]
    """Perfect agreement over varied candidates: alpha 1."""
    _score_everyone(competition)
    found = stage_agreement(competition.stage("longlist"))
    assert found is not None
    figures, _card = found
    assert figures.overall.value == pytest.approx(1.0)
    assert all(m.mean_absolute_deviation == 0 for m in figures.members)


def test_consensus_needs_a_reason_where_it_differs_from_the_mean(competition) -> None:  # type: ignore[no-untyped-def]
    _score_everyone(competition)
    stage = competition.stage("longlist")
    first = competition.applications[0]
    criteria = [c.pk for c in stage.criteria.all()]
    with pytest.raises(DomainError, match="say why"):
        services.consensus_record(
            stage=stage,
            application=first,
            values={pk: (3, "") for pk in criteria},
            actor=competition.user("chair"),
        )
    with pytest.raises(NotAllowed):
        services.consensus_record(
            stage=stage,
            application=first,
            values={pk: (4, "") for pk in criteria},
            actor=competition.user("expert"),
        )
    values = {pk: (4, "") for pk in criteria}
    values[criteria[0]] = (3, "The essay did not address the budget.")
    made = services.consensus_record(
        stage=stage, application=first, values=values, actor=competition.user("chair")
    )
    assert [c.value for c in made] == [3, 4, 4]
    assert AuditEvent.objects.filter(event_type=AuditEventType.CONSENSUS_RECORDED).count() == 1
    ranking = stage_ranking(stage)
    assert ranking is not None
    row = next(r for r in ranking.rows if r.application_id == first.pk)
    assert str(row.total) == "3.67" and not row.provisional


def test_a_test_criterion_is_not_on_scorecards(competition) -> None:  # type: ignore[no-untyped-def]
    test = competition.stage("test").criteria.get()
    assert test.source == Criterion.Source.TEST and not test.scored_on_scorecards


def _at_the_last_stage(competition) -> list[Application]:  # type: ignore[no-untyped-def]
    """Two candidates through the shortlist, waiting at the plan's last stage."""
    chosen = competition.applications[:2]
    Application.objects.filter(pk__in=[a.pk for a in chosen]).update(status=Application.Status.SHORTLISTED)
    return chosen


def _nothing_decided(competition, chosen: list[Application]) -> None:  # type: ignore[no-untyped-def]
    assert [Application.objects.get(pk=a.pk).status for a in chosen] == ["shortlisted", "shortlisted"]
    assert not Application.objects.filter(vacancy=competition.vacancy, transitions__isnull=False).exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.RANKING_CONFIRMED).exists()


def test_confirming_the_last_stage_selects_nobody(competition) -> None:  # type: ignore[no-untyped-def]
    """The bug: the last stage's confirmation moved those ticked to "selected", before the appointing
    authority approved anything. The plan's last stage moves nobody: its ranking feeds the recommendation."""
    chosen = _at_the_last_stage(competition)
    last = competition.stage("selection")
    assert (last.entry_status, last.advances_to) == ("shortlisted", "")
    with pytest.raises(DomainError, match=r"last stage.*appointing authority approves"):
        services.ranking_confirm(
            stage=last,
            passing=[(a.pk, rank, False) for rank, a in enumerate(chosen, start=1)],
            rule="Panel decision",
            actor=competition.recruiter,
        )
    _nothing_decided(competition, chosen)


def test_a_stage_copied_when_it_still_selected_selects_nobody(competition) -> None:  # type: ignore[no-untyped-def]
    """A last stage copied from the earlier plan (moving to "selected"): its confirmation is refused before
    anything moves, and the migration sets it to move nobody."""
    chosen = _at_the_last_stage(competition)
    Stage.objects.filter(pk=competition.stage("selection").pk).update(advances_to="selected")
    with pytest.raises(DomainError, match="appointing authority's approval of the recommendation"):
        services.ranking_confirm(
            stage=competition.stage("selection"),
            passing=[(a.pk, 1, True) for a in chosen],
            rule="Panel decision",
            actor=competition.recruiter,
        )
    _nothing_decided(competition, chosen)
    migration = importlib.import_module("concours.assessment.migrations.0002_stages_never_move_to_a_decision")
    migration.forwards(django_apps, None)
    assert competition.stage("selection").advances_to == ""
    assert competition.stage("longlist").advances_to == "longlisted"


@pytest.mark.parametrize("target", ["selected", "reserve", "not_selected"])
def test_no_stage_may_be_set_to_decide(competition, target: str) -> None:  # type: ignore[no-untyped-def]
    final = competition.stage("final")
    with pytest.raises(DomainError, match="appointing authority's approval of the recommendation decides"):
        services.stage_update(stage=final, values={"advances_to": target}, actor=competition.recruiter)
    assert competition.stage("final").advances_to == ""
