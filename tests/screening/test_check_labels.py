"""The criterion of each check is named in the reader's language (back-office table headers, the
candidate's gaps before applying), not in the language active when the module was first imported."""

from __future__ import annotations

from django.utils import translation

from concours.screening.selectors import check_lines

CHECKS = [
    {"criterion": criterion, "result": "fail", "reason": "-"}
    for criterion in ("nationality", "languages", "experience", "degree", "deadline")
]


def test_criteria_are_named_in_french_for_a_french_reader() -> None:
    with translation.override("fr"):
        labels = [line.label for line in check_lines(CHECKS)]
    assert labels == ["Nationalité", "Langues", "Expérience", "Diplôme", "Date limite"]


def test_the_language_asked_for_names_the_criteria() -> None:
    with translation.override("en"):
        assert [line.label for line in check_lines(CHECKS, "fr")][:2] == ["Nationalité", "Langues"]
    with translation.override("fr"):
        assert [line.label for line in check_lines(CHECKS, "en")][:2] == ["Nationality", "Languages"]
