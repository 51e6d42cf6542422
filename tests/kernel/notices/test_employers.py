"""Organisation and employing body, from the reference list of employers (any name, EN or FR)."""

from __future__ import annotations

import pytest

from concours.kernel.notices.employers import find_employers, mentions, names_employer
from concours.kernel.notices.sections import Notice


def employers(text: str) -> tuple[str | None, str | None]:
    found = find_employers(Notice(text))
    return found.organisation, found.body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A body names its organisation: the two levels from one name, in English or French.
        ("Secrétariat international de l'OTAN\nTitre : Assistant\n", ("NATO", "NATO International Staff")),
        ("Hiring Organization: UNDP\nJob Title: Analyst\n",
         ("United Nations", "United Nations Development Programme")),
        # An organisation that stands alone, in French with or without the capital.
        ("Organisation mondiale de la santé\nTitre : Médecin\n", ("World Health Organization", None)),
        ("Le Bureau international du Travail recrute un juriste.\n",
         ("International Labour Organization", None)),
        # A field that names a body says who employs, whatever else the notice names.
        ("NATO Body: NATO Support and Procurement Agency (NSPA)\nTitle: Engineer\nThe UN and the EU...\n",
         ("NATO", "NATO Support and Procurement Agency")),
        # Bodies no list holds, as written: an EU agency, an OSCE field operation.
        ("The European Union Agency for Road Safety (ERSA) is recruiting a Data Officer.\n",
         ("European Union", "European Union Agency for Road Safety (ERSA)")),
        ("OSCE Mission to Moldova\nTitle: Driver\n", ("OSCE", "OSCE Mission to Moldova")),
        # A listed agency is the list's, by its own name.
        ("The European Medicines Agency (EMA) seeks a Pharmacist.\n",
         ("European Union", "European Medicines Agency")),
        ("Title: Clerk\nThe post supports the registry.\n", (None, None)),
    ],
)  # fmt: skip
def test_organisation_and_body(text: str, expected: tuple[str | None, str | None]) -> None:
    assert employers(text) == expected


def test_the_name_used_most_wins_the_heading_acronym_does_not_count() -> None:
    """An acronym in a run of capitals is a heading's word ("WHY JOIN UNICEF?"); the organisation is
    the one the notice names most."""
    text = "WHY JOIN UNICEF?\nThe World Food Programme seeks a Logistics Officer.\nWFP offers a career.\n"
    assert employers(text) == ("United Nations", "World Food Programme")


def test_names_are_whole_words_written_as_the_reference_writes_them() -> None:
    """A capitalised word of a name needs its capital, an acronym its capitals, a word its whole."""
    assert mentions("The post is in the international staff of the agency.") == []
    assert mentions("Tell us who you are.") == []
    assert mentions("iPhone R&D UNDPX") == []
    assert [m.employer.name for m in mentions("the NATO International Staff (IS)")] == [
        "NATO International Staff"
    ]


def test_the_longest_name_wins_where_names_overlap() -> None:
    found = mentions("Apply to UN Women today.")
    assert [(m.employer.name, m.start, m.end) for m in found] == [("UN Women", 9, 17)]


def test_a_line_that_is_an_employer_s_name() -> None:
    assert names_employer("International Atomic Energy Agency")
    assert names_employer("The World Bank")
    assert not names_employer("World Bank Analyst")
