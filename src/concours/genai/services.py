"""State changes of the advisory generative-AI signal. Each runs in one transaction, with its audit record.

The signal never decides: it is off until an organisation stores a calibration measured on its own
essays and an administrator switches it on; it then only suggests that a person read an essay again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accounts.permissions import sees_identities
from concours.applications.models import Application
from concours.core.audit import audit_record
from concours.core.errors import Conflict, DomainError, NotAllowed
from concours.core.models import AuditEventType
from concours.genai import selectors
from concours.genai.model_file import model_identity
from concours.genai.models import EssaySignal, ExplanationRequest, SignalCalibration, SignalSwitch
from concours.kernel.genai import (
    Assessment,
    Calibration,
    CalibrationRefused,
    calibrate,
    essays_needed,
)
from concours.screening.models import Eligible
from concours.vacancies.models import OrgUnit

# The bound every language group must meet: the false-positive rate's upper 95 % bound at most 1 %.
MAX_FPR_UPPER = 0.01
CONFIDENCE = 0.95
# The longest message or answer kept: a few paragraphs.
MESSAGE_MAX_LENGTH = 4000


class CalibrationNotMet(DomainError):
    """No threshold keeps every language group within the bound: nothing was stored. `reasons` says
    why, group by group; `refused` is the kernel's refusal, with its figures per group."""

    def __init__(self, message: str, *, reasons: list[str], refused: CalibrationRefused) -> None:
        super().__init__(message)
        self.reasons = reasons
        self.refused = refused


def refusal_reasons(refused: CalibrationRefused) -> list[str]:
    """Why no threshold met the bound, one sentence per language group that failed it."""
    needed = essays_needed(MAX_FPR_UPPER, CONFIDENCE)
    reasons: list[str] = []
    for group, figures in sorted(refused.figures.items()):
        if figures.n < needed:
            reasons.append(
                _(
                    "group %(group)s: %(n)d essays cannot show an upper bound of 1 %%; at least "
                    "%(needed)d are needed with none flagged"
                )
                % {"group": group, "n": figures.n, "needed": needed}
            )
        elif figures.fpr_upper > MAX_FPR_UPPER:
            reasons.append(
                _(
                    "group %(group)s: %(flagged)d of %(n)d human essays flagged at the best threshold, "
                    "an upper bound of %(upper).1f %% (at most 1 %% allowed)"
                )
                % {
                    "group": group,
                    "flagged": figures.flagged,
                    "n": figures.n,
                    "upper": figures.fpr_upper * 100,
                }
            )
    return reasons or [str(refused.reason)]


def _organisation_checked(organisation: OrgUnit) -> OrgUnit:
    if organisation.kind != OrgUnit.Kind.ORGANISATION:
        raise DomainError(_("The signal is calibrated and switched for a whole organisation, not a unit."))
    return organisation


@transaction.atomic
def calibration_store(
    *,
    organisation: OrgUnit,
    human_scores_by_group: Mapping[str, Sequence[float]],
    machine_scores: Sequence[float],
    corpus: Mapping[str, Any],
    actor: Any,
    now: dt.datetime | None = None,
) -> SignalCalibration:
    """Store the threshold measured on the organisation's essays, if one meets the bound in every group.

    A refusal (`CalibrationNotMet`) stores nothing and says, group by group, why.
    """
    _organisation_checked(organisation)
    try:
        calibration = calibrate(
            human_scores_by_group, machine_scores, max_fpr_upper=MAX_FPR_UPPER, confidence=CONFIDENCE
        )
    except CalibrationRefused as refused:
        reasons = refusal_reasons(refused)
        raise CalibrationNotMet("; ".join(reasons), reasons=reasons, refused=refused) from refused
    stored = SignalCalibration.objects.create(
        organisation=organisation,
        figures=calibration.to_json(),
        corpus=dict(corpus),
        model=model_identity(),
        made_at=now or timezone.now(),
        made_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.GENAI_CALIBRATION_STORED,
        subject=stored,
        organisation=organisation.pk,
        detection_rate=calibration.detection_rate,
        groups={name: g.n for name, g in calibration.groups.items()},
        model=stored.model,
    )
    return stored


def calibration_of(stored: SignalCalibration) -> Calibration:
    return Calibration.from_json(stored.figures)


def calibration_usable(stored: SignalCalibration | None) -> str:
    """Why a stored calibration cannot be switched on ("" when it can)."""
    if stored is None:
        return _(
            "This organisation has no calibration: calibrate the signal on its own essays first "
            "(concours calibrate_genai_signal)."
        )
    if stored.model != model_identity():
        return _(
            "The stored calibration was measured with another language model file (%(then)s; now "
            "%(now)s): its threshold no longer holds. Calibrate again."
        ) % {"then": stored.model, "now": model_identity()}
    return ""


