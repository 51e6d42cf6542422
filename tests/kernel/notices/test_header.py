"""Header fields: title, reference, grade, location, dates, salary, organisation."""

from __future__ import annotations

from concours.kernel.notices.grades import grade_from_field
from concours.kernel.notices.parse import parse_notice_text

TALEO = """NATO - North Atlantic Treaty Organisation
Job Description - Policy Officer (250111)
Primary Location
Belgium-Brussels
Schedule
Full-time
Application Deadline
06-Apr-2025, 9:59:00 PM
Salary (Pay Basis)
: 7,102.04Euro (EUR) MonthlyGrade NATO Grade G15
1. SUMMARY
The Operations Division of the NATO International Staff plans crisis response.
"""


def test_taleo_layout() -> None:
    """The Taleo header: title and reference from one line, place reversed, salary and grade run together."""
    notice = parse_notice_text(TALEO)
    assert (notice["title"], notice["reference"], notice["grade"]) == ("Policy Officer", "250111", "G15")
    assert notice["location"] == "Brussels, Belgium"
    assert notice["deadline"] == "2025-04-06T21:59:00"
    assert notice["schedule"] == "full-time"
    assert notice["salary"] == {"amount": 7102.04, "currency": "EUR", "period": "month"}
    assert (notice["organisation"], notice["body"], notice["division"]) == (
        "NATO",
        "NATO International Staff",
        "Operations Division",
    )


def test_board_noise_is_not_the_title() -> None:
    """Emoji, 'This job posting isn't available...' and sign-in bars are skipped; the requisition is read."""
    text = (
        "🌎\nThis job posting isn't available in all website languages\n\nHead of "
        "Section, Budget\n\n251999 Requisition #\n\n1. SUMMARY\nNATO.\n"
    )
    notice = parse_notice_text(text)
    assert (notice["title"], notice["reference"]) == ("Head of Section, Budget", "251999")


def test_un_posting_period_and_title_grade() -> None:
    """'Posting Period: A - B' gives posted and deadline; the grade comes from ', P4' in the title."""
    text = (
        "Posting Title: ECONOMIST, P4\nDuty Station: NEW YORK\nPosting Period: 02 "
        "September 2025 - 01 October 2025\n\nEducation\nA degree in economics from the "
        "United Nations list is required.\n"
    )
    notice = parse_notice_text(text)
    assert (notice["posted"], notice["deadline"], notice["grade"]) == ("2025-09-02", "2025-10-01", "P4")
    assert notice["location"] == "NEW YORK"


def test_places_are_given_as_the_notice_spells_them() -> None:
    """City and country as written, put in order; the city in the country's language where a line
    mixes two; a site before the city left out; a city alone stays alone."""
    for written, expected in (
        ("Lieu d'affectation : Bruxelles, Belgique", "Bruxelles, Belgique"),
        ("Location: Brussel, Brussels Hoofdstedelijk Gewest, Belgium", "Brussels, Belgium"),
        ("Primary Location\nBelgium-Brussels", "Brussels, Belgium"),
        ("Emplacement principal\nBelgique-Bruxelles", "Bruxelles, Belgique"),
        ("Location\nESTEC, Noordwijk, Netherlands", "Noordwijk, Netherlands"),
        ("Duty Station: GENÈVE", "GENÈVE"),
        ("Duty Station: Homebased with travel as required.", "Homebased"),
    ):
        assert parse_notice_text(f"Title: Officer\n{written}\n")["location"] == expected, written


def test_unknown_fields_are_null_not_guessed() -> None:
    """A notice without grade, deadline, salary or contract says null for each."""
    notice = parse_notice_text("Title: Clerk\nThe post supports the Registry.\n")
    assert [notice[k] for k in ("grade", "deadline", "posted", "salary", "contract", "location")] == [
        None
    ] * 6


def test_grades_of_each_system_as_written() -> None:
    """UN, EU, NATO and UN-contract grades; a board's cells on one line give the code, a field's value
    is taken whole."""
    for written, expected in (
        ("Grade: P-3", "P-3"),
        ("Grade: NOB", "NOB"),
        ("Grade: FG III", "FG III"),
        ("Type of contract: Temporary Agent AD 7", "AD 7"),
        ("Grade  NATO Grade G10", "G10"),
        ("Grade: NATO Grade G10", "NATO Grade G10"),
        ("Level: ICS-9", "ICS-9"),
        ("Contract level: NPSA-8", "NPSA-8"),
        ("Grade: A2/A3", "A2/A3"),
        ("Classe : P3", "P3"),
        ("Grade: PA4", "PA4"),
    ):
        assert parse_notice_text(f"Title: Officer\n{written}\n")["grade"] == expected, written


def test_salaries_with_and_without_a_period() -> None:
    """The period only where the notice gives one; amounts in either thousands' style."""
    for written, expected in (
        ("Salary: USD 85,000", {"amount": 85000.0, "currency": "USD", "period": None}),
        ("Net salary: 7 500 EUR per month", {"amount": 7500.0, "currency": "EUR", "period": "month"}),
        (
            "Annual salary: from EUR 60 000 (tax free)",
            {"amount": 60000.0, "currency": "EUR", "period": "year"},
        ),
        ("Remuneration: 5.432,10 € mensuel", {"amount": 5432.1, "currency": "EUR", "period": "month"}),
    ):
        assert parse_notice_text(f"Title: Officer\n{written}\n")["salary"] == expected, written


def test_open_until_is_a_deadline() -> None:
    text = "Title: Officer\nThis vacancy is open until 20 April 2026.\n"
    assert parse_notice_text(text)["deadline"] == "2026-04-20"


def test_a_grade_field_of_bare_numbers_is_the_grade() -> None:
    """'Grade: 4-5' (organisations that number their grades): the field's value; a word after it is not."""
    assert grade_from_field("4-5") == "4-5"
    assert grade_from_field("9") == "9"
    assert grade_from_field("5 years") is None
