"""Small builders of profiles and notices in their contract shapes, for tests, benchmarks and demos.

Each builder gives a plausible default for everything and takes keyword overrides for what a test is
about, so that a test reads as the one fact it checks:

    screen(profile(nationalities=["FI"]), notice(), on=date(2023, 4, 3))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def language(code: str, level: str, scale: str | None = None) -> dict[str, Any]:
    """One language level of a profile: language("en", "VI"), language("fr", "C1", "CEFR")."""
    item: dict[str, Any] = {"language": code, "level": level}
    if scale is not None:
        item["scale"] = scale
    return item


def degree(level: str = "master", completed: str | None = "2005-06") -> dict[str, Any]:
    return {"level": level, "completed": completed}


def post(
    start: str, end: str | None = None, *, fte: float | None = None, tags: Iterable[str] = ()
) -> dict[str, Any]:
    """One post of a profile's experience; end None: ongoing."""
    item: dict[str, Any] = {"start": start, "end": end, "tags": list(tags)}
    if fte is not None:
        item["fte"] = fte
    return item


def profile(
    *,
    nationalities: Iterable[str] = ("BE",),
    languages: Iterable[dict[str, Any]] | None = None,
    education: Iterable[dict[str, Any]] | None = None,
    experience: Iterable[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A candidate profile (candidate.schema.json) that meets a typical senior NATO notice."""
    return {
        "nationalities": list(nationalities),
        "languages": list(languages)
        if languages is not None
        else [language("en", "VI"), language("fr", "III")],
        "education": list(education) if education is not None else [degree()],
        "experience": list(experience)
        if experience is not None
        else [
            post(
                "2000-01", None, tags=["senior", "management", "diplomatic", "policy", "defence", "security"]
            )
        ],
        **extra,
    }


def either_way(
    high: str, low: str, languages: tuple[str, str] = ("en", "fr"), scale: str = "NATO"
) -> dict[str, Any]:
    """A notice's 'high in one and low in the other' requirement: two alternatives."""
    first, second = languages
    return {
        "scale": scale,
        "any_of": [
            [{"language": first, "min_level": high}, {"language": second, "min_level": low}],
            [{"language": second, "min_level": high}, {"language": first, "min_level": low}],
        ],
    }


def notice(**overrides: Any) -> dict[str, Any]:
    """A notice (notice.schema.json) of a senior NATO post in Brussels; overrides replace keys."""
    base: dict[str, Any] = {
        "source_file": "built.txt",
        "organisation": "NATO",
        "body": "NATO International Staff",
        "division": None,
        "title": "Head of Section",
        "reference": "000001",
        "posts": [{"title": "Head of Section", "reference": "000001", "grade": "G20"}],
        "grade": "G20",
        "location": "Brussels, Belgium",
        "deadline": "2025-07-29",
        "posted": None,
        "schedule": "full-time",
        "salary": None,
        "contract": None,
        "reports_to": None,
        "direct_reports": None,
        "indirect_reports": None,
        "staff_managed": None,
        "principal_issues": [],
        "key_challenges": [],
        "essential_qualifications": ["have a university degree in a relevant field;"],
        "desirable_qualifications": [],
        "experience": [{"min_years": 10, "max_years": None, "of": "senior management positions"}],
        "min_years_experience": 10,
        "degree": {"min_level": "bachelor", "preferred_level": "master"},
        "languages": either_way("V", "II"),
        "competencies": [],
        "nationality_restriction": "nationals of NATO member countries",
        "essay": None,
        "genai_prohibited": False,
        "selection_timeline": [],
    }
    base.update(overrides)
    return base
