"""Competencies and their behavioural levels."""

from __future__ import annotations

from concours.kernel.notices.competencies import competencies
from concours.kernel.notices.sections import Notice


def test_nato_competencies_with_levels() -> None:
    """'Name: level' bullets give the level as written, without the list punctuation."""
    text = (
        "5. COMPETENCIES\nThe incumbent must demonstrate:\n* Change Leadership: "
        "Champions change;\n* Self-Control: Stays composed.\n6. CONTRACT\n"
    )
    assert competencies(Notice(text)) == [
        {"name": "Change Leadership", "level": "Champions change"},
        {"name": "Self-Control", "level": "Stays composed"},
    ]


def test_names_only_after_an_introducing_line() -> None:
    """Without a heading, 'demonstrate the following competencies:' introduces names without levels."""
    text = (
        "Candidates must demonstrate the following competencies:\n\n  • Achievement\n  • "
        "Change leadership\n\nSelection is on merit."
    )
    assert competencies(Notice(text)) == [
        {"name": "Achievement", "level": None},
        {"name": "Change leadership", "level": None},
    ]


def test_un_definitions_are_not_levels() -> None:
    """A UN competency paragraph of several sentences is a definition: the level is None."""
    text = (
        "Competencies\nProfessionalism: Knowledge of the field. Shows pride in "
        "work.\nTeamwork: Works collaboratively. Shares credit.\n\nEducation\n"
    )
    assert competencies(Notice(text)) == [
        {"name": "Professionalism", "level": None},
        {"name": "Teamwork", "level": None},
    ]


def test_french_competencies() -> None:
    """'Réalisation : Fixe des objectifs ambitieux ;' (space before the colon, as French writes it)."""
    text = "4. COMPÉTENCES\n  • Réalisation : Fixe des objectifs ambitieux ;\n"
    assert competencies(Notice(text)) == [{"name": "Réalisation", "level": "Fixe des objectifs ambitieux"}]