@transaction.atomic
def switch_set(
    *,
    organisation: OrgUnit,
    on: bool,
    actor: Any,
    expected: bool | None = None,
    now: dt.datetime | None = None,
) -> SignalSwitch | None:
    """Switch the signal on or off for an organisation (administrators only).

    On needs a usable calibration (`calibration_usable`). `expected` is the state its author saw: if
    someone switched it since, nothing changes (`Conflict`). Asking for the state it is already in
    changes nothing and records nothing; returns the switch row then current.
    """
    _organisation_checked(organisation)
    if not selectors.may_switch(actor):
        raise NotAllowed(_("Only an administrator may switch the signal on or off."))
    # The organisation's row is the lock: two administrators switching at once go one after the other.
    organisation = OrgUnit.objects.select_for_update().get(pk=organisation.pk)
    current = selectors.switch_current(organisation)
    is_on = bool(current and current.on)
    if expected is not None and expected != is_on:
        raise Conflict(
            _("Someone switched the signal %(state)s since you opened the page; nothing was changed.")
            % {"state": _("on") if is_on else _("off")}
        )
    if on == is_on:
        return current
    calibration = selectors.calibration_current(organisation)
    if on:
        why_not = calibration_usable(calibration)
        if why_not:
            raise DomainError(why_not)
    switch = SignalSwitch.objects.create(
        organisation=organisation,
        on=on,
        calibration=calibration if on else None,
        set_at=now or timezone.now(),
        set_by=actor,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.GENAI_SIGNAL_SWITCHED,
        subject=organisation,
        on=on,
        calibration=calibration.pk if on and calibration else None,
    )
    return switch


@transaction.atomic
def signal_start(*, application_id: int) -> EssaySignal | None:
    """After a submission with an essay: when the switch of the application's organisation is on, the
    signal is pending until a worker makes it (the caller queues it). Off, nothing at all happens."""
    application = Application.objects.select_related("vacancy__unit").get(pk=application_id)
    return signal_start_for(application)


def signal_start_for(application: Application) -> EssaySignal | None:
    """`signal_start` for an application at hand, in the caller's transaction (a submission's)."""
    if not selectors.switch_is_on(selectors.organisation_of(application.vacancy)):
        return None
    signal, _created = EssaySignal.objects.update_or_create(
        application=application,
        defaults={"state": EssaySignal.State.PENDING, "score": None, "reason": "", "calibration": None},
    )
    return signal


def state_for(assessment: Assessment, threshold: float) -> str:
    """The state an assessment has against a calibration's threshold (higher = more machine-like)."""
    if not assessment.assessable or assessment.score is None:
        return EssaySignal.State.NOT_ASSESSABLE
    if assessment.score >= threshold:
        return EssaySignal.State.REVIEW_SUGGESTED
    return EssaySignal.State.NO_SIGNAL


@transaction.atomic
def signal_record(
    *,
    application_id: int,
    assessment: Assessment | None,
    essay_sha256: str = "",
    now: dt.datetime | None = None,
) -> EssaySignal | None:
    """Store what the worker found (`assessment`) on the essay whose SHA-256 is `essay_sha256` ("": no
    essay), against the organisation's current calibration.

    When the switch was turned off while the essay waited (or `assessment` is None: the worker found it
    off), nothing is kept: the pending row goes. When the essay was replaced while the worker read it,
    the result is the old essay's and is dropped: the signal stays as the replacement left it (pending,
    a worker queued for the new essay; see `signal_on_essay_replaced`).
    """
    application = Application.objects.select_related("vacancy__unit").get(pk=application_id)
    organisation = selectors.organisation_of(application.vacancy)
    signal = EssaySignal.objects.select_for_update().filter(application=application).first()
    if assessment is not None and selectors.essay_sha256(application_id) != essay_sha256:
        return signal
    calibration = selectors.calibration_current(organisation) if organisation else None
    if (
        assessment is None
        or not selectors.switch_is_on(organisation)
        or calibration is None
        or calibration_usable(calibration)
    ):
        if signal is not None and signal.state == EssaySignal.State.PENDING:
            signal.delete()
        return None
    if signal is None:
        signal = EssaySignal(application=application)
    signal.state = state_for(assessment, calibration.threshold)
    signal.score = assessment.score
    signal.reason = "" if assessment.assessable else assessment.reason[:40]
    signal.calibration = calibration
    signal.made_at = now or timezone.now()
    signal.essay_sha256 = essay_sha256
    signal.save()
    return signal


