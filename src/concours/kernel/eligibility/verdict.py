"""A verdict: one check per criterion, each with a message code and parameters, rendered on demand.

Checks are named tuples (immutable, and quick to build: a verdict makes several). They keep `code`
and `params` rather than finished sentences so that the web application can render the reason again
in the reader's language; `to_json` renders them in one language for the command line and for
contracts/verdict.schema.json.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Literal, NamedTuple

from concours.kernel.eligibility.messages import JSON, render

Result = Literal["pass", "fail", "review"]
Eligible = Literal["yes", "no", "review"]
# "question": a knock-out screening question of the vacancy (questions.py).
Criterion = Literal["nationality", "languages", "experience", "degree", "deadline", "essay", "question"]

PASS: Result = "pass"
FAIL: Result = "fail"
REVIEW: Result = "review"


class Check(NamedTuple):
    criterion: Criterion
    result: Result
    code: str  # a key of messages.MESSAGES, e.g. "nationality.fail_not_yet"
    params: dict[str, JSON]

    def reason(self, lang: str = "en") -> str:
        """One sentence naming the requirement and what the profile shows, in 'en' or 'fr'."""
        return render(self.code, self.params, lang)

    def to_dict(self, lang: str = "en") -> dict[str, JSON]:
        return {
            "criterion": self.criterion,
            "result": self.result,
            "reason": self.reason(lang),
            "code": self.code,
            "params": self.params,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    eligible: Eligible
    on: date
    checks: tuple[Check, ...]

    @classmethod
    def of(cls, checks: tuple[Check, ...], on: date) -> Verdict:
        """'no' when any check fails, else 'review' when any needs a person, else 'yes'."""
        eligible: Eligible = "yes"
        for check in checks:  # a loop rather than a set of the results: checks are few
            result = check.result
            if result == FAIL:
                eligible = "no"
                break
            if result == REVIEW:
                eligible = "review"
        return cls(eligible, on, checks)

    def to_dict(self, lang: str = "en") -> dict[str, JSON]:
        """The verdict in the shape of contracts/verdict.schema.json, reasons in `lang`."""
        return {
            "eligible": self.eligible,
            "on": self.on.isoformat(),
            "lang": lang,
            "checks": [check.to_dict(lang) for check in self.checks],
        }

    def to_json(self, lang: str = "en", *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)
