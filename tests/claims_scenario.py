"""The scenario of the claims tests (issue 12): an executive assistant whose career screening's tags miss.

A vacancy asks for five years as an assistant in a senior manager's office and two in a national
administration or an international organisation, plus a knock-out question on the security clearance.
The candidate's posts carry no tag that says "assistant" or "ministry".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.test import TestCase

from concours.applications.claims import ClaimInput, experience_requirements
from concours.applications.models import Application
from concours.applications.services import application_submit
from concours.candidates.models import CandidateProfile, WorkExperience
from concours.vacancies.models import ScreeningQuestion, Vacancy
from factories import ProfileFactory, VacancyFactory, cv_upload

ASSISTANT = {"min_years": 5, "max_years": None, "of": "assistant in a senior manager's office"}
ADMINISTRATION = {
    "min_years": 2,
    "max_years": None,
    "of": "national administration or an international organisation",
}
NOTICE: dict[str, Any] = {
    "organisation": "NATO",
    "title": "Executive Assistant",
    "reference": "260151",
    "location": "Brussels, Belgium",
    "nationality_restriction": None,
    "essential_qualifications": [],
    "experience": [ASSISTANT, ADMINISTRATION],
    "degree": None,
    "languages": None,
    "essay": None,
}


def assistant_vacancy(**kwargs: Any) -> Vacancy:
    return VacancyFactory(title="Executive Assistant", notice={**NOTICE}, **kwargs)


def clearance_question(vacancy: Vacancy, *, knockout: bool = True) -> ScreeningQuestion:
    return ScreeningQuestion.objects.create(
        vacancy=vacancy,
        text="Do you hold a valid NATO SECRET clearance?",
        text_fr="Détenez-vous une habilitation NATO SECRET valide\u00a0?",
        kind=ScreeningQuestion.Kind.YES_NO,
        knockout=knockout,
        required_yes=True if knockout else None,
    )


def years_question(vacancy: Vacancy) -> ScreeningQuestion:
    return ScreeningQuestion.objects.create(
        vacancy=vacancy,
        text="How many years have you used a shared diary?",
        kind=ScreeningQuestion.Kind.NUMBER,
        knockout=False,
    )


def assistant_profile() -> tuple[CandidateProfile, WorkExperience, WorkExperience, WorkExperience]:
    """Ten years of assistant work (one of them part-time) at a foreign ministry, and a clerk's post
    at an international organisation tagged as such. Posts come back newest first, as the snapshot lists
    them: the clerk (position 0), the ministry's senior post (1), the ministry's first post (2)."""
    profile = ProfileFactory(complete=False, nationalities=["PT"])
    first = WorkExperience.objects.create(
        profile=profile,
        title="Assistant to the Director-General",
        employer="Ministry of Foreign Affairs",
        start=dt.date(2010, 1, 1),
        end=dt.date(2014, 12, 31),
    )
    senior = WorkExperience.objects.create(
        profile=profile,
        title="Executive assistant to the Secretary-General",
        employer="Ministry of Foreign Affairs",
        start=dt.date(2015, 1, 1),
        end=dt.date(2019, 12, 31),
        fte=Decimal("0.5"),
    )
    clerk = WorkExperience.objects.create(
        profile=profile,
        title="Registry clerk",
        employer="OSCE",
        start=dt.date(2020, 1, 1),
        tags=["international_organisation"],
    )
    return profile, first, senior, clerk


def keys(vacancy: Vacancy) -> list[str]:
    return [requirement.key for requirement in experience_requirements(vacancy)]


def submit_with_claims(
    profile: CandidateProfile,
    vacancy: Vacancy,
    claims: list[ClaimInput] | None,
    answers: dict[int, object] | None = None,
) -> Application:
    with TestCase.captureOnCommitCallbacks(execute=True):  # screening runs when the submission commits
        return application_submit(
            candidate=profile,
            vacancy=vacancy,
            cv=cv_upload(),
            essay=None,
            actor=profile.user,
            claims=claims,
            answers=answers,
        )
