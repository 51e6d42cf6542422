"""Reading essay checks and renditions, each for whoever may see them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.translation import get_language

from concours.essays.models import DraftCheck, Rendition
from concours.kernel.essays.messages import render


@dataclass(frozen=True)
class RuleLine:
    rule: str
    result: str
    reason: str


def draft_check_get_for(*, check_id: int, user: Any) -> DraftCheck:
    """The candidate's own draft check; another's is answered as if it did not exist."""
    try:
        return DraftCheck.objects.select_related("vacancy").get(pk=check_id, candidate__user=user)
    except DraftCheck.DoesNotExist:
        raise Http404 from None


def rule_lines(checks: list[dict[str, Any]]) -> list[RuleLine]:
    """The checks of an essay as sentences in the reader's language."""
    lang = "fr" if (get_language() or "en").startswith("fr") else "en"
    return [RuleLine(c["rule"], c["result"], render(c["code"], c.get("params") or {}, lang)) for c in checks]


def rendition_for(*, application_id: int) -> Rendition | None:
    """The anonymised PDF of an application's essay, once made; callers check who may open it."""
    return Rendition.objects.filter(application_id=application_id).first()
