from __future__ import annotations

import re

import pytest

from concours.kernel.eligibility.messages import MESSAGES, STAFF_MESSAGES, format_date, format_number, render

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_exists_in_english_and_french_with_the_same_parameters(code: str) -> None:
    english, french = MESSAGES[code]["en"], MESSAGES[code]["fr"]
    assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(french))
    assert english != french


def test_dates_and_numbers_are_written_per_language() -> None:
    assert format_date("2023-04-04", "en") == "4 April 2023"
    assert format_date("2023-04-01", "fr") == "1er avril 2023"
    assert format_number(10.5, "fr") == "10,5"
    assert format_number(15.0, "en") == "15"


def test_parameters_are_rendered_in_the_reader_language() -> None:
    params = {"members": "nato", "standing": None, "on": "2025-01-01", "countries": ["CH", "AT"]}
    assert render("nationality.fail", params, "en") == (
        "The post is open to nationals of NATO member countries; on 1 January 2025 none of your nationalities"
        " (Switzerland and Austria) qualifies."
    )
    assert "pays membres de l'OTAN" in render("nationality.fail", params, "fr")
    assert "(Suisse et Autriche)" in render("nationality.fail", params, "fr")


def test_an_unknown_language_falls_back_to_english() -> None:
    assert render("nationality.open", {}, "de") == render("nationality.open", {}, "en")


def test_the_either_way_requirement_reads_naturally() -> None:
    required = {"scale": "NATO", "any_of": [[["en", "VI"], ["fr", "II"]], [["fr", "VI"], ["en", "II"]]]}
    shown = {"skills": [["en", "NATO", "V"]], "languages": ["en", "fr"]}
    params = {"required": required, "scale": "NATO", "shown": shown}
    assert render("languages.fail", params, "en").startswith(
        "The notice asks for VI (Proficiency) in English or French and II (Elementary) in the other;"
        " your profile shows English V (Advanced),"
    )
    assert "VI (Maîtrise) en anglais ou français et II (Élémentaire) dans l'autre" in render(
        "languages.fail", params, "fr"
    )


# Words that speak to the candidate: staff must never read them about someone else.
SECOND_PERSON = re.compile(r"\b(your|yours|you|votre|vos|vôtre|vous)\b", re.IGNORECASE)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_reason_has_a_staff_voice_with_the_same_parameters_and_no_you(code: str) -> None:
    """The bug: recruiters read "your nationality" about a candidate. Each reason has a third-person
    version for staff, in English and French, carrying the same parameters."""
    assert code in STAFF_MESSAGES, f"add {code} to STAFF_MESSAGES"
    for lang in ("en", "fr"):
        staff = STAFF_MESSAGES[code][lang]
        assert set(PLACEHOLDER.findall(staff)) == set(PLACEHOLDER.findall(MESSAGES[code][lang]))
        assert not SECOND_PERSON.search(staff), staff


def test_staff_read_the_reasons_in_the_third_person() -> None:
    params = {"members": "nato", "standing": None, "on": "2025-01-01", "countries": ["CH", "AT"]}
    assert render("nationality.fail", params, "en", voice="staff") == (
        "The post is open to nationals of NATO member countries; on 1 January 2025 none of the candidate's"
        " nationalities (Switzerland and Austria) qualifies."
    )
    experience = {"min_years": 10, "of": "policy", "counted": [], "years": 4, "on": "2025-01-01"}
    for lang in ("en", "fr"):
        assert not SECOND_PERSON.search(render("experience.fail", experience, lang, voice="staff"))
    assert "your posts" in render("experience.fail", experience, "en")  # the candidate's own page
    tagged = {**experience, "counted": [["policy"]]}
    assert "les postes du profil marqués" in render("experience.pass", tagged, "fr", voice="staff")


@pytest.mark.parametrize(
    ("years", "french", "english"),
    [
        (0, "ne totalisent que 0 an au", "add up to only 0 years by"),
        (1, "ne totalisent que 1 an au", "add up to only 1 year by"),
        (1.5, "ne totalisent que 1,5 an au", "add up to only 1.5 years by"),
        (3, "ne totalisent que 3 ans au", "add up to only 3 years by"),
    ],
)
def test_a_number_of_years_agrees_with_its_word(years: float, french: str, english: str) -> None:
    """French takes the singular below two ("0 an", "1,5 an"), English for exactly one ("1 year")."""
    params = {"min_years": 1, "of": "policy", "counted": None, "years": years, "on": "2026-12-01"}
    assert french in render("experience.fail", params, "fr")
    assert english in render("experience.fail", params, "en")
    assert "au moins 1 an d'expérience" in render("experience.fail", params, "fr")
    assert "at least 1 year of experience" in render("experience.fail", params, "en")
