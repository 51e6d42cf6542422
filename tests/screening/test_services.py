from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import TestCase
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application, Transition
from concours.applications.services import application_submit, application_transition, application_withdraw
from concours.candidates.models import CandidateProfile
from concours.core.audit import audit_events_for
from concours.core.errors import DomainError
from concours.core.models import AuditEventType
from concours.screening import services as screening_services
from concours.screening.models import Verdict
from concours.screening.selectors import check_lines
from concours.screening.services import application_screen, vacancy_screen_all, verdict_decide
from factories import ProfileFactory, VacancyFactory, cv_upload, essay_upload, make_user

pytestmark = pytest.mark.django_db

NATO_NOTICE = {
    "organisation": "NATO",
    "body": "NATO International Staff",
    "title": "Policy Officer",
    "location": "Brussels, Belgium",
    "nationality_restriction": None,
    "essential_qualifications": ["have a university degree in a relevant field;"],
    "experience": [{"min_years": 5, "max_years": None, "of": "policy development"}],
    "degree": {"min_level": "bachelor", "preferred_level": "master"},
    "languages": {
        "scale": "NATO",
        "any_of": [
            [{"language": "en", "min_level": "V"}, {"language": "fr", "min_level": "II"}],
            [{"language": "fr", "min_level": "V"}, {"language": "en", "min_level": "II"}],
        ],
    },
    "essay": None,
}


def apply(nationalities: list[str], vacancy=None) -> Verdict:  # type: ignore[no-untyped-def]
    profile: CandidateProfile = ProfileFactory(nationalities=nationalities)
    vacancy = vacancy or VacancyFactory(notice=NATO_NOTICE)
    # The screening task is enqueued when the submission commits; run those callbacks here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        application = application_submit(
            candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=essay_upload(), actor=profile.user
        )
    return Verdict.objects.get(application=application)


def test_submission_is_screened_by_the_background_task() -> None:
    """A submitted application gets its verdict without anyone asking."""
    verdict = apply(["BE"])
    assert verdict.eligible == "yes"
    assert {c["criterion"] for c in verdict.checks} >= {"nationality", "languages", "experience", "degree"}


def test_a_non_member_national_is_not_eligible_with_a_reason_in_both_languages() -> None:
    """A Swiss national fails the nationality check of a NATO post; the reason reads in EN and FR."""
    verdict = apply(["CH"])
    assert verdict.eligible == "no"
    nationality = next(c for c in verdict.checks if c["criterion"] == "nationality")
    line_en = next(x for x in check_lines([nationality], "en"))
    line_fr = next(x for x in check_lines([nationality], "fr"))
    assert line_en.result == "fail" and "NATO" in line_en.reason
    assert line_fr.reason != line_en.reason and "OTAN" in line_fr.reason


def test_an_override_is_kept_with_who_when_why_and_survives_rescreening() -> None:
    """The recruiter's decision stays after the application and the vacancy are screened again."""
    verdict = apply(["CH"])
    recruiter = make_user(Role.RECRUITER)
    verdict_decide(
        verdict=verdict, eligible="yes", reason="Holds a NATO nationality since 2026", actor=recruiter
    )
    application_screen(application=verdict.application)
    vacancy_screen_all(vacancy=verdict.application.vacancy, actor=recruiter)
    verdict.refresh_from_db()
    assert (verdict.eligible, verdict.final, verdict.decision) == ("no", "yes", "overridden")
    assert verdict.decided_by == recruiter and verdict.decided_at is not None
    assert verdict.decision_reason == "Holds a NATO nationality since 2026"
    event = audit_events_for(verdict.application).get(event_type="VERDICT_OVERRIDDEN")
    assert event.actor == recruiter and event.extra["reason"] == "Holds a NATO nationality since 2026"


def test_an_override_without_a_reason_is_refused() -> None:
    """Going against the screening needs a reason; confirming does not."""
    verdict = apply(["CH"])
    recruiter = make_user(Role.RECRUITER)
    with pytest.raises(DomainError, match="reason"):
        verdict_decide(verdict=verdict, eligible="yes", reason=" ", actor=recruiter)
    confirmed = verdict_decide(verdict=verdict, eligible="no", reason="", actor=recruiter)
    assert confirmed.decision == "confirmed"


