"""Language requirements on the NATO, CEFR, STANAG and UN scales."""

from __future__ import annotations

from concours.kernel.notices.languages import languages, stated_levels
from concours.kernel.notices.sections import Notice


def test_vi_in_one_and_ii_in_the_other_gives_two_alternatives() -> None:
    """Either official language may be the strong one: two alternatives, English-first and French-first."""
    text = (
        "the following minimum levels of NATO's official languages (English/French): VI "
        '("Proficiency") in one and II ("Elementary") in the other;'
    )
    assert languages([text], []) == {
        "scale": "NATO",
        "any_of": [
            [{"language": "en", "min_level": "VI"}, {"language": "fr", "min_level": "II"}],
            [{"language": "fr", "min_level": "VI"}, {"language": "en", "min_level": "II"}],
        ],
    }


def test_french_wording_of_the_nato_levels() -> None:
    """'V (« Avancé ») dans l'une et II (« Élémentaire ») dans l'autre' reads like the English."""
    text = (
        "posséder les niveaux minimums suivants (anglais/français) : V (« Avancé ») dans "
        "l'une et II (« Élémentaire ») dans l'autre."
    )
    found = languages([text], [])
    assert found is not None and found["scale"] == "NATO"
    assert [{"language": "en", "min_level": "V"}, {"language": "fr", "min_level": "II"}] in found["any_of"]  # type: ignore[operator]


def test_fixed_levels_per_language_give_one_alternative() -> None:
    """'English V (Advanced); French I (Beginner)' fixes which language is which."""
    found = languages(["language proficiency: English V (Advanced); French I (Beginner)."], [])
    assert found == {
        "scale": "NATO",
        "any_of": [[{"language": "en", "min_level": "V"}, {"language": "fr", "min_level": "I"}]],
    }


def test_cefr_level_and_desirable_language_left_out() -> None:
    """C1 English is required; French 'would be an asset' is not a minimum."""
    found = languages(
        [
            "very good knowledge of English, at least at level C1;",
            "knowledge of French (B2) would be an asset",
        ],
        [],
    )
    assert found == {"scale": "CEFR", "any_of": [[{"language": "en", "min_level": "C1"}]]}


def test_un_fluency_wording() -> None:
    """'fluency in English is required; knowledge of French is desirable' -> English, fluent, UN scale."""
    found = languages(
        [],
        ["For this position, fluency in English is required; knowledge of French is desirable."],
        organisation="United Nations",
    )
    assert found == {"scale": "UN", "any_of": [[{"language": "en", "min_level": "fluent"}]]}


def test_stanag_profile() -> None:
    """'English: SLP 3333' is a STANAG 6001 profile."""
    assert languages(["English: SLP 3333 (Listening, Speaking, Reading and Writing)."], []) == {
        "scale": "STANAG6001",
        "any_of": [[{"language": "en", "min_level": "3333"}]],
    }


def test_no_language_named_gives_none() -> None:
    """'one of the official languages of the EU' names no language: nothing is guessed."""
    assert (
        languages(["a thorough knowledge of one of the official languages of the European Union"], []) is None
    )


def test_language_rows_a_notice_states() -> None:
    """UN Volunteer rows (a desirable row left out), the UN Language Framework table, an organisation's
    numbered scale (a "Desirable:" row left out)."""
    rows = "Language Skills\nEnglish, Level: Fluent, Required\nFrench, Level: Working knowledge, Desirable\n"
    assert stated_levels(Notice(rows)) == {
        "scale": "UN",
        "any_of": [[{"language": "en", "min_level": "fluent"}]],
    }
    table = "Languages\nLanguage   Reading   Writing\nEnglish    UN Level III    UN Level III\n"
    table += "Arabic    UN Level II\n"
    assert stated_levels(Notice(table)) == {
        "scale": "UN",
        "any_of": [[{"language": "en", "min_level": "III"}, {"language": "ar", "min_level": "II"}]],
    }
    numbered = "Languages\nEnglish (4 - Excellent)\nDesirable: French (3 - Good)\n"
    assert stated_levels(Notice(numbered)) == {
        "scale": "other",
        "any_of": [[{"language": "en", "min_level": "4"}]],
    }


def test_one_required_language_per_item_gives_one_alternative() -> None:
    assert languages(["English: Fluent", "French: Working knowledge"], []) == {
        "scale": "other",
        "any_of": [
            [{"language": "en", "min_level": "fluent"}, {"language": "fr", "min_level": "working knowledge"}]
        ],
    }
    assert languages(["English: C1", "Experience in audits", "French: B1"], []) == {
        "scale": "CEFR",
        "any_of": [[{"language": "en", "min_level": "C1"}, {"language": "fr", "min_level": "B1"}]],
    }


def test_field_station_languages_on_the_un_scale() -> None:
    """A UN organisation's notice is on the UN scale; a duty station's language is a language like any;
    a language "desired" is not required."""
    assert languages(["Fluency in English and Swahili is required."], [], organisation="UNICEF") == {
        "scale": "UN",
        "any_of": [[{"language": "en", "min_level": "fluent"}, {"language": "sw", "min_level": "fluent"}]],
    }
    text = "Fluency in English is required. Working knowledge of Korean is desired."
    assert languages([text], [], organisation="UNDP") == {
        "scale": "UN",
        "any_of": [[{"language": "en", "min_level": "fluent"}]],
    }


def test_one_language_strong_and_the_other_known_gives_two_alternatives() -> None:
    """ "Fluency in one of the two official languages (English and French) and knowledge of the other",
    in English or French: either language may be the strong one."""
    text = "Fluency in one of the two official languages (English and French) and knowledge of the other."
    assert languages([text], [], organisation="OECD") == {
        "scale": "other",
        "any_of": [
            [{"language": "en", "min_level": "fluent"}, {"language": "fr", "min_level": "knowledge"}],
            [{"language": "fr", "min_level": "fluent"}, {"language": "en", "min_level": "knowledge"}],
        ],
    }
    french = "Maîtrise de l'une des deux langues officielles (anglais et français) et bonne connaissance"
    french += " de l'autre."
    found = languages([french], [])
    assert found is not None and found["any_of"] == [
        [{"language": "en", "min_level": "fluent"}, {"language": "fr", "min_level": "good knowledge"}],
        [{"language": "fr", "min_level": "fluent"}, {"language": "en", "min_level": "good knowledge"}],
    ]


def test_and_or_gives_alternatives() -> None:
    found = languages(["Excellent knowledge (written and spoken) of English and/or French."], [])
    assert found is not None and found["any_of"] == [
        [{"language": "en", "min_level": "excellent knowledge"}],
        [{"language": "fr", "min_level": "excellent knowledge"}],
    ]
