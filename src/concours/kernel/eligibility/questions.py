"""Screening questions a recruiter adds to a vacancy: yes/no or a number, some of them knock-out.

A knock-out question sets the answer a candidate must give: "yes" or "no" for a yes/no question, a
minimum for a numeric one. A knock-out question answered otherwise fails the verdict; one not answered
(a question added after the application, say) needs a person. Other questions make no check: their
answers are for the recruiter to read.

A question as screening reads it (a dict): {"key": "q12", "text": {"en": ..., "fr": ...},
"kind": "yes_no" | "number", "knockout": bool, "required_yes": bool | None, "minimum": number | None}.
Answers are keyed by the question's key: true/false for yes/no, a number for a numeric question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple

from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.messages import JSON
from concours.kernel.eligibility.verdict import FAIL, PASS, REVIEW, Check

Kind = Literal["yes_no", "number"]
KINDS: tuple[Kind, ...] = ("yes_no", "number")


class QuestionRule(NamedTuple):
    key: str
    text: dict[str, JSON]  # {"en": ..., "fr": ...}
    kind: Kind
    knockout: bool
    required_yes: bool | None  # yes/no knock-out: the answer required
    minimum: float | None  # numeric knock-out: the least answer accepted


def compile_questions(items: Sequence[Mapping[str, Any]]) -> tuple[QuestionRule, ...]:
    """The questions of a vacancy, checked; InvalidInput names the one that breaks the shape above."""
    rules = []
    for index, item in enumerate(items):
        field = f"questions[{index}]"
        key, kind, knockout = item.get("key"), item.get("kind"), item.get("knockout", False)
        text = item.get("text")
        if not isinstance(key, str) or not key:
            raise InvalidInput(f"{field}.key", "must be a non-empty text")
        if kind not in KINDS:
            raise InvalidInput(f"{field}.kind", f"must be one of {', '.join(KINDS)}")
        if not isinstance(text, Mapping) or not isinstance(text.get("en"), str):
            raise InvalidInput(f"{field}.text", "must give the question in English at least")
        if not isinstance(knockout, bool):
            raise InvalidInput(f"{field}.knockout", "must be true or false")
        required_yes, minimum = item.get("required_yes"), item.get("minimum")
        if knockout and kind == "yes_no" and not isinstance(required_yes, bool):
            raise InvalidInput(f"{field}.required_yes", "a knock-out yes/no question must say which answer")
        if (
            knockout
            and kind == "number"
            and (isinstance(minimum, bool) or not isinstance(minimum, int | float))
        ):
            raise InvalidInput(f"{field}.minimum", "a knock-out numeric question must give a minimum")
        rules.append(
            QuestionRule(
                key,
                {"en": text["en"], "fr": text.get("fr") or text["en"]},
                kind,
                knockout,
                required_yes if kind == "yes_no" and knockout else None,
                float(minimum) if kind == "number" and knockout and minimum is not None else None,
            )
        )
    return tuple(rules)


def answer_passes(rule: QuestionRule, answer: object) -> bool | None:
    """Whether an answer meets a knock-out question; None when there is no usable answer."""
    if rule.kind == "yes_no":
        if not isinstance(answer, bool):
            return None
        return answer is rule.required_yes
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return None
    return rule.minimum is None or answer + 1e-9 >= rule.minimum


def check_question(rule: QuestionRule, answer: object) -> Check | None:
    """The check of a knock-out question on its answer; None for a question that is not knock-out."""
    if not rule.knockout:
        return None
    expected: dict[str, JSON] = (
        {"yes": rule.required_yes} if rule.kind == "yes_no" else {"minimum": rule.minimum}
    )
    passes = answer_passes(rule, answer)
    params: dict[str, JSON] = {
        "question": rule.text,
        "answer": answer if isinstance(answer, bool | int | float) else None,
        "expected": expected,
    }
    if passes is None:
        return Check("question", REVIEW, "question.review_unanswered", params)
    return Check("question", PASS if passes else FAIL, "question.pass" if passes else "question.fail", params)