def test_bulk_screening_gives_every_submitted_application_a_verdict() -> None:
    """Screening a vacancy counts yes, no and review over all its applications."""
    vacancy = VacancyFactory(notice=NATO_NOTICE)
    for nationalities in (["BE"], ["CH"], ["FR", "CH"], ["JP"]):
        apply(nationalities, vacancy)
    Verdict.objects.all().delete()
    report = vacancy_screen_all(vacancy=vacancy, actor=make_user(Role.RECRUITER))
    assert report.screened == 4 and report.counts["yes"] == 2 and report.counts["no"] == 2
    assert Verdict.objects.filter(application__vacancy=vacancy).count() == 4
    assert audit_events_for(vacancy).filter(event_type="VACANCY_SCREENED").exists()


def test_membership_is_judged_at_the_application_date() -> None:
    """A Finn applying on 3 April 2023 is not yet eligible; on 4 April 2023 they are."""
    vacancy = VacancyFactory(notice=NATO_NOTICE, deadline=dt.datetime(2023, 5, 1, tzinfo=dt.UTC))
    profile = ProfileFactory(nationalities=["FI"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        application = application_submit(
            candidate=profile,
            vacancy=vacancy,
            cv=cv_upload(),
            essay=essay_upload(),
            actor=profile.user,
            now=dt.datetime(2023, 4, 3, 12, tzinfo=dt.UTC),
        )
    assert Verdict.objects.get(application=application).eligible == "no"
    application.submitted_at = dt.datetime(2023, 4, 4, 12, tzinfo=dt.UTC)
    application.save()
    assert application_screen(application=application).eligible == "yes"


def test_the_candidate_sees_what_the_profile_does_not_show_and_can_still_apply(client) -> None:  # type: ignore[no-untyped-def]
    """The apply page lists unmet requirements before submission; submitting still works."""
    profile = ProfileFactory(nationalities=["CH"])
    vacancy = VacancyFactory(notice=NATO_NOTICE)
    client.force_login(profile.user)
    page = client.get(reverse("applications:apply", args=[vacancy.pk])).content.decode()
    assert "What your profile does not show" in page and "Nationality" in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("applications:apply", args=[vacancy.pk]),
            {"cv": cv_upload(), "essay": essay_upload(), "confirm": "on"},
        )
    assert Verdict.objects.get(application__candidate=profile).eligible == "no"
    assert response.status_code == 302


def test_the_recruiter_filters_by_verdict_and_records_a_decision(client) -> None:  # type: ignore[no-untyped-def]
    """The vacancy page filters on eligibility; the decision form records an override."""
    vacancy = VacancyFactory(notice=NATO_NOTICE)
    eligible, not_eligible = apply(["BE"], vacancy), apply(["CH"], vacancy)
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:vacancy", args=[vacancy.pk]), {"eligible": "no"}).content.decode()
    assert not_eligible.application.candidate.name in page
    assert eligible.application.candidate.name not in page
    detail = client.get(
        reverse("backoffice:application", args=[not_eligible.application_id])
    ).content.decode()
    assert "Not eligible" in detail and "NATO" in detail
    client.post(
        reverse("backoffice:decide", args=[not_eligible.application_id]),
        {
            "decision-eligible": "yes",
            "decision-reason": "Dual national, passport seen",
            "decision-seen": not_eligible.revision,
        },
    )
    not_eligible.refresh_from_db()
    assert not_eligible.final == "yes"


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.PANEL_MEMBER, Role.HIRING_MANAGER])
def test_only_recruiters_screen_or_decide(client, role: Role) -> None:  # type: ignore[no-untyped-def]
    """Other roles are refused both actions."""
    verdict = apply(["CH"])
    client.force_login(make_user(role))
    assert client.post(reverse("backoffice:screen", args=[verdict.application.vacancy_id])).status_code == 403
    response = client.post(
        reverse("backoffice:decide", args=[verdict.application_id]), {"eligible": "yes", "reason": "x"}
    )
    assert response.status_code == 403
    verdict.refresh_from_db()
    assert verdict.decision == ""


SCREENED_KEYS = {"language", "scale", "level", "completed", "start", "end", "fte", "tags"}


