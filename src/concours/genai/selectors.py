"""Reading the signal's calibrations, switches, signals and explanations, each for whoever may see them.

The signal is for the recruiters and administrators who know who the candidates are (`sees_identities`):
panel members and hiring managers, who judge blind, never reach it, and neither do candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from concours.accounts.models import Role
from concours.accounts.permissions import sees_identities
from concours.applications.models import Application, Attachment
from concours.genai.models import EssaySignal, ExplanationRequest, SignalCalibration, SignalSwitch
from concours.screening.selectors import verdict_for
from concours.vacancies.models import OrgUnit, Vacancy


def organisations() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(kind=OrgUnit.Kind.ORGANISATION).order_by("name")


def organisation_get(*, organisation_id: int) -> OrgUnit:
    try:
        return organisations().get(pk=organisation_id)
    except OrgUnit.DoesNotExist:
        raise Http404 from None


def organisation_find(name_or_code: str) -> OrgUnit | None:
    """The organisation whose name or code is `name_or_code` (case aside), for the command line."""
    found = list(organisations().filter(Q(name__iexact=name_or_code) | Q(code__iexact=name_or_code))[:2])
    return found[0] if len(found) == 1 else None


def organisation_of(vacancy: Vacancy) -> OrgUnit | None:
    """The organisation at the top of the vacancy's unit; else the root unit named as its organisation."""
    if vacancy.unit_id is not None and vacancy.unit is not None:
        for node in vacancy.unit.path():
            if node.kind == OrgUnit.Kind.ORGANISATION:
                return node
    return OrgUnit.objects.filter(
        parent=None, kind=OrgUnit.Kind.ORGANISATION, name=vacancy.organisation
    ).first()


def calibration_current(organisation: OrgUnit) -> SignalCalibration | None:
    """The newest calibration: each one supersedes those before."""
    return SignalCalibration.objects.filter(organisation=organisation).select_related("made_by").first()


def switch_current(organisation: OrgUnit) -> SignalSwitch | None:
    return SignalSwitch.objects.filter(organisation=organisation).select_related("set_by").first()


def switch_is_on(organisation: OrgUnit | None) -> bool:
    """Off by default: an organisation that never switched the signal on has no row."""
    if organisation is None:
        return False
    current = switch_current(organisation)
    return bool(current and current.on)


def switch_history(organisation: OrgUnit) -> QuerySet[SignalSwitch]:
    return SignalSwitch.objects.filter(organisation=organisation).select_related("set_by", "calibration")


def may_switch(user: Any) -> bool:
    """Switching the signal on for a whole organisation is the administrators' decision."""
    return bool(user.is_authenticated and (user.is_superuser or user.has_role(Role.ADMINISTRATOR)))


def _essay(application_id: int) -> Attachment | None:
    return Attachment.objects.filter(application_id=application_id, kind=Attachment.Kind.ESSAY).first()


def signal_for(application: Application) -> EssaySignal | None:
    """The application's signal, for services and checks; pages go through `services.signal_shown`.

    A signal made from an essay since replaced (the candidate may replace one that failed its check)
    is not the essay's any more: None then.
    """
    signal = EssaySignal.objects.filter(application=application).select_related("calibration").first()
    if signal is None or signal.state == EssaySignal.State.PENDING:
        return signal
    essay = _essay(application.pk)
    return signal if essay is not None and essay.sha256 == signal.essay_sha256 else None


def essay_sha256(application_id: int) -> str:
    """The SHA-256 of the application's essay as it is now ("" when there is none)."""
    essay = _essay(application_id)
    return essay.sha256 if essay is not None else ""


@dataclass(frozen=True)
class EssayFile:
    data: bytes
    name: str
    sha256: str


def essay_file(application_id: int) -> EssayFile | None:
    """The essay as submitted (or as replaced), for the worker; None when there is none."""
    attachment = _essay(application_id)
    if attachment is None:
        return None
    with attachment.file.open("rb") as handle:
        return EssayFile(handle.read(), attachment.original_name, attachment.sha256)


def explanations_for_staff(*, application: Application, user: Any) -> QuerySet[ExplanationRequest]:
    if not sees_identities(user):
        raise Http404
    return ExplanationRequest.objects.filter(application=application).select_related("asked_by")


def explanations_for_candidate(
    *, application_id: int, user: Any
) -> tuple[Application, list[ExplanationRequest]]:
    """The candidate's own application and the questions asked about it; another's is 404."""
    try:
        application = Application.objects.select_related("vacancy").get(
            pk=application_id, candidate__user=user
        )
    except Application.DoesNotExist:
        raise Http404 from None
    return application, list(ExplanationRequest.objects.filter(application=application))


def explanation_get_for_candidate(*, request_id: int, application: Application) -> ExplanationRequest:
    """A question asked about `application` (the candidate's own, from `explanations_for_candidate`)."""
    try:
        return ExplanationRequest.objects.select_related("application").get(
            pk=request_id, application=application
        )
    except ExplanationRequest.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class GroupLine:
    """One language group of a calibration, as measured on the organisation's human essays."""

    group: str
    essays: int
    flagged: int
    rate: float  # the false-positive rate measured
    upper: float  # its upper 95 % Clopper-Pearson bound

    @property
    def rate_percent(self) -> float:
        return self.rate * 100

    @property
    def upper_percent(self) -> float:
        return self.upper * 100


def group_lines(calibration: SignalCalibration) -> list[GroupLine]:
    groups: dict[str, dict[str, Any]] = calibration.figures.get("groups", {})
    return [
        GroupLine(
            group=name,
            essays=int(values["n"]),
            flagged=int(values["flagged"]),
            rate=float(values["fpr"]),
            upper=float(values["fpr_upper"]),
        )
        for name, values in sorted(groups.items())
    ]


def screening_result(application: Application) -> str | None:
    """What the screening's rules found ("yes", "no", "review"), before any recruiter's decision; None
    when the application has not been screened."""
    verdict = verdict_for(application=application)
    return verdict.eligible if verdict is not None else None
