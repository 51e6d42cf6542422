"""Screening questions: a knock-out answer fails the verdict, other answers make no check."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.eligibility import InvalidInput, compile_requirements, screen_compiled
from concours.kernel.eligibility.builders import notice, profile
from concours.kernel.eligibility.messages import render
from concours.kernel.eligibility.questions import QuestionRule, check_question, compile_questions

ON = date(2025, 1, 1)
CLEARANCE = {
    "key": "q1",
    "text": {
        "en": "Do you hold a valid NATO SECRET clearance?",
        "fr": "Détenez-vous une habilitation NATO SECRET valide\u00a0?",
    },
    "kind": "yes_no",
    "knockout": True,
    "required_yes": True,
}
YEARS_OF_OFFICE = {
    "key": "q2",
    "text": {"en": "Years of office work?"},
    "kind": "number",
    "knockout": True,
    "minimum": 3,
}
DRIVING = {
    "key": "q3",
    "text": {"en": "Do you drive?", "fr": "Conduisez-vous\u00a0?"},
    "kind": "yes_no",
    "knockout": False,
}


def rule(item: dict[str, object]) -> QuestionRule:
    (compiled,) = compile_questions([item])
    return compiled


def verdict(answers: dict[str, object]) -> str:
    requirements = dataclasses.replace(
        compile_requirements(notice()), questions=compile_questions([CLEARANCE, YEARS_OF_OFFICE, DRIVING])
    )
    return screen_compiled(profile(), requirements, on=ON, answers=answers).eligible


def test_a_knock_out_answer_makes_the_candidate_not_eligible() -> None:
    assert verdict({"q1": True, "q2": 3, "q3": False}) == "yes"
    assert verdict({"q1": False, "q2": 3, "q3": True}) == "no"
    assert verdict({"q1": True, "q2": 2.5, "q3": True}) == "no"


def test_an_unanswered_knock_out_question_needs_a_person() -> None:
    assert verdict({"q2": 4}) == "review"
    check = check_question(rule(CLEARANCE), None)
    assert check is not None and (check.result, check.code) == ("review", "question.review_unanswered")


def test_a_question_that_is_not_knock_out_makes_no_check() -> None:
    assert check_question(rule(DRIVING), False) is None


def test_the_reason_quotes_the_question_in_the_readers_language_and_voice() -> None:
    check = check_question(rule(CLEARANCE), False)
    assert check is not None and check.result == "fail"
    assert render(check.code, check.params, "en") == (
        "The vacancy asks “Do you hold a valid NATO SECRET clearance?”; you answered “No”, and it requires"
        " “Yes”."
    )
    french = render(check.code, check.params, "fr", voice="staff")
    assert "«\u00a0Détenez-vous une habilitation NATO SECRET valide\u00a0?\u00a0»" in french
    assert "la réponse donnée est «\u00a0non\u00a0», alors qu’elle exige «\u00a0oui\u00a0»" in french
    numeric = check_question(rule(YEARS_OF_OFFICE), 2)
    assert numeric is not None and "Years of office work?" in render(numeric.code, numeric.params, "fr")
    assert "au moins 3" in render(numeric.code, numeric.params, "fr")


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({**CLEARANCE, "kind": "text"}, "kind"),
        ({**CLEARANCE, "required_yes": None}, "required_yes"),
        ({**YEARS_OF_OFFICE, "minimum": None}, "minimum"),
        ({**CLEARANCE, "text": {"fr": "seulement en français"}}, "text"),
        ({**CLEARANCE, "key": ""}, "key"),
    ],
)
def test_a_question_that_cannot_be_judged_is_refused(item: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput, match=field):
        compile_questions([item])


@given(
    st.floats(min_value=0, max_value=100, allow_nan=False),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)
def test_a_numeric_answer_passes_exactly_from_its_minimum(minimum: float, answer: float) -> None:
    check = check_question(rule({**YEARS_OF_OFFICE, "minimum": minimum}), answer)
    assert check is not None
    assert (check.result == "pass") == (answer + 1e-9 >= minimum)


@given(st.booleans(), st.one_of(st.booleans(), st.none(), st.integers()))
def test_a_yes_no_answer_passes_only_when_it_is_the_one_required(required: bool, answer: object) -> None:
    check = check_question(rule({**CLEARANCE, "required_yes": required}), answer)
    assert check is not None
    if not isinstance(answer, bool):
        assert check.result == "review"
    else:
        assert (check.result == "pass") == (answer is required)
