"""Titles as written, without what boards and systems add; references as written."""

from __future__ import annotations

import pytest

from concours.kernel.notices.parse import parse_notice_text
from concours.kernel.notices.titles import clean_title


@pytest.mark.parametrize(
    ("raw", "text", "reference", "grade", "places"),
    [
        ("Programme Officer - Job No 565656", "Programme Officer", "565656", None, []),
        ("Finance Assistant, G5, Nairobi, Kenya", "Finance Assistant", None, "G5", ["Nairobi", "Kenya"]),
        ("Policy Adviser (P3)", "Policy Adviser", None, "P3", []),
        ("Legal Officer (Temporary Job Opening) - FTA", "Legal Officer", None, None, []),
        ("Humanitarian Affairs Officer (TJO)", "Humanitarian Affairs Officer", None, None, []),
        ("Chargé de programme - Dakar, Sénégal", "Chargé de programme", None, None, ["Dakar, Sénégal"]),
        ("Data Analyst - EEAS.RM.BHR.2 - AD7", "Data Analyst", None, "AD7", []),
        # A headline of sentences: the post is the first.
        ("Water Engineer, B5/B6. Some Agency, Darmstadt. Open until 4 May 2026", "Water Engineer", None,
         "B5/B6", []),
        # A comma inside the title is the title's, an employer after a comma too (a unit).
        ("Head of Section, Budget", "Head of Section, Budget", None, None, []),
        ("Director, NATO Communications and Information Agency",
         "Director, NATO Communications and Information Agency", None, None, []),
        # The employer a board adds after a dash goes.
        ("Logistics Officer, P3 – United Nations Mission in South Sudan", "Logistics Officer", None, "P3",
         []),
    ],
)  # fmt: skip
def test_clean_title(
    raw: str, text: str, reference: str | None, grade: str | None, places: list[str]
) -> None:
    found = clean_title(raw, 0)
    assert (found.text, found.reference, found.grade, found.places) == (text, reference, grade, places)


@pytest.mark.parametrize(
    ("text", "title", "reference"),
    [
        ("Poste 1 : Chargé de programme\nLieu d'affectation : Dakar, Sénégal\n", "Chargé de programme", None),
        ("1). Job Title: Water Engineer\n2). Location: Kampala, Uganda\n", "Water Engineer", None),
        ("Sign in\nSearch jobs\nFinance Assistant, G5, Nairobi, Kenya\nJob ID: 234567\n", "Finance Assistant",
         "234567"),
        ("Vacancy Notice No. 2026/014 - Procurement Officer\nThe officer buys.\n", "Procurement Officer",
         "2026/014"),
        ("Avis de vacance n° 26/05 : Assistant administratif (G4)\nLe poste...\n", "Assistant administratif",
         "26/05"),
        ("Vacancy Notice No. VN/2026/014\nProcurement Officer\nThe officer buys.\n", "Procurement Officer",
         "VN/2026/014"),
        ("The Agency seeks a Senior Statistician to join its team in Paris.\nMore text.\n",
         "Senior Statistician", None),
        # A reference as written, without the words a board runs after it.
        ("Job Title: Analyst\nReference: VA-2026-015 Closing soon\n", "Analyst", "VA-2026-015"),
    ],
)  # fmt: skip
def test_title_and_reference_in_the_usual_layouts(text: str, title: str, reference: str | None) -> None:
    notice = parse_notice_text(text)
    assert (notice["title"], notice["reference"]) == (title, reference)


def test_a_post_without_a_title_gives_an_empty_title() -> None:
    assert parse_notice_text("We use cookies. Accept all\n")["title"] == ""


def test_what_comes_before_the_post_and_a_dash_goes() -> None:
    """A board's "Offre d'emploi – " and a competition's code before an em dash are not the title; the
    code is the reference."""
    offer = clean_title("Offre d'emploi – Conseiller juridique (H/F) – OIF – Paris", 0)
    assert offer.text == "Conseiller juridique"
    competition = clean_title("EPSO/AD/412/26 — ADMINISTRATORS (AD 7) IN THE FIELD OF SECURITY", 0)
    assert (competition.text, competition.reference, competition.grade) == (
        "ADMINISTRATORS IN THE FIELD OF SECURITY",
        "EPSO/AD/412/26",
        "AD 7",
    )


@pytest.mark.parametrize(
    "noise",
    [
        "Jobs in Geneva | Save | Apply",
        "Accueil > Emplois > Genève",
        "UNHCR Careers",
        "OCDE – Offres d'emploi",
    ],
)
def test_board_bars_breadcrumbs_and_career_pages_are_not_titles(noise: str) -> None:
    notice = parse_notice_text(f"{noise}\nBudget Officer\nDuty Station: Geneva\n")
    assert notice["title"] == "Budget Officer"


@pytest.mark.parametrize(
    ("line", "reference"),
    [
        # A code followed by the post's title, place and category: the code alone.
        ("Reference Code : VA 2027 118 Water Sanitation Engineer (P) Juba", "VA 2027 118"),
        ("Job Reference Code : TE-2027-052 Cryogenics Technician Meyrin", "TE-2027-052"),
        # A code with words of its own is kept whole.
        (
            "Reference : 27-Political Affairs-DPPA-270011-R-AMMAN (R)",
            "27-Political Affairs-DPPA-270011-R-AMMAN (R)",
        ),
    ],
)
def test_a_reference_field_gives_its_code_without_the_title_after_it(line: str, reference: str) -> None:
    text = f"Position Title : Hydrologist\n{line}\nDuty Station : Juba, South Sudan\n"
    assert parse_notice_text(text)["reference"] == reference


def test_each_field_of_a_board_bar_row_is_read() -> None:
    """'Vacancy Notice: X | Reference Code : Y | Grade: P4': each cell that starts with a label is a field."""
    text = (
        "Vacancy Notice: Tariff Analyst | Reference Code : VA 2027 071 Tariff Analyst (P4) Bern | Grade: P4\n"
    )
    notice = parse_notice_text(text)
    assert (notice["title"], notice["reference"], notice["grade"]) == ("Tariff Analyst", "VA 2027 071", "P4")


def test_an_office_named_under_the_organisation_is_not_the_title() -> None:
    """'Country Office for Peru' on the line after the organisation is a unit; the post comes next."""
    text = "World Food Programme\nCountry Office for Peru\nLogistics Assistant (Fleet)\nGrade: G5\n"
    assert parse_notice_text(text)["title"] == "Logistics Assistant (Fleet)"
    text = "International Labour Organization\nDivision of Social Protection\nActuary\nGrade: P4\n"
    assert parse_notice_text(text)["title"] == "Actuary"
