"""Language requirements on the NATO, CEFR, STANAG and UN scales."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

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
    in English or French: either language may be the strong one. Plain "knowledge" states no level."""
    text = "Fluency in one of the two official languages (English and French) and knowledge of the other."
    assert languages([text], [], organisation="OECD") == {
        "scale": "other",
        "any_of": [
            [{"language": "en", "min_level": "fluent"}, {"language": "fr", "min_level": None}],
            [{"language": "fr", "min_level": "fluent"}, {"language": "en", "min_level": None}],
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


def test_french_nato_levels_with_the_languages_named_between() -> None:
    """'le niveau V dans l'une des deux langues officielles de l'OTAN et le niveau II dans l'autre'."""
    text = (
        "posséder le niveau V (« avancé ») dans l'une des deux langues officielles de l'OTAN et le "
        "niveau II (« élémentaire ») dans l'autre."
    )
    found = languages([text], [])
    assert found is not None and found["scale"] == "NATO"
    assert len(found["any_of"]) == 2  # type: ignore[arg-type]
    assert [{"language": "fr", "min_level": "V"}, {"language": "en", "min_level": "II"}] in found["any_of"]  # type: ignore[operator]


def test_nato_level_written_with_the_word_nato() -> None:
    """'English: NATO level V (advanced). French: NATO level I (beginner).' fixes each language's level."""
    found = languages([], ["English: NATO level V (advanced). French: NATO level I (beginner)."])
    assert found == {
        "scale": "NATO",
        "any_of": [[{"language": "en", "min_level": "V"}, {"language": "fr", "min_level": "I"}]],
    }


def test_eu_staff_regulations_wording_reads_as_cefr_levels() -> None:
    """An EU body's 'thorough knowledge of X and satisfactory knowledge of Y' is C1 and B2 (EPSO's rule);
    the same words elsewhere keep their wording."""
    text = "have a thorough knowledge of English and a satisfactory knowledge of French."
    expected = [[{"language": "en", "min_level": "C1"}, {"language": "fr", "min_level": "B2"}]]
    found = languages([text], [], organisation="European Union Agency for Asylum")
    assert found == {"scale": "CEFR", "any_of": expected}
    french = "une connaissance approfondie de l'anglais et une connaissance satisfaisante du français"
    assert languages([french], [], organisation="European Union")["any_of"] == expected  # type: ignore[index]
    other = languages([text], [], organisation="OECD")
    assert other is not None and other["any_of"][0][1]["min_level"] == "satisfactory knowledge"  # type: ignore[index]


def test_one_and_the_other_with_cefr_levels_in_brackets() -> None:
    """'Very good knowledge of one ... (English or French) (level C1) and good knowledge of the other
    (level B2)': the CEFR levels, either way round."""
    text = (
        "Very good knowledge of one of the two official languages (English or French) (level C1 of the "
        "CEFR) and good knowledge of the other (level B2)."
    )
    found = languages([text], [])
    assert found is not None and found["scale"] == "CEFR"
    assert sorted(found["any_of"], key=str) == sorted(  # type: ignore[arg-type]
        [
            [{"language": "en", "min_level": "C1"}, {"language": "fr", "min_level": "B2"}],
            [{"language": "fr", "min_level": "C1"}, {"language": "en", "min_level": "B2"}],
        ],
        key=str,
    )


def test_proficiency_in_one_of_the_languages_gives_each_as_an_alternative() -> None:
    """'Proficiency in one of the working languages of the Court, English or French, is required.'"""
    text = (
        "Proficiency in one of the working languages of the Court, English or French, is required. "
        "Working knowledge of the other is considered an asset."
    )
    found = languages([text], [], organisation="United Nations")
    assert found == {
        "scale": "UN",
        "any_of": [[{"language": "en", "min_level": "fluent"}], [{"language": "fr", "min_level": "fluent"}]],
    }


def test_french_working_knowledge() -> None:
    """'une connaissance pratique du russe est exigée' is working knowledge, not bare knowledge."""
    found = languages(
        ["Excellente maîtrise de l'anglais ; une connaissance pratique du russe est exigée."], []
    )
    assert found is not None
    assert found["any_of"] == [
        [{"language": "en", "min_level": "fluent"}, {"language": "ru", "min_level": "working knowledge"}]
    ]


def test_english_or_french_and_the_other_without_one_of() -> None:
    """'Excellent knowledge of English or French and working knowledge of the other' (and in French):
    either language may be the strong one."""
    for text in (
        "An excellent knowledge of English or French and a working knowledge of the other.",
        "Excellente connaissance écrite et orale de l'anglais ou du français et connaissance pratique de "
        "l'autre langue.",
    ):
        found = languages([text], [])
        assert found is not None, text
        assert [
            {"language": "fr", "min_level": "excellent knowledge"},
            {"language": "en", "min_level": "working knowledge"},
        ] in found["any_of"], text  # type: ignore[operator]


def test_cefr_level_before_its_language() -> None:
    """'minimum level C1 in English and minimum level B2 in French': B2 is French's, not English's."""
    found = languages(["minimum level C1 in English and minimum level B2 in French."], [])
    assert found == {
        "scale": "CEFR",
        "any_of": [[{"language": "en", "min_level": "C1"}, {"language": "fr", "min_level": "B2"}]],
    }


def levels_of(found: dict[str, object] | None) -> list[list[tuple[str, str | None]]] | None:
    if found is None:
        return None
    any_of = found["any_of"]
    assert isinstance(any_of, list)
    return [[(level["language"], level["min_level"]) for level in alt] for alt in any_of]


def test_a_language_required_with_no_level_has_a_null_level() -> None:
    """Plain "knowledge" and "X is required" state no level: min_level None (eligibility then asks only
    that the candidate knows the language)."""
    text = "Knowledge of Portuguese is mandatory. Knowledge of Spanish is an asset."
    found = languages([], [text], organisation="UNHCR")
    assert found is not None and found["scale"] == "UN"
    assert levels_of(found) == [[("pt", None)]]
    assert levels_of(languages([], ["Arabic is required for this post."])) == [[("ar", None)]]
    assert levels_of(languages([], ["L'arabe et le français sont exigés."])) == [[("ar", None), ("fr", None)]]
    # A level word still wins over "required".
    assert levels_of(languages([], ["Fluency in Russian is required."])) == [[("ru", "fluent")]]


def test_a_field_of_required_languages_names_them_with_no_level() -> None:
    assert levels_of(languages([], ["Required Languages: Arabic and French"])) == [
        [("ar", None), ("fr", None)]
    ]
    assert levels_of(languages([], ["Required language(s):\n\nEnglish or Spanish\n"])) == [
        [("en", None)],
        [("es", None)],
    ]
    assert levels_of(languages([], ["Langues requises : anglais, russe"])) == [[("en", None), ("ru", None)]]


def test_language_words_that_are_not_a_requirement_are_left_alone() -> None:
    for text in (
        "Experience in English-speaking countries is required.",
        "Knowledge of Spanish is desirable.",
        "Preferred Language(s): Portuguese",
        "Required Language(s): see the annex",
    ):
        assert languages([], [text]) is None, text


def test_and_binds_looser_than_or_in_a_list_of_languages() -> None:
    """'A and B or C' is A and one of B or C: two alternatives; in French too, with articles."""
    text = "Fluency in Arabic and Kurdish or Turkish is required."
    assert levels_of(languages([], [text], organisation="UNICEF")) == [
        [("ar", "fluent"), ("ku", "fluent")],
        [("ar", "fluent"), ("tr", "fluent")],
    ]
    french = "La maîtrise du français et de l'arabe ou de l'anglais est exigée."
    assert levels_of(languages([], [french])) == [
        [("fr", "fluent"), ("ar", "fluent")],
        [("fr", "fluent"), ("en", "fluent")],
    ]
    assert levels_of(languages([], ["Fluency in English, French or Spanish is required."])) == [
        [("en", "fluent")],
        [("fr", "fluent")],
        [("es", "fluent")],
    ]
    assert levels_of(languages([], ["Fluency in English, French and Spanish is required."])) == [
        [("en", "fluent"), ("fr", "fluent"), ("es", "fluent")]
    ]


def test_two_required_clauses_must_both_hold() -> None:
    """'English or French' in one sentence and 'Swahili' in the next: Swahili with either."""
    text = "Fluency in English or French is required. Working knowledge of Swahili is required."
    assert levels_of(languages([], [text])) == [
        [("en", "fluent"), ("sw", "working knowledge")],
        [("fr", "fluent"), ("sw", "working knowledge")],
    ]


def test_field_languages_without_an_iso_639_1_code() -> None:
    text = "Fluency in English and Tetun is required; working knowledge of Dari is required."
    assert levels_of(languages([], [text])) == [
        [("en", "fluent"), ("tet", "fluent"), ("fa", "working knowledge")]
    ]
    assert levels_of(languages([], ["Fluency in Krio is required."])) == [[("kri", "fluent")]]


NAMES = {"English": "en", "French": "fr", "Arabic": "ar", "Spanish": "es", "Russian": "ru", "Swahili": "sw"}


@given(
    names=st.lists(st.sampled_from(sorted(NAMES)), min_size=1, max_size=5, unique=True),
    words=st.lists(st.sampled_from([", ", " and ", " or "]), min_size=4, max_size=4),
)
def test_every_list_of_languages_reads_as_and_of_ors(names: list[str], words: list[str]) -> None:
    """Whatever the list: one alternative per choice of one language in each "or" group, groups split at
    "and", and a comma taking the word that ends its run ("and" at the end of the list)."""
    joins = words[: len(names) - 1]
    text = "Fluency in " + "".join(n + w for n, w in zip(names, [*joins, ""], strict=True)) + " is required."
    kinds = list(joins)
    for i in range(len(kinds) - 1, -1, -1):
        if kinds[i] == ", ":
            kinds[i] = kinds[i + 1] if i + 1 < len(kinds) else " and "
    groups = [[NAMES[names[0]]]]
    for name, kind in zip(names[1:], kinds, strict=True):
        if kind == " or ":
            groups[-1].append(NAMES[name])
        else:
            groups.append([NAMES[name]])
    expected = [[(code, "fluent") for code in choice] for choice in itertools.product(*groups)]
    assert levels_of(languages([], [text])) == expected


def test_levels_written_around_the_language_name() -> None:
    """The mode of use between level and name ("written and spoken"), "fluent" before the name, French
    qualified "connaissance", "either" in a list, and a "Language:" label before a language row."""
    cases = {
        "Excellent command of written and spoken Portuguese is required.": [[("pt", "fluent")]],
        "Fluency in oral and written English and Russian is required.": [
            [("en", "fluent"), ("ru", "fluent")]
        ],
        "Fluent Arabic and English required.": [[("ar", "fluent"), ("en", "fluent")]],
        "Bonne connaissance de l'espagnol et du français exigée.": [
            [("es", "good knowledge"), ("fr", "good knowledge")]
        ],
        "Proficiency in English and either French or Spanish is required.": [
            [("en", "fluent"), ("fr", "fluent")],
            [("en", "fluent"), ("es", "fluent")],
        ],
        "Languages: Spanish - fluent; English - working knowledge": [
            [("es", "fluent"), ("en", "working knowledge")]
        ],
    }
    for text, expected in cases.items():
        assert levels_of(languages([text], [], organisation="UNDP")) == expected, text


def test_a_clause_marking_one_language_required_and_another_desirable_keeps_the_required_one() -> None:
    """'Dutch (required), Greek (desirable)' on one line: Dutch is a minimum; the desirable language is no
    minimum and is left out (the gold labels leave desirable languages out)."""
    assert levels_of(languages([], ["Languages: Dutch (required), Greek (desirable)."])) == [[("nl", None)]]
    text = "Very good command of spoken Italian (required), Maltese (an asset)"
    assert levels_of(languages([text], [])) == [[("it", "fluent")]]
    text = "Proficiency in Spanish or Portuguese is required, knowledge of the other would be an asset."
    assert levels_of(languages([], [text])) == [[("es", "fluent")], [("pt", "fluent")]]


def test_a_list_of_languages_the_desirable_word_ends_is_left_out_whole() -> None:
    """'Knowledge of Turkish, Greek or Bulgarian is desirable': the comma does not make Turkish required."""
    assert languages([], ["Knowledge of Turkish, Greek or Bulgarian is desirable."]) is None
    assert languages(["Knowledge of Turkish, Greek or Bulgarian would be an asset"], []) is None


def test_a_comma_before_or_after_an_and_list_is_the_choice_between_whole_lists() -> None:
    """'Hindi and Urdu, or Hindi and Bengali': two alternatives of two languages each (not Hindi and Urdu
    only); 'of' may repeat after the 'or'; French and a field of languages too."""
    text = "Excellent knowledge of Hindi and Urdu, or of Hindi and Bengali, spoken and written."
    assert levels_of(languages([text], [])) == [
        [("hi", "excellent knowledge"), ("ur", "excellent knowledge")],
        [("hi", "excellent knowledge"), ("bn", "excellent knowledge")],
    ]
    text = "Maîtrise de l'anglais et du portugais, ou de l'anglais et de l'espagnol."
    assert levels_of(languages([text], [])) == [
        [("en", "fluent"), ("pt", "fluent")],
        [("en", "fluent"), ("es", "fluent")],
    ]
    assert levels_of(languages([], ["Required Languages: Thai and English, or Lao and English"])) == [
        [("th", None), ("en", None)],
        [("lo", None), ("en", None)],
    ]


def test_a_comma_before_or_in_a_plain_list_is_one_choice() -> None:
    """'Italian, Greek, or Turkish' (no 'and' before the comma): one of the three."""
    text = "Fluency in Italian, Greek, or Turkish is required."
    assert levels_of(languages([], [text])) == [[("it", "fluent")], [("el", "fluent")], [("tr", "fluent")]]


def test_expert_knowledge_is_a_level_as_written() -> None:
    """WHO's 'Expert knowledge of Spanish or Portuguese': each language at 'expert knowledge'."""
    text = "Expert knowledge of Spanish or Portuguese. Intermediate knowledge of French is desirable."
    assert levels_of(languages([text], [], organisation="WHO")) == [
        [("es", "expert knowledge")],
        [("pt", "expert knowledge")],
    ]