def _comparable(rows: list[Any]) -> list[str]:
    # Keys sorted: PostgreSQL's jsonb gives them back in an order of its own.
    return sorted(str(sorted((k, v) for k, v in row.items() if k in SCREENED_KEYS)) for row in rows)


def test_bulk_and_single_screening_agree() -> None:
    """The bulk path (plain SQL reads, one upsert) gives exactly the verdicts of the one-by-one path,
    both from the profiles as submitted: editing a profile afterwards changes neither."""
    from concours.candidates.selectors import profile_as_contract
    from concours.screening.selectors import submitted_profiles_for_vacancy

    vacancy = VacancyFactory(notice=NATO_NOTICE)
    verdicts = [apply(n, vacancy) for n in (["BE"], ["CH"], ["FI", "SE"], ["GB"])]
    bulk_profiles = submitted_profiles_for_vacancy(vacancy=vacancy)
    for verdict in verdicts:
        single = profile_as_contract(verdict.application.candidate)
        bulk = bulk_profiles[verdict.application_id]
        assert bulk == verdict.application.profile_snapshot
        assert bulk["nationalities"] == single["nationalities"]
        for key in ("languages", "education", "experience"):
            assert _comparable(bulk[key]) == _comparable(single[key]), key
    # After the deadline everyone becomes Swiss (not a NATO member): neither path may notice.
    CandidateProfile.objects.filter(applications__vacancy=vacancy).update(nationalities=["CH"])
    singles = {v.application_id: (v.eligible, v.checks) for v in verdicts}
    assert [v.eligible for v in verdicts] == ["yes", "no", "yes", "yes"]
    for verdict in verdicts:
        again = application_screen(application=verdict.application)
        assert (again.eligible, again.checks) == singles[verdict.application_id]
    vacancy_screen_all(vacancy=vacancy, actor=None)
    for verdict in Verdict.objects.filter(application__vacancy=vacancy):
        assert (verdict.eligible, verdict.checks) == singles[verdict.application_id]


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection, as in production
def test_a_worker_screens_submissions_queued_in_the_database(settings) -> None:  # type: ignore[no-untyped-def]
    """With the production backend the task waits in the database until `concours db_worker` runs it."""
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    profile = ProfileFactory(nationalities=["BE"])
    application = application_submit(
        candidate=profile,
        vacancy=VacancyFactory(notice=NATO_NOTICE),
        cv=cv_upload(),
        essay=None,
        actor=profile.user,
    )
    assert not Verdict.objects.filter(application=application).exists()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert Verdict.objects.get(application=application).eligible == "yes"


# The verdict's decision and the application's state agree: the decision moves the application.

S = Application.Status


def moves(verdict: Verdict) -> list[tuple[str, str, str]]:
    """The recruiters' moves of the verdict's application: (from, to, reason), oldest first."""
    return list(
        Transition.objects.filter(application_id=verdict.application_id)
        .exclude(to_status=S.SUBMITTED)
        .values_list("from_status", "to_status", "reason")
    )


def status_of(verdict: Verdict) -> str:
    return Application.objects.get(pk=verdict.application_id).status


def test_confirming_eligible_screens_the_application_in_with_the_reason() -> None:
    """Submitted → screened in, by the recruiter, in a Transition that carries the reason."""
    verdict = apply(["BE"])
    recruiter = make_user(Role.RECRUITER)
    verdict_decide(verdict=verdict, eligible="yes", reason="Passport and diplomas seen", actor=recruiter)
    assert status_of(verdict) == S.SCREENED_IN
    assert moves(verdict) == [(S.SUBMITTED, S.SCREENED_IN, "Passport and diplomas seen")]
    assert (
        Transition.objects.get(application_id=verdict.application_id, to_status=S.SCREENED_IN).actor
        == recruiter
    )
    event = audit_events_for(verdict.application).get(event_type=AuditEventType.VERDICT_CONFIRMED)
    assert event.extra["moved_to"] == S.SCREENED_IN


