"""A small synthetic calibration and an application with a signal, for the generative-AI signal's tests.

The scores are made up, not measured: human essays score low in both language groups, machine essays
high, so that a threshold between them keeps every group's false-positive rate at 0 of 400 (an upper
95 % bound of 0.75 %, within the 1 % allowed).
"""

from __future__ import annotations

import hashlib
import itertools
from typing import Any

from django.core.files.base import ContentFile

from concours.accounts.models import Role
from concours.applications.models import Application, Attachment
from concours.genai.models import EssaySignal, SignalCalibration
from concours.genai.services import calibration_store, switch_set
from concours.vacancies.models import OrgUnit, Vacancy
from factories import ApplicationFactory, OrgUnitFactory, VacancyFactory, docx_bytes, make_user

_numbers = itertools.count(1)
HUMAN = {
    "native": [i / 1000 for i in range(400)],
    "non-native": [0.1 + i / 1000 for i in range(400)],
}
MACHINE = [0.9 + i / 1000 for i in range(100)]
CORPUS = {"human": {"native": 400, "non-native": 400}, "machine": 100, "written_from": "2019-01-07"}
# The words of the three states: none may appear where the signal must not.
STATE_WORDS = ["No signal", "Human review suggested", "Not assessable", "generative-AI signal", "genai"]


def organisation() -> OrgUnit:
    number = next(_numbers)
    return OrgUnitFactory(kind=OrgUnit.Kind.ORGANISATION, name=f"Organisation {number}", code=f"ORG{number}")


def vacancy_of(organisation: OrgUnit, **kwargs: Any) -> Vacancy:
    division = OrgUnitFactory(parent=organisation)
    return VacancyFactory(unit=division, **kwargs)


def calibrated(organisation: OrgUnit) -> SignalCalibration:
    return calibration_store(
        organisation=organisation,
        human_scores_by_group=HUMAN,
        machine_scores=MACHINE,
        corpus=CORPUS,
        actor=None,
    )


def switched_on(organisation: OrgUnit) -> SignalCalibration:
    calibration = calibrated(organisation)
    switch_set(organisation=organisation, on=True, actor=make_user(Role.ADMINISTRATOR))
    return calibration


def application_with_signal(
    state: str = EssaySignal.State.REVIEW_SUGGESTED,
    *,
    status: str = Application.Status.SUBMITTED,
    vacancy: Vacancy | None = None,
) -> Application:
    """A submitted application whose essay was judged `state` against its organisation's calibration."""
    if vacancy is None:
        vacancy = vacancy_of(organisation())
    assert vacancy.unit is not None
    calibration = calibrated(vacancy.unit.path()[0])
    application: Application = ApplicationFactory(vacancy=vacancy, status=status)
    essay = attach_essay(application, "Key challenges. An essay the signal was made from.")
    EssaySignal.objects.create(
        essay_sha256=essay.sha256,
        application=application,
        state=state,
        score=0.95 if state == EssaySignal.State.REVIEW_SUGGESTED else 0.2,
        calibration=calibration,
        made_at=calibration.made_at,
    )
    return application


def attach_essay(application: Application, text: str) -> Attachment:
    """The application's essay, a Word document holding `text`, stored as a submission stores it."""
    data = docx_bytes(text, title="Key challenges")
    return Attachment.objects.create(
        application=application,
        kind=Attachment.Kind.ESSAY,
        file=ContentFile(data, name="essay.docx"),
        original_name="Key challenges.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
