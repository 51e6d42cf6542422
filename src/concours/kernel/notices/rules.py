"""The one place where a failing extraction rule is contained, reported, or (under tests) raised.

Every rule the parser runs goes through `Rules.run` under a name listed in `RULES`. In production a rule
that raises costs only the fields it fills: the failure is logged with its traceback and listed in the
notice's `warnings`. With the environment variable `CONCOURS_PARSER_STRICT=1` (the test suite sets it)
the exception propagates, so a broken rule fails a test instead of silently emptying a field.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import ParamSpec, TypeVar

STRICT_ENV = "CONCOURS_PARSER_STRICT"

_log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

_EVERY_FIELD = (
    "organisation",
    "body",
    "division",
    "title",
    "reference",
    "posts",
    "grade",
    "location",
    "deadline",
    "posted",
    "schedule",
    "salary",
    "contract",
    "reports_to",
    "direct_reports",
    "indirect_reports",
    "staff_managed",
    "principal_issues",
    "key_challenges",
    "essential_qualifications",
    "desirable_qualifications",
    "experience",
    "min_years_experience",
    "degree",
    "languages",
    "competencies",
    "nationality_restriction",
    "essay",
    "genai_prohibited",
    "selection_timeline",
)

# Every rule, as "module.attribute" in concours.kernel.notices, with the output keys it fills or that are
# read from its result (the tests check that a failure changes no others). The name is how a warning
# names the rule, and how the tests find the function to make it raise.
RULES: dict[str, tuple[str, ...]] = {
    "sections.Notice": _EVERY_FIELD,
    "header._title_and_reference": ("title", "reference", "grade", "location", "posts", "essay"),
    "header._grade": ("grade",),
    "header._location": ("location",),
    "header._dates": ("deadline", "posted"),
    "header._schedule": ("schedule",),
    "header._salary": ("salary",),
    "header._organisation": ("organisation", "body", "languages"),
    "header._division": ("division",),
    "qualifications.qualifications": (
        "essential_qualifications",
        "desirable_qualifications",
        "experience",
        "min_years_experience",
        "degree",
        "languages",
    ),
    "qualifications.experience": ("experience", "min_years_experience"),
    "qualifications.min_years": ("min_years_experience",),
    "qualifications.stated_years": ("min_years_experience",),
    # The degree required decides which years of experience are the main path's.
    "qualifications.degree": ("degree", "experience", "min_years_experience"),
    "qualifications.degree_fields": ("degree", "experience", "min_years_experience"),
    "role.report_counts": ("direct_reports", "indirect_reports", "posts"),
    "role.posts": ("posts", "direct_reports", "indirect_reports"),
    "role.reports_to": ("reports_to",),
    "role.staff_managed": ("staff_managed",),
    "role.principal_issues": ("principal_issues",),
    "role.key_challenges": ("key_challenges",),
    "contract.contract": ("contract",),
    "languages.language_sentences": ("languages",),
    "languages.stated_levels": ("languages",),
    "languages.languages": ("languages",),
    "competencies.competencies": ("competencies",),
    "application.nationality_restriction": ("nationality_restriction",),
    "application.essay": ("essay",),
    "application.genai_prohibited": ("genai_prohibited",),
    "application.selection_timeline": ("selection_timeline",),
}


def strict() -> bool:
    """Whether a failing rule raises (tests) rather than being contained (production)."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "yes", "on")


class Rules:
    """Runs the rules for one notice and collects a warning for each one that failed."""

    def __init__(self, source_file: str = "") -> None:
        self.source_file = source_file
        self.warnings: list[dict[str, object]] = []

    def run(self, name: str, default: T, extract: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """`extract(*args, **kwargs)`, or `default` (with a warning) if it raises and strict mode is off."""
        fields = RULES[name]  # outside the try: an unlisted rule is the caller's bug, never contained
        try:
            return extract(*args, **kwargs)
        except Exception as error:
            if strict():
                raise
            # One misbehaving rule must cost its fields, never the whole notice: the CLI parses batches.
            _log.exception(
                "notice rule %s failed on %s; fields affected: %s",
                name,
                self.source_file or "<text>",
                ", ".join(fields),
            )
            self.warnings.append(
                {
                    "rule": name,
                    "fields": list(fields),
                    "error": type(error).__name__,
                    "message": str(error),
                }
            )
            return default
