"""Reading verdicts, and reading profiles in bulk in the shape screening needs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concours.applications.models import Application
from concours.candidates.models import CandidateProfile, Education, LanguageSkill, WorkExperience
from concours.kernel.eligibility import MESSAGES, InvalidInput, compile_requirements, render, screen_compiled
from concours.screening.models import Verdict
from concours.screening.requirements import vacancy_requirements
from concours.vacancies.models import Vacancy

CRITERIA = {
    "nationality": _("Nationality"),
    "languages": _("Languages"),
    "experience": _("Experience"),
    "degree": _("Degree"),
    "deadline": _("Deadline"),
    "essay": _("Essay"),
    "profile": _("Profile"),
}


def profile_contracts_for_vacancy(*, vacancy: Vacancy) -> dict[int, dict[str, Any]]:
    """Every applicant's profile (candidate.schema.json) in four queries, keyed by profile id.

    Read with plain SQL rather than through models: a large campaign means hundreds of thousands of
    rows, and per-value conversions (dates, decimals, JSON) would cost more than screening them.
    """
    quote = connection.ops.quote_name
    applicants = (
        f"SELECT DISTINCT candidate_id FROM {quote(Application._meta.db_table)} "
        "WHERE vacancy_id = %s AND status <> 'draft'"
    )
    profiles: dict[int, dict[str, Any]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, nationalities, serving_staff FROM {quote(CandidateProfile._meta.db_table)} "
            f"WHERE id IN ({applicants})",
            [vacancy.pk],
        )
        for pk, codes, serving in cursor.fetchall():
            profiles[pk] = {
                "id": str(pk),
                "nationalities": _json(codes) or [],
                "languages": [],
                "education": [],
                "experience": [],
                "serving_staff": bool(serving),
            }
        cursor.execute(
            f"SELECT profile_id, language, scale, level FROM {quote(LanguageSkill._meta.db_table)} "
            f"WHERE profile_id IN ({applicants})",
            [vacancy.pk],
        )
        for pk, language, scale, level in cursor.fetchall():
            profiles[pk]["languages"].append({"language": language, "scale": scale, "level": level})
        cursor.execute(
            f"SELECT profile_id, level, completed FROM {quote(Education._meta.db_table)} "
            f"WHERE profile_id IN ({applicants})",
            [vacancy.pk],
        )
        for pk, level, completed in cursor.fetchall():
            profiles[pk]["education"].append({"level": level, "completed": _iso(completed)})
        cursor.execute(
            f"SELECT profile_id, start, {quote('end')}, fte, tags "
            f"FROM {quote(WorkExperience._meta.db_table)} WHERE profile_id IN ({applicants})",
            [vacancy.pk],
        )
        for pk, start, end, fte, tags in cursor.fetchall():
            profiles[pk]["experience"].append(
                {"start": _iso(start), "end": _iso(end), "fte": float(fte), "tags": _json(tags) or []}
            )
    return profiles


def _iso(value: Any) -> str | None:
    # SQLite gives dates as ISO text, PostgreSQL as date objects.
    return None if value is None else value if isinstance(value, str) else value.isoformat()


def _json(value: Any) -> Any:
    # SQLite gives JSON as text, PostgreSQL (jsonb) as Python values.
    return json.loads(value) if isinstance(value, str | bytes) else value


@dataclass(frozen=True)
class CheckLine:
    criterion: str
    label: str
    result: str
    reason: str


def check_lines(checks: list[dict[str, Any]], lang: str | None = None) -> list[CheckLine]:
    """The checks of a verdict as sentences in the reader's language."""
    lang = "fr" if (lang or get_language() or "en").startswith("fr") else "en"
    lines = []
    for check in checks:
        code = check.get("code", "")
        reason = (
            render(code, check.get("params") or {}, lang) if code in MESSAGES else check.get("reason", "")
        )
        criterion = check.get("criterion", "")
        lines.append(
            CheckLine(criterion, str(CRITERIA.get(criterion, criterion)), check.get("result", ""), reason)
        )
    return lines


def verdict_for(*, application: Application) -> Verdict | None:
    return Verdict.objects.filter(application=application).select_related("decided_by").first()


def applications_with_verdicts(*, vacancy: Vacancy, eligible: str = "") -> QuerySet[Application]:
    """The vacancy's applications with their verdicts; `eligible` filters on the result that counts."""
    applications = (
        Application.objects.filter(vacancy=vacancy)
        .exclude(status=Application.Status.DRAFT)
        .select_related("candidate", "verdict")
    )
    if eligible == "unscreened":
        return applications.filter(verdict__isnull=True)
    if eligible:
        decided = applications.filter(verdict__decision__gt="", verdict__decided_eligible=eligible)
        undecided = applications.filter(verdict__decision="", verdict__eligible=eligible)
        return decided | undecided
    return applications


def eligibility_gaps(*, profile: dict[str, Any], vacancy: Vacancy, on: dt.date) -> list[CheckLine]:
    """The requirements a candidate's profile does not show (failed or to review), before applying."""
    try:
        verdict = screen_compiled(profile, compile_requirements(vacancy_requirements(vacancy)), on=on)
    except InvalidInput as error:
        return [CheckLine("profile", str(CRITERIA["profile"]), "review", str(error))]
    return check_lines(
        [
            {"criterion": c.criterion, "result": c.result, "code": c.code, "params": c.params}
            for c in verdict.checks
            if c.result != "pass"
        ]
    )
