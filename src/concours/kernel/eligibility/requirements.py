"""A notice's requirements, compiled once per vacancy for screening many applications.

`compile_requirements` reads the notice (shape: contracts/notice.schema.json), resolves its
organisation's standing rules and does every piece of text work (keyword tables, "or equivalent",
the deadline's zone) so that screening itself is only comparisons of numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from concours.kernel.eligibility.deadline import DeadlineRule, compile_deadline
from concours.kernel.eligibility.degree import DegreeRule, compile_degree
from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.experience import ExperienceRule, compile_experience
from concours.kernel.eligibility.languages import LanguageRule, compile_languages
from concours.kernel.eligibility.nationality import NationalityRule, compile_nationality
from concours.kernel.eligibility.questions import QuestionRule
from concours.kernel.reference.organisations import Organisation, find_organisation

# The notice keys screening reads; each must be present (null where the notice does not say).
NOTICE_KEYS = (
    "organisation",
    "body",
    "location",
    "deadline",
    "nationality_restriction",
    "essential_qualifications",
    "experience",
    "degree",
    "languages",
)


@dataclass(frozen=True, slots=True)
class Requirements:
    organisation: Organisation | None
    nationality: NationalityRule | None
    languages: LanguageRule | None
    experience: tuple[ExperienceRule, ...]
    degree: DegreeRule | None
    deadline: DeadlineRule | None
    # The vacancy's screening questions (not in the notice: the recruiter adds them; see questions.py).
    questions: tuple[QuestionRule, ...] = ()


def compile_requirements(notice: Mapping[str, Any], *, organisation: str | None = None) -> Requirements:
    """The requirements of a notice; InvalidInput names the field when the notice breaks its contract.

    `organisation` (a name or key such as "NATO", "NCIA", "osce") overrides the notice's own
    'organisation' and 'body' in deciding whose standing rules apply.
    """
    if not isinstance(notice, Mapping):
        raise InvalidInput("notice", "must be a JSON object")
    for key in NOTICE_KEYS:
        if key not in notice:
            raise InvalidInput(f"notice.{key}", "is missing")
    names = (organisation,) if organisation is not None else (notice.get("organisation"), notice.get("body"))
    found = find_organisation(*(name if isinstance(name, str) else None for name in names))
    if organisation is not None:
        notice = {**notice, "organisation": organisation, "body": None}
    return Requirements(
        organisation=found,
        nationality=compile_nationality(notice, found),
        languages=compile_languages(notice),
        experience=compile_experience(notice),
        degree=compile_degree(notice),
        deadline=compile_deadline(notice),
    )
