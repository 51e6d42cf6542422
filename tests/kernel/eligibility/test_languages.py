from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.eligibility.builders import either_way, language, notice, profile
from concours.kernel.eligibility.errors import InvalidInput
from concours.kernel.eligibility.languages import check_languages, compile_languages
from concours.kernel.eligibility.messages import render
from concours.kernel.eligibility.profile import load_profile
from concours.kernel.eligibility.verdict import Check

NATO = ["I", "II", "III", "IV", "V", "VI"]
CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"]


def check(requirement: dict[str, Any] | None, *levels: dict[str, Any]) -> Check:
    rule = compile_languages(notice(languages=requirement))
    assert rule is not None
    return check_languages(load_profile(profile(languages=list(levels))), rule)


def result(requirement: dict[str, Any], *levels: dict[str, Any]) -> str:
    return check(requirement, *levels).result


@pytest.mark.parametrize(
    ("english", "french", "expected"),
    [
        ("VI", "II", "pass"),
        ("II", "VI", "pass"),  # the other way round
        ("VI", "VI", "pass"),
        ("V", "VI", "pass"),  # VI in French, V >= II in English
        ("V", "V", "fail"),  # no VI anywhere
        ("VI", "I", "fail"),  # the other language below II
        ("I", "VI", "fail"),
    ],
)
def test_vi_in_one_and_ii_in_the_other_works_both_ways(english: str, french: str, expected: str) -> None:
    assert result(either_way("VI", "II"), language("en", english), language("fr", french)) == expected


def test_a_missing_language_fails() -> None:
    assert result(either_way("VI", "II"), language("en", "VI")) == "fail"


def test_a_level_on_another_scale_needs_a_person() -> None:
    """C2 is not compared with VI: no official mapping exists, so a person judges."""
    outcome = check(either_way("VI", "II"), language("en", "C2", "CEFR"), language("fr", "II"))
    assert (outcome.result, outcome.code) == ("review", "languages.review_scale")


def test_a_level_on_another_scale_does_not_hide_a_pass_on_the_notice_scale() -> None:
    levels = (language("en", "C2", "CEFR"), language("en", "VI"), language("fr", "II"))
    assert result(either_way("VI", "II"), *levels) == "pass"


def test_fixed_languages_are_not_swapped() -> None:
    """'English VI; French I' (one alternative) does not accept French VI and English I."""
    fixed = {
        "scale": "NATO",
        "any_of": [[{"language": "en", "min_level": "VI"}, {"language": "fr", "min_level": "I"}]],
    }
    assert result(fixed, language("en", "VI"), language("fr", "I")) == "pass"
    assert result(fixed, language("en", "I"), language("fr", "VI")) == "fail"


@pytest.mark.parametrize(
    ("required", "shown", "expected"),
    [
        ("3", "3332", "fail"),  # the minimum of the four skills is 2
        ("3", "3333", "pass"),
        ("2+", "3332", "fail"),
        ("2", "3332", "pass"),
        ("3332", "3332", "pass"),
        ("3332", "4443", "pass"),
        ("3332", "3323", "fail"),  # writing 3 does not make up for reading 2
        ("3332", "3", "review"),  # a single level lacks the per-skill detail
        ("3", "3+", "pass"),
    ],
)
def test_stanag_slp_against_a_required_level(required: str, shown: str, expected: str) -> None:
    requirement = {"scale": "STANAG6001", "any_of": [[{"language": "en", "min_level": required}]]}
    assert result(requirement, language("en", shown, "STANAG6001")) == expected


def test_an_unreadable_requirement_needs_a_person() -> None:
    requirement = {"scale": "other", "any_of": [[{"language": "en", "min_level": "excellent"}]]}
    outcome = check(requirement, language("en", "VI"))
    assert (outcome.result, outcome.code) == ("review", "languages.review_requirement")


def test_un_levels_compare_in_order() -> None:
    requirement = {"scale": "UN", "any_of": [[{"language": "en", "min_level": "working"}]]}
    assert result(requirement, language("en", "fluent", "UN")) == "pass"
    assert result(requirement, language("en", "basic", "UN")) == "fail"


def test_no_requirement_means_no_rule() -> None:
    assert compile_languages(notice(languages=None)) is None


levels = st.sampled_from(NATO)


@given(high=levels, low=levels, english=levels, french=levels)
def test_either_way_is_symmetric(high: str, low: str, english: str, french: str) -> None:
    """Swapping the candidate's English and French levels never changes an either-way result."""
    requirement = either_way(high, low)
    straight = result(requirement, language("en", english), language("fr", french))
    swapped = result(requirement, language("en", french), language("fr", english))
    assert straight == swapped


@given(
    high=levels,
    low=levels,
    english=st.integers(0, 5),
    french=st.integers(0, 5),
    raise_by=st.integers(0, 5),
    which=st.sampled_from(["en", "fr"]),
    cefr_german=st.booleans(),
)
def test_raising_a_level_never_turns_a_pass_into_a_fail(
    high: str, low: str, english: int, french: int, raise_by: int, which: str, cefr_german: bool
) -> None:
    requirement = either_way(high, low)
    extra = [language("de", "C1", "CEFR")] if cefr_german else []
    before = result(requirement, language("en", NATO[english]), language("fr", NATO[french]), *extra)
    if which == "en":
        english = min(5, english + raise_by)
    else:
        french = min(5, french + raise_by)
    after = result(requirement, language("en", NATO[english]), language("fr", NATO[french]), *extra)
    order = {"fail": 0, "review": 1, "pass": 2}
    assert order[after] >= order[before]


