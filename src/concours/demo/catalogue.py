"""The demo vacancies: read the JSON notices in `vacancies/` and place their deadlines relative to today.

Each file is a parsed notice (shared/contracts/notice.schema.json) plus portal keys: `title_fr`, `unit_path`
(the organisational units, organisation first) and `unit_path_fr` (their names in French), `zone`,
`summary(_fr)`, `accountabilities(_fr)`, `additional_information(_fr)`, `deadline_offset_days` and `status`.
The `deadline` written in a file is only nominal; the demo loader uses `demo_deadline()` so that the demo
always has open vacancies and two closed ones (one at its longlist, one whose competition is over).

Every text the vacancy page shows has its French beside it as `<key>_fr` (`FRENCH_SECTIONS`): the loader
gives the vacancy the English notice without them (`english_notice()`) and its French notice, in the same
shape, from them (`french_notice()`). Structured fields (years, levels, codes) are the English notice's;
the French copies of `experience` keep them and translate only `of`, those of `posts` only `title`.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

VACANCY_DIR = Path(__file__).resolve().with_name("vacancies")

PORTAL_KEYS: tuple[str, ...] = (
    "title_fr",
    "source_file",
    "unit_path",
    "unit_path_fr",
    "zone",
    "summary",
    "summary_fr",
    "accountabilities",
    "accountabilities_fr",
    "additional_information",
    "additional_information_fr",
    "deadline_offset_days",
    "status",
)
"""Keys every demo vacancy carries beyond the notice contract."""

FRENCH_SECTIONS: tuple[str, ...] = (
    "title",
    "posts",
    "summary",
    "reports_to",
    "principal_issues",
    "key_challenges",
    "essential_qualifications",
    "desirable_qualifications",
    "experience",
    "accountabilities",
    "competencies",
    "selection_timeline",
    "additional_information",
)
"""The notice's texts a demo vacancy carries in French as `<key>_fr`, whenever its English one has any."""

DEFAULT_DEADLINE_TIME = time(23, 59)


def vacancy_files() -> list[Path]:
    """The demo vacancy files, in reference order (file names start with the reference)."""
    return sorted(VACANCY_DIR.glob("*.json"))


def load_vacancies() -> list[dict[str, Any]]:
    """Every demo vacancy as a dict, in reference order."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in vacancy_files()]


def english_notice(vacancy: dict[str, Any]) -> dict[str, Any]:
    """A demo vacancy's notice as the vacancy keeps it: every key but the French texts (`<key>_fr`)."""
    return {key: value for key, value in vacancy.items() if not key.endswith("_fr")}


def french_notice(vacancy: dict[str, Any]) -> dict[str, Any]:
    """A demo vacancy's French notice (`Vacancy.notice_fr`): its French texts under the notice's own keys,
    the French title as `title`; a section the vacancy has no French for is left out."""
    return {key: vacancy[f"{key}_fr"] for key in FRENCH_SECTIONS if vacancy.get(f"{key}_fr")}


def vacancy_refs(*, status: str | None = None) -> list[str]:
    """References of the demo vacancies, optionally only those with the given status."""
    return [
        str(vacancy["reference"])
        for vacancy in load_vacancies()
        if status is None or vacancy["status"] == status
    ]


def demo_deadline(vacancy: dict[str, Any], *, today: date) -> datetime:
    """The deadline the demo gives a vacancy: `today + deadline_offset_days`, at the notice's local time.

    The result is aware, in the vacancy's duty-station zone; the time of day comes from the nominal
    `deadline` (23:59 when the notice gives only a date).
    """
    zone = ZoneInfo(str(vacancy["zone"]))
    nominal = vacancy.get("deadline")
    at = DEFAULT_DEADLINE_TIME
    if isinstance(nominal, str) and "T" in nominal:
        at = time.fromisoformat(nominal.split("T", 1)[1][:8])
    day = today + timedelta(days=int(vacancy["deadline_offset_days"]))
    return datetime.combine(day, at, tzinfo=zone)
