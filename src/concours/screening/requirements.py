"""A vacancy's notice as the eligibility kernel reads it (notice.schema.json, every key present)."""

from __future__ import annotations

from typing import Any

from concours.vacancies.models import Vacancy

# The keys screening reads, with the value that means "the notice does not say".
NOTICE_DEFAULTS: dict[str, Any] = {
    "organisation": None,
    "body": None,
    "location": None,
    "deadline": None,
    "nationality_restriction": None,
    "essential_qualifications": [],
    "experience": [],
    "degree": None,
    "languages": None,
}


def vacancy_requirements(vacancy: Vacancy) -> dict[str, Any]:
    """The notice, with the vacancy's own organisation and deadline (an aware local time) winning."""
    return {
        **NOTICE_DEFAULTS,
        **{key: value for key, value in vacancy.notice.items() if value is not None},
        "organisation": vacancy.organisation or vacancy.notice.get("organisation"),
        "location": vacancy.location or vacancy.notice.get("location"),
        "deadline": vacancy.local_deadline.isoformat(timespec="seconds") if vacancy.local_deadline else None,
    }
