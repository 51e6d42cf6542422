"""Essay rules, the generative-AI ban, nationality restriction and the selection timeline."""

from __future__ import annotations

from concours.kernel.notices.application import (
    essay,
    genai_prohibited,
    nationality_restriction,
    selection_timeline,
)
from concours.kernel.notices.sections import Notice

ESSAY = (
    "Candidates are asked to attach one MS Word document summarising their views. This essay, "
    "which should be no "
    "more than 2 A4 pages long, will be evaluated.\n"
    "Candidates are requested to attach their essay to their application, by latest 29 July 2025.\n"
    "The title of the attachment must include the vacancy reference and the words “Key challenges”.\n"
)


def test_essay_rules() -> None:
    """Pages, paper, MS Word as docx, the title rule with the reference filled in, and the due date."""
    assert essay(Notice(ESSAY), "251082") == {
        "required": True,
        "max_pages": 2,
        "paper": "A4",
        "format": "docx",
        "title_must_include": ["251082", "Key challenges"],
        "due": "2025-07-29",
    }


def test_essay_limit_in_the_next_sentence() -> None:
    """'Please limit yourself to maximum 1 A4 page' after the essay sentence sets max_pages."""
    text = (
        "You are requested to attach one MS Word document on these challenges. Please "
        "limit yourself to maximum 1 A4 page."
    )
    found = essay(Notice(text), None)
    assert found is not None and found["max_pages"] == 1


def test_no_essay() -> None:
    """A notice that asks for no attachment has essay None."""
    assert essay(Notice("Applications must be submitted online."), None) is None


def test_genai_ban_in_english_and_french() -> None:
    """The ban is found in either language; a mere mention of AI is not a ban."""
    assert genai_prohibited(
        Notice(
            "NATO will not accept any phase of the recruitment prepared by means of generative "
            "artificial-intelligence (AI) tools."
        )
    )
    assert genai_prohibited(
        Notice(
            "L'OTAN n'acceptera aucune phase préparée au moyen d'outils d'intelligence "
            "artificielle (IA) générative."
        )
    )
    assert not genai_prohibited(Notice("The Division works on generative AI policy."))


def test_nationality_restriction_as_written() -> None:
    """'only accept applications from nationals of X' gives 'nationals of X'; a welcome is no restriction."""
    assert (
        nationality_restriction(
            Notice("we can only accept applications from nationals of NATO member countries.")
        )
        == "nationals of NATO member countries"
    )
    assert (
        nationality_restriction(Notice("NATO welcomes applications of nationals from all member Nations."))
        is None
    )


def test_timeline_stages_when_and_where() -> None:
    """Stages listed after 'scheduled as follows:' or 'expected to take place', with their place."""
    text = (
        "The competition is provisionally scheduled as follows:\nPre-selection testing in August 2025;\n"
        "Final selection in early October 2025, in Brussels, Belgium.\n\n"
        "Selective assessment is expected to take place in the first half of July 2025.\n"
    )
    assert selection_timeline(Notice(text)) == [
        {"stage": "Pre-selection testing", "when": "August 2025", "where": None},
        {"stage": "Final selection", "when": "early October 2025", "where": "Brussels, Belgium"},
        {"stage": "Selective assessment", "when": "first half of July 2025", "where": None},
    ]