@dataclass(frozen=True)
class SignalDisplay:
    """What a recruiter sees: one of three states and the calibration's figures, never the score."""

    state: str
    label: str
    groups: list[selectors.GroupLine]
    calibrated_at: dt.datetime
    may_ask: bool


@transaction.atomic
def signal_shown(*, application: Application, viewer: Any) -> SignalDisplay | None:
    """The signal for the application's page, recorded in the audit trail as shown to `viewer`.

    Only recruiters and administrators (`sees_identities`) get it; for anyone else, and while the
    worker has not finished, there is nothing to show and nothing is recorded.
    """
    if not sees_identities(viewer):
        return None
    signal = selectors.signal_for(application)
    if signal is None or signal.state == EssaySignal.State.PENDING or signal.calibration is None:
        return None
    audit_record(
        actor=viewer,
        event_type=AuditEventType.GENAI_SIGNAL_SHOWN,
        subject=application,
        state=signal.state,
        calibration=signal.calibration_id,
    )
    return SignalDisplay(
        state=signal.state,
        label=str(EssaySignal.State(signal.state).label),
        groups=selectors.group_lines(signal.calibration),
        calibrated_at=signal.calibration.made_at,
        may_ask=signal.state == EssaySignal.State.REVIEW_SUGGESTED,
    )


def _message_checked(text: str, *, empty: str) -> str:
    text = text.strip()
    if not text:
        raise DomainError(empty)
    if len(text) > MESSAGE_MAX_LENGTH:
        raise DomainError(
            _("A message has at most %(limit)d characters (this one has %(length)d).")
            % {"limit": MESSAGE_MAX_LENGTH, "length": len(text)}
        )
    return text


@transaction.atomic
def explanation_ask(
    *, application: Application, message: str, actor: Any, now: dt.datetime | None = None
) -> ExplanationRequest:
    """A recruiter asks the candidate to explain how they wrote their essay; the question waits for
    them in the portal (no mail: mails never carry the signal)."""
    if not sees_identities(actor):
        raise NotAllowed(_("You may not make this change."))
    message = _message_checked(message, empty=_("Write the question to the candidate."))
    signal = selectors.signal_for(application)
    if signal is None or signal.state != EssaySignal.State.REVIEW_SUGGESTED:
        raise DomainError(_("A candidate is asked to explain only where the signal suggests a human review."))
    request = ExplanationRequest.objects.create(
        application=application, message=message, asked_by=actor, asked_at=now or timezone.now()
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.GENAI_EXPLANATION_ASKED,
        subject=application,
        request=request.pk,
    )
    return request


@transaction.atomic
def explanation_answer(
    *, request: ExplanationRequest, answer: str, actor: Any, now: dt.datetime | None = None
) -> ExplanationRequest:
    """The candidate answers once; the answer is kept as given."""
    request = (
        ExplanationRequest.objects.select_for_update()
        .select_related("application__candidate")
        .get(pk=request.pk)
    )
    if request.application.candidate.user_id != getattr(actor, "pk", None):
        raise NotAllowed(_("You may not make this change."))
    if request.answered:
        raise Conflict(_("You have already answered this question; your answer is kept as you gave it."))
    request.answer = _message_checked(answer, empty=_("Write your answer."))
    request.answered_at = now or timezone.now()
    request.save(update_fields=["answer", "answered_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.GENAI_EXPLANATION_GIVEN,
        subject=request.application,
        request=request.pk,
    )
    return request


def screen_out_check(*, application: Application, to_status: str, actor: Any) -> None:
    """Refuse a screening-out that only the signal could explain (registered in applications' hooks).

    Where the signal suggested a review, a screening-out needs the screening's own ground: its verdict
    must find a requirement not met, or leave one to a person's review. When the rules found every
    requirement met (or have not screened the application yet), nothing but the signal sets the
    candidate apart, and the signal cannot alone justify any decision.
    """
    if to_status != Application.Status.SCREENED_OUT:
        return
    signal = selectors.signal_for(application)
    if signal is None or signal.state != EssaySignal.State.REVIEW_SUGGESTED:
        return
    eligible = selectors.screening_result(application)
    if eligible is not None and eligible != Eligible.YES:
        return
    raise DomainError(
        _(
            "This application cannot be screened out: the screening found every requirement met, and the "
            "generative-AI signal is not a reason to screen anyone out. If a requirement is not met, "
            "correct what the screening read (the experience claims, for instance) so that it says so; "
            "you may also ask the candidate to explain how they wrote their essay."
        )
    )
