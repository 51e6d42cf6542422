"""Competencies and their behavioural levels."""

from __future__ import annotations

from concours.kernel.notices.competencies import competencies
from concours.kernel.notices.qualifications import qualifications
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


def test_every_competencies_list_counts_core_values_do_not() -> None:
    """Core and managerial competencies are read; Core Values are not competencies."""
    text = (
        "Core Values\nIntegrity\nProfessionalism\nCore Competencies\n"
        "Communication: Speaks and writes clearly.\n"
        "Teamwork: Works with others.\nManagerial Competencies\nLeadership: Serves as a role model.\n"
        "Education\nA degree.\n"
    )
    assert competencies(Notice(text)) == [
        {"name": "Communication", "level": "Speaks and writes clearly"},
        {"name": "Teamwork", "level": "Works with others"},
        {"name": "Leadership", "level": "Serves as a role model"},
    ]


def test_a_name_and_its_level_after_a_dash() -> None:
    text = (
        "Competencies\nBuilding relationships and partnerships - Builds and maintains networks\n"
        "Communication - Shares information openly\n"
    )
    assert competencies(Notice(text)) == [
        {"name": "Building relationships and partnerships", "level": "Builds and maintains networks"},
        {"name": "Communication", "level": "Shares information openly"},
    ]


def test_a_table_of_themes_names_and_definitions_gives_the_names() -> None:
    """A theme heads names, a name heads its definition: the names, without levels."""
    definition = (
        "Capacité à {} selon les règles de l'organisation et à en rendre compte à la direction chaque mois."
    )
    text = "\n".join(
        [
            "Compétences",
            "Domaine thématique",
            "Compétence",
            "Définition",
            "Finance",
            "Budget",
            definition.format("préparer les budgets et suivre leur exécution"),
            "Audit",
            definition.format("conduire des missions d'audit interne"),
            "Langues",
        ]
    )
    assert competencies(Notice(text)) == [{"name": "Budget", "level": None}, {"name": "Audit", "level": None}]


def test_list_marks_and_notes_to_the_reader_are_left_out() -> None:
    """ "Accountability (C)": the mark of the list goes; "For detailed information, please consult ..." is
    no competency."""
    text = (
        "COMPETENCIES (Core / Managerial)\nAccountability (C)\nCommunication (C)\nTeamwork (M)\n"
        "For detailed information, please consult the Competency Framework.\n"
    )
    assert competencies(Notice(text)) == [
        {"name": "Accountability", "level": None},
        {"name": "Communication", "level": None},
        {"name": "Teamwork", "level": None},
    ]


def test_values_under_a_competencies_heading_are_not_competencies() -> None:
    """ "Values - all staff must ...:" heads values; "Core Competencies – behavioural indicators" heads
    the competencies (a heading with a note after a dash)."""
    text = (
        "Required Competencies\nValues - all staff members must demonstrate these values:\n"
        "• Integrity: maintains high ethical standards.\nCore Competencies – behavioural indicators level 1\n"
        "• Teamwork: develops effective collaboration.\n• Delivering results: produces quality results.\n"
    )
    assert competencies(Notice(text)) == [
        {"name": "Teamwork", "level": "develops effective collaboration"},
        {"name": "Delivering results", "level": "produces quality results"},
    ]
    found = qualifications(
        Notice("Required Qualifications\nEducation\n• Master's degree in medicine.\n" + text)
    )
    assert found.essential == ["Master's degree in medicine."]