@given(required=st.sampled_from(CEFR), shown=st.sampled_from(CEFR))
def test_cefr_levels_pass_from_the_required_one_up(required: str, shown: str) -> None:
    requirement = {"scale": "CEFR", "any_of": [[{"language": "de", "min_level": required}]]}
    expected = "pass" if CEFR.index(shown) >= CEFR.index(required) else "fail"
    assert result(requirement, language("de", shown, "CEFR")) == expected


# A language required with no level ("Required Language(s): English"): min_level null.
def no_level(*alternatives: list[str], scale: str = "UN") -> dict[str, Any]:
    return {
        "scale": scale,
        "any_of": [[{"language": code, "min_level": None} for code in alt] for alt in alternatives],
    }


@pytest.mark.parametrize("scale", ["UN", "other", "NATO"])
def test_a_language_with_no_level_is_met_by_any_declared_level_on_any_scale(scale: str) -> None:
    requirement = no_level(["en"], scale=scale)
    assert result(requirement, language("en", "I")) == "pass"
    assert result(requirement, language("en", "A1", "CEFR")) == "pass"
    assert result(requirement, language("en", "basic", "UN")) == "pass"


def test_a_language_with_no_level_fails_when_the_profile_does_not_name_it() -> None:
    outcome = check(no_level(["en"], scale="other"), language("fr", "VI"))
    assert (outcome.result, outcome.code) == ("fail", "languages.fail")


def test_a_language_with_no_level_beside_one_with_a_level() -> None:
    """'Fluency in English and knowledge of Dari or Pashto': English fluent, and Dari or Pashto at any
    level (two alternatives, each all of its items)."""
    requirement = {
        "scale": "UN",
        "any_of": [
            [{"language": "en", "min_level": "fluent"}, {"language": "fa", "min_level": None}],
            [{"language": "en", "min_level": "fluent"}, {"language": "ps", "min_level": None}],
        ],
    }
    fluent = language("en", "fluent", "UN")
    assert result(requirement, fluent, language("ps", "basic", "UN")) == "pass"
    assert result(requirement, fluent, language("fa", "B1", "CEFR")) == "pass"
    assert result(requirement, fluent) == "fail"
    assert result(requirement, language("en", "working", "UN"), language("fa", "fluent", "UN")) == "fail"
    # The level that is stated is still compared on its scale only.
    outcome = check(requirement, language("en", "C2", "CEFR"), language("fa", "fluent", "UN"))
    assert outcome.result == "review"


def test_a_level_the_scale_does_not_know_still_needs_a_person_beside_a_language_with_no_level() -> None:
    requirement = {
        "scale": "other",
        "any_of": [[{"language": "en", "min_level": "4"}, {"language": "fr", "min_level": None}]],
    }
    outcome = check(requirement, language("en", "VI"), language("fr", "VI"))
    assert (outcome.result, outcome.code) == ("review", "languages.review_requirement")


@pytest.mark.parametrize("written", [{"language": "en"}, {"language": "en", "min_level": ""}])
def test_a_missing_or_empty_level_is_refused(written: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput, match=r"^notice\.languages\.any_of\[0\]\[0\]\.min_level"):
        compile_languages(notice(languages={"scale": "UN", "any_of": [[written]]}))


def test_a_language_with_no_level_reads_in_both_languages() -> None:
    outcome = check(no_level(["en"], ["fr"], scale="other"), language("de", "C1", "CEFR"))
    assert render("languages.fail", outcome.params, "en").startswith(
        "The notice asks for English (at any level) or French (at any level); your profile shows no level"
    )
    assert "anglais (quel que soit le niveau) ou français (quel que soit le niveau)" in render(
        "languages.fail", outcome.params, "fr"
    )


CODES = ["en", "fr", "es", "ar", "fa", "ps"]
declared_levels = st.lists(
    st.tuples(
        st.sampled_from(CODES),
        st.sampled_from([("VI", "NATO"), ("A1", "CEFR"), ("basic", "UN"), ("fluent", "UN"), ("3", None)]),
    ),
    max_size=5,
)


@given(
    alternatives=st.lists(st.lists(st.sampled_from(CODES), min_size=1, max_size=3), min_size=1, max_size=3),
    declared=declared_levels,
    scale=st.sampled_from(["UN", "other", "NATO", "CEFR", "STANAG6001"]),
)
def test_languages_with_no_level_pass_exactly_when_one_alternative_is_all_declared(
    alternatives: list[list[str]], declared: list[tuple[str, tuple[str, str | None]]], scale: str
) -> None:
    """Whatever the scale and the levels declared: pass when every language of some alternative is in the
    profile, else fail; never "review" (there is no level to compare)."""
    levels = [language(code, level, level_scale or "STANAG6001") for code, (level, level_scale) in declared]
    named = {code for code, _ in declared}
    expected = "pass" if any(set(alt) <= named for alt in alternatives) else "fail"
    assert result(no_level(*alternatives, scale=scale), *levels) == expected


def test_un_levels_written_by_name_are_compared() -> None:
    """The parser writes the UN's "working knowledge" as the notice does; it is the scale's "working"."""
    requirement = {
        "scale": "UN",
        "any_of": [
            [{"language": "en", "min_level": "fluent"}, {"language": "fr", "min_level": "working knowledge"}]
        ],
    }
    fluent = language("en", "fluent", "UN")
    assert result(requirement, fluent, language("fr", "working", "UN")) == "pass"
    assert result(requirement, fluent, language("fr", "fluent", "UN")) == "pass"
    assert result(requirement, fluent, language("fr", "basic", "UN")) == "fail"