def test_overriding_to_not_eligible_and_back_moves_out_and_in_again() -> None:
    """Eligible by rule, overridden to not eligible (screened out), then back to eligible (screened in)."""
    verdict = apply(["BE"])
    recruiter = make_user(Role.RECRUITER)
    verdict_decide(
        verdict=verdict, eligible="no", reason="Nationality acquired after the deadline", actor=recruiter
    )
    assert status_of(verdict) == S.SCREENED_OUT
    verdict_decide(
        verdict=verdict, eligible="yes", reason="Certificate dated before the deadline", actor=recruiter
    )
    assert status_of(verdict) == S.SCREENED_IN
    assert moves(verdict) == [
        (S.SUBMITTED, S.SCREENED_OUT, "Nationality acquired after the deadline"),
        (S.SCREENED_OUT, S.SCREENED_IN, "Certificate dated before the deadline"),
    ]


def test_a_confirmation_without_a_reason_still_moves_with_one() -> None:
    """Confirming needs no reason from the recruiter; the move says it was the screening's result."""
    verdict = apply(["CH"])
    verdict_decide(verdict=verdict, eligible="no", reason="", actor=make_user(Role.RECRUITER))
    assert moves(verdict) == [(S.SUBMITTED, S.SCREENED_OUT, "Screening result confirmed.")]


def test_a_decision_the_state_already_agrees_with_moves_nothing() -> None:
    """Screened in and confirmed again, or longlisted and eligible: no new Transition."""
    verdict = apply(["BE"])
    recruiter = make_user(Role.RECRUITER)
    verdict_decide(verdict=verdict, eligible="yes", reason="", actor=recruiter)
    verdict_decide(verdict=verdict, eligible="yes", reason="Seen again", actor=recruiter)
    application_transition(application=verdict.application, to=S.LONGLISTED, reason="Strong", actor=recruiter)
    verdict_decide(verdict=verdict, eligible="yes", reason="And again", actor=recruiter)
    assert status_of(verdict) == S.LONGLISTED
    assert [to for _from, to, _reason in moves(verdict)] == [S.SCREENED_IN, S.LONGLISTED]


def test_not_eligible_past_screening_is_refused_and_nothing_changes() -> None:
    """A longlisted application cannot be screened out (the workflow says so): the decision is refused."""
    verdict = apply(["BE"])
    recruiter = make_user(Role.RECRUITER)
    verdict_decide(verdict=verdict, eligible="yes", reason="", actor=recruiter)
    application_transition(application=verdict.application, to=S.LONGLISTED, reason="Strong", actor=recruiter)
    with pytest.raises(DomainError, match="does not allow"):
        verdict_decide(verdict=verdict, eligible="no", reason="Not a national", actor=recruiter)
    verdict.refresh_from_db()
    assert (verdict.final, verdict.decision, status_of(verdict)) == ("yes", "confirmed", S.LONGLISTED)


def test_a_decision_on_a_withdrawn_application_is_kept_and_moves_nothing() -> None:
    """The candidate has left: the recruiter's decision is recorded, the application stays withdrawn."""
    verdict = apply(["BE"])
    application_withdraw(application=verdict.application, actor=verdict.application.candidate.user)
    decided = verdict_decide(
        verdict=verdict, eligible="no", reason="Not a national", actor=make_user(Role.RECRUITER)
    )
    assert (decided.final, status_of(verdict), moves(verdict)) == (
        "no",
        S.WITHDRAWN,
        [(S.SUBMITTED, S.WITHDRAWN, "")],
    )


def test_a_failure_after_the_move_leaves_verdict_and_state_as_they_were(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The move happens, then something fails: the decision, the move and their records all roll back."""
    verdict = apply(["BE"])

    def move_then_fail(**kwargs: Any) -> Application:
        application_transition(**kwargs)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(screening_services, "application_transition", move_then_fail)
    with pytest.raises(RuntimeError):
        verdict_decide(
            verdict=verdict, eligible="no", reason="Not a national", actor=make_user(Role.RECRUITER)
        )
    verdict.refresh_from_db()
    assert (verdict.decision, verdict.decided_eligible, status_of(verdict)) == ("", "", S.SUBMITTED)
    assert moves(verdict) == []
    rolled_back = [AuditEventType.APPLICATION_MOVED, AuditEventType.VERDICT_OVERRIDDEN]
    assert not audit_events_for(verdict.application).filter(event_type__in=rolled_back).exists()
