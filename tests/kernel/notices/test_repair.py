"""Board and PDF text put back into lines before it is read (repair.py)."""

from __future__ import annotations

from concours.kernel.notices.parse import parse_notice_text
from concours.kernel.notices.repair import repair


def test_labels_glued_to_the_value_before_them_start_a_line() -> None:
    text = (
        "Primary Location\nGermany-BonnNATO Body\nNATO Communications and Information Agency (NCIA)Schedule\n"
    )
    assert repair(text) == (
        "Primary Location\nGermany-Bonn\nNATO Body\nNATO Communications and Information Agency (NCIA)\n"
        "Schedule\n"
    )


def test_a_glued_header_reads_field_by_field() -> None:
    text = (
        "Policy Analyst\nPrimary Location\nGermany-BonnNATO Body\nNATO Communications and Information"
        " Agency (NCIA)Schedule\nFull-timeApplication Deadline\n12-Mar-2026, 11:59:00 PMSalary (Pay Basis)"
        "\n: 6,000.00Euro (EUR) MonthlyGrade NATO Grade G12Description\nThe analyst ...\n"
    )
    notice = parse_notice_text(text)
    assert (notice["organisation"], notice["body"]) == ("NATO", "NATO Communications and Information Agency")
    assert notice["location"] == "Bonn, Germany"
    assert notice["schedule"] == "full-time"
    assert notice["deadline"] == "2026-03-12T23:59:00"
    assert notice["salary"] == {"amount": 6000.0, "currency": "EUR", "period": "month"}


def test_a_one_line_notice_is_cut_at_its_labels_and_items() -> None:
    prose = "The officer prepares the budget and follows its execution with the sections. " * 6
    items = "Requirements: university degree in finance.Five years of experience in budgeting.Fluency in"
    items += " English.Knowledge of Oracle.Experience with audits.Good drafting skills."
    text = (
        "Vacancy Number: 12345 Grade: P-3 Title: Budget Officer Duty Station: Vienna Deadline: 1 March 2026 "
        + prose
        + items
    )
    lines = repair(text).split("\n")
    assert lines[:4] == [
        "Vacancy Number: 12345",
        "Grade: P-3",
        "Title: Budget Officer",
        "Duty Station: Vienna",
    ]
    assert "Five years of experience in budgeting." in lines
    notice = parse_notice_text(text)
    assert (notice["reference"], notice["grade"], notice["title"]) == ("12345", "P-3", "Budget Officer")
    assert notice["deadline"] == "2026-03-01"


def test_a_double_colon_ends_a_field_name() -> None:
    assert repair("EDUCATION:: Advanced university degree in law.") == (
        "EDUCATION:\nAdvanced university degree in law."
    )


def test_a_label_s_parenthesis_broken_over_lines_is_joined() -> None:
    assert repair("Closing date (\nlocal time\n): 12 March 2026\nNext") == (
        "Closing date ( local time ): 12 March 2026\nNext"
    )


def test_text_in_lines_comes_back_unchanged() -> None:
    text = "Title: Officer\nLocation: Rome, Italy\nThe McDonald iPhone team (R&D) in DataOps.\n"
    assert repair(text) == text


def test_fields_between_bars_each_start_a_line() -> None:
    """'Vacancy Number: 1 | Grade: G19 | Location: ...' is three fields; a bar in prose is left alone."""
    line = "Vacancy Number: 250519 | Grade: NATO Grade G19 | Location: Brussels, Belgium"
    assert repair(line).split("\n") == [
        "Vacancy Number: 250519",
        "Grade: NATO Grade G19",
        "Location: Brussels, Belgium",
    ]
    prose = "Apply via the portal | we answer every candidate"
    assert repair(prose) == prose
