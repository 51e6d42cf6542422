"""The organisation's default plan of stages (data/default_plan.json) and how it fits a vacancy: its
criteria from the notice, its dates and places from the notice's selection timeline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from concours.assessment.models import Criterion
from concours.vacancies.models import Vacancy

DATA = Path(__file__).resolve().parent / "data"


@cache
def default_plan() -> dict[str, Any]:
    """The NATO IS plan: the stages, in order, and the scale every stage starts with."""
    return dict(json.loads((DATA / "default_plan.json").read_text(encoding="utf-8")))


@dataclass(frozen=True)
class CriterionDraft:
    source: str
    name: str
    name_fr: str = ""
    required_level: str = ""
    test: str = ""


def criteria_for(*, vacancy: Vacancy, sources: list[str], stage_name: str) -> list[CriterionDraft]:
    """The criteria a stage takes from the vacancy's notice, in the order of `sources`."""
    notice = vacancy.notice or {}
    found: list[CriterionDraft] = []
    for source in sources:
        if source == "key_challenges":
            found += [
                CriterionDraft(Criterion.Source.KEY_CHALLENGE, str(text)[:300])
                for text in notice.get("key_challenges") or []
            ]
        elif source == "essential_qualifications":
            found += [
                CriterionDraft(Criterion.Source.QUALIFICATION, str(text).rstrip(";. ")[:300])
                for text in notice.get("essential_qualifications") or []
            ]
        elif source == "competencies":
            found += [
                CriterionDraft(
                    Criterion.Source.COMPETENCY,
                    str(item.get("name") or "")[:300],
                    required_level=str(item.get("level") or "")[:300],
                )
                for item in notice.get("competencies") or []
                if item.get("name")
            ]
        elif source == "test":
            found.append(CriterionDraft(Criterion.Source.TEST, stage_name, test=stage_name[:120]))
    return found


def timeline_for(*, vacancy: Vacancy, stages: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """When and where each stage happens, by stage key, from the notice's selection timeline.

    Each entry of the timeline goes to the first stage of the plan, not yet given one, whose words it
    contains ("Written test" → the pre-selection test, "Final interviews" → the final assessment).
    """
    taken: dict[str, tuple[str, str]] = {}
    for entry in (vacancy.notice or {}).get("selection_timeline") or []:
        words = str(entry.get("stage") or "").lower()
        for stage in stages:
            if stage["key"] in taken:
                continue
            if any(word in words for word in stage.get("timeline_words") or []):
                taken[stage["key"]] = (str(entry.get("when") or ""), str(entry.get("where") or ""))
                break
    return taken


KIND_HELP = {
    "document_review": _("The panel scores the CV and the essay."),
    "test": _("Results come from the test provider (CSV import)."),
    "interview": _("The panel scores each candidate at an interview."),
    "decision": _("Who goes on is decided from the stages before."),
    "screening": _("Eligibility screening against the notice's requirements."),
}
