"""Essential and desirable qualifications, years of experience, degree levels."""

from __future__ import annotations

from concours.kernel.notices.qualifications import degree, experience, min_years, qualifications
from concours.kernel.notices.sections import Notice

NATO_STYLE = """2. QUALIFICATIONS AND EXPERIENCE

ESSENTIAL

The incumbent must:

  • have a university degree (Master's level preferred) in a relevant field;
  • have at least 12 years of experience in defence planning, out of which at least 4 years managing teams;

DESIRABLE

The following would be considered an advantage:

  • experience in a multinational headquarters.

3. ACCOUNTABILITIES
"""


def test_bullets_under_essential_and_desirable() -> None:
    """One item per bullet, in order, under each heading."""
    found = qualifications(Notice(NATO_STYLE))
    assert found.essential == [
        "have a university degree (Master's level preferred) in a relevant field;",
        "have at least 12 years of experience in defence planning, out of which at least 4 years "
        "managing teams;",
    ]
    assert found.desirable == ["experience in a multinational headquarters."]


def test_un_sentences_sorted_by_their_own_words() -> None:
    """Without bullets, each sentence is an item: 'is required' essential, 'is desirable' desirable."""
    text = (
        "Work Experience\nA minimum of seven years of experience in finance is required. "
        "Experience in the field is desirable.\n"
    )
    found = qualifications(Notice(text))
    assert found.essential == ["A minimum of seven years of experience in finance is required."]
    assert found.desirable == ["Experience in the field is desirable."]


def test_years_ranges_minimums_and_number_words() -> None:
    """'10-15 years', 'at least 4 years', 'a minimum of seven years', 'au moins 8 ans'."""
    found = experience(
        [
            "a strong background in security policy, developed through 10-15 years of experience;",
            "at least 10 years' experience in reporting, out of which at least 4 years managing teams;",
            "A minimum of seven years of progressively responsible experience is required.",
            "avoir au moins 8 ans d'expérience professionnelle ;",
        ]
    )
    assert [(e["min_years"], e["max_years"]) for e in found] == [
        (10, 15),
        (10, None),
        (4, None),
        (7, None),
        (8, None),
    ]
    assert min_years(found) == 10


def test_years_of_study_are_not_experience() -> None:
    """'university studies of at least 4 years' is education; only the 6 years of experience count."""
    found = experience(
        [
            "completed university studies of at least 4 years attested by a diploma, followed by "
            "at least 6 years of professional experience"
        ]
    )
    assert [e["min_years"] for e in found] == [6]


def test_degree_minimum_and_preference() -> None:
    """'university degree (Master's level preferred)' -> bachelor required, master preferred."""
    assert degree(["have a university degree (Master's level preferred);"], []) == {
        "min_level": "bachelor",
        "preferred_level": "master",
    }
    assert degree(["a university degree;"], ["a post-graduate degree in a relevant discipline;"]) == {
        "min_level": "bachelor",
        "preferred_level": "master",
    }
    assert degree(["experience in audit;"], []) is None


def test_degree_in_lieu_rule() -> None:
    """A first-level degree accepted 'in lieu of' the advanced one: bachelor minimum, master preferred."""
    items = [
        "An advanced university degree is required.",
        "A first-level university degree with two additional years of experience may be accepted "
        "in lieu of the advanced university degree.",
    ]
    assert degree(items, []) == {"min_level": "bachelor", "preferred_level": "master"}
