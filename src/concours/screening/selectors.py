"""Reading verdicts, and reading profiles in bulk in the shape screening needs."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _

from concours.applications.claims import experience_requirements
from concours.applications.models import Application
from concours.kernel.eligibility import MESSAGES, InvalidInput, compile_requirements, render, screen_compiled
from concours.kernel.eligibility.messages import Voice
from concours.screening.models import Eligible, Verdict
from concours.screening.requirements import vacancy_requirements
from concours.vacancies.models import Vacancy

# Lazy: the module is imported once, in the language active then; a label is read in the reader's.
CRITERIA = {
    "nationality": gettext_lazy("Nationality"),
    "languages": gettext_lazy("Languages"),
    "experience": gettext_lazy("Experience"),
    "degree": gettext_lazy("Degree"),
    "deadline": gettext_lazy("Deadline"),
    "essay": gettext_lazy("Essay"),
    "question": gettext_lazy("Screening question"),
    "profile": gettext_lazy("Profile"),
}


def submitted_profiles_for_vacancy(*, vacancy: Vacancy) -> dict[int, dict[str, Any]]:
    """Every submitted application's profile as submitted (candidate.schema.json), keyed by application id.

    One query over the snapshot column, read with plain SQL rather than through models: a large
    campaign means hundreds of thousands of rows, and building a model instance per row would cost
    more than screening it. A profile edited since does not count: the snapshot is what was submitted.
    """
    quote = connection.ops.quote_name
    profiles: dict[int, dict[str, Any]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, profile_snapshot FROM {quote(Application._meta.db_table)} "
            "WHERE vacancy_id = %s AND status <> 'draft' AND profile_snapshot IS NOT NULL",
            [vacancy.pk],
        )
        for pk, snapshot in cursor.fetchall():
            profiles[pk] = _json(snapshot)
    return profiles


def _json(value: Any) -> Any:
    # SQLite gives JSON as text, PostgreSQL (jsonb) as Python values.
    return json.loads(value) if isinstance(value, str | bytes) else value


@dataclass(frozen=True)
class CheckLine:
    criterion: str
    label: str
    result: str
    reason: str


def check_lines(
    checks: list[dict[str, Any]], lang: str | None = None, voice: Voice = "candidate"
) -> list[CheckLine]:
    """The checks of a verdict as sentences in the reader's language; `voice="staff"` for back-office
    pages, which speak of the candidate ("the candidate's nationality") rather than to them."""
    lang = "fr" if (lang or get_language() or "en").startswith("fr") else "en"
    lines = []
    for check in checks:
        code = check.get("code", "")
        reason = (
            render(code, check.get("params") or {}, lang, voice=voice)
            if code in MESSAGES
            else check.get("reason", "")
        )
        criterion = check.get("criterion", "")
        with override(lang):
            label = str(CRITERIA.get(criterion, criterion))
        lines.append(CheckLine(criterion, label, check.get("result", ""), reason))
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
    # Screening reads the English notice; the reader sees each experience requirement in the words of the
    # notice in their language when it has them (as the claims beside it do).
    words = {r.of: r.shown for r in experience_requirements(vacancy) if r.shown and r.shown_lang != "en"}
    return check_lines(
        [
            {
                "criterion": c.criterion,
                "result": c.result,
                "code": c.code,
                "params": {**c.params, "of": words.get(str(c.params["of"]), c.params["of"])}
                if "of" in c.params
                else c.params,
            }
            for c in verdict.checks
            if c.result != "pass"
        ]
    )


def applications_export_rows(applications: QuerySet[Application]) -> tuple[list[str], Iterator[list[str]]]:
    """The header and rows of a recruiter's CSV export of `applications` (with their verdicts), in the
    reader's language; rows are read from the database in chunks as they are written."""
    header = [
        str(_("Candidate code")),
        str(_("Name")),
        str(_("Email")),
        str(_("State")),
        str(_("Eligibility")),
        str(_("Submitted")),
    ]

    def rows() -> Iterator[list[str]]:
        for application in applications.select_related("candidate__user").iterator(chunk_size=500):
            verdict = getattr(application, "verdict", None)
            submitted = application.submitted_at
            yield [
                application.candidate_code,
                application.candidate.name,
                application.candidate.user.email,
                str(Application.Status(application.status).label),
                str(Eligible(verdict.final).label) if verdict else str(_("Not screened")),
                timezone.localtime(submitted).isoformat(timespec="minutes") if submitted else "",
            ]

    return header, rows()
