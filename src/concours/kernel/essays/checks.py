"""An essay's facts against the notice's rules (the notice's `essay` object): format, pages, paper, title.

The title rule: the notice says "the title of the attachment must include the vacancy reference and the
words 'Key challenges'". An attachment's title is, for the candidate and for Taleo, its file name, so the
file name must include every phrase; the document's title property is shown in the reason for
information but decides nothing (Word fills it from the first line, or leaves it empty). Phrases are
matched ignoring case and treating spaces, underscores, hyphens and dots alike, since file names often
read "251082_Key_Challenges.docx".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from concours.kernel.essays.messages import JSON, render

if TYPE_CHECKING:
    from concours.kernel.essays.facts import EssayFacts

Result = Literal["pass", "fail", "pending"]


@dataclass(frozen=True)
class EssayCheck:
    """One rule's result: `code` and `params` render the reason in either language.

    `result` is "pass" or "fail"; "pending" only for the page rule while the essay is not yet rendered.
    """

    rule: str
    result: Result
    code: str
    params: dict[str, JSON] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return self.reason_in("en")

    @property
    def reason_fr(self) -> str:
        return self.reason_in("fr")

    def reason_in(self, lang: str) -> str:
        return render(self.code, self.params, lang)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "result": self.result,
            "reason": self.reason,
            "reason_fr": self.reason_fr,
            "code": self.code,
            "params": self.params,
        }


def check_essay(facts: EssayFacts, rules: Mapping[str, Any], *, file_name: str) -> list[EssayCheck]:
    """The checks that the notice's `essay` rules call for, in the order format, pages, paper, title."""
    checks: list[EssayCheck] = []
    if rules.get("format"):
        checks.append(_format(facts, str(rules["format"])))
    if rules.get("max_pages") is not None:
        checks.append(_pages(facts, _number(rules["max_pages"])))
    if rules.get("paper"):
        checks.append(_paper(facts, str(rules["paper"])))
    phrases = [str(phrase) for phrase in rules.get("title_must_include") or [] if str(phrase).strip()]
    if phrases:
        checks.append(_title(facts, phrases, file_name))
    return checks


def title_includes(title: str, phrase: str) -> bool:
    """Whether `title` includes `phrase` as whole words, ignoring case and the kind of separator."""
    wanted = _normalise(phrase)
    return bool(wanted) and re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", _normalise(title)) is not None


def _format(facts: EssayFacts, expected: str) -> EssayCheck:
    passed = facts.format.casefold() == expected.casefold()
    params: dict[str, JSON] = {"expected": expected.casefold(), "found": facts.format}
    return EssayCheck(
        "format", "pass" if passed else "fail", f"format.{'pass' if passed else 'fail'}", params
    )


def _pages(facts: EssayFacts, max_pages: int | float) -> EssayCheck:
    if facts.pages is None:
        return EssayCheck("pages", "pending", "pages.pending", {"max_pages": max_pages})
    passed = facts.pages <= max_pages
    params: dict[str, JSON] = {"max_pages": max_pages, "pages": facts.pages}
    return EssayCheck("pages", "pass" if passed else "fail", f"pages.{'pass' if passed else 'fail'}", params)


def _paper(facts: EssayFacts, expected: str) -> EssayCheck:
    papers = list(dict.fromkeys(section.paper for section in facts.sections))
    if not papers:
        return EssayCheck("paper", "fail", "paper.unknown", {"expected": expected})
    passed = all(paper.casefold() == expected.casefold() for paper in papers)
    params: dict[str, JSON] = {"expected": expected, "found": ", ".join(papers)}
    return EssayCheck("paper", "pass" if passed else "fail", f"paper.{'pass' if passed else 'fail'}", params)


def _title(facts: EssayFacts, phrases: list[str], file_name: str) -> EssayCheck:
    missing: list[JSON] = [phrase for phrase in phrases if not title_includes(file_name, phrase)]
    params: dict[str, JSON] = {
        "phrases": list[JSON](phrases),
        "file_name": file_name,
        "title": facts.title,
        "title_property_includes": all(title_includes(facts.title, phrase) for phrase in phrases),
    }
    if missing:
        return EssayCheck("title", "fail", "title.fail", {**params, "missing": missing})
    return EssayCheck("title", "pass", "title.pass", params)


def _normalise(text: str) -> str:
    return " ".join(re.split(r"[\s_.\-–]+", text.casefold())).strip()


def _number(value: Any) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number
