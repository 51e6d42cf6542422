"""An essay's facts against a vacancy's rules, with the kernel's refusals as domain errors."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concours.core.errors import DomainError
from concours.kernel.essays import EssayFacts, EssayRefused, RenderError, default_renderer, inspect
from concours.vacancies.models import Vacancy


def ui_language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def essay_facts(data: bytes, *, vacancy: Vacancy, file_name: str, render: bool) -> EssayFacts:
    """The facts of an essay against the vacancy's rules; a file no parser may trust is refused."""
    try:
        return inspect(
            data,
            rules=vacancy.essay_rules or {},
            file_name=file_name,
            renderer=default_renderer() if render else None,
        )
    except EssayRefused as refused:
        raise DomainError(refused.reason_in(ui_language())) from refused
    except RenderError as error:
        raise DomainError(
            _("The essay could not be rendered to count its pages; please try again.")
        ) from error
