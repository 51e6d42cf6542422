"""French spacing: a no-break space before : ; ! ? and inside « », and nothing else changed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.text.typography import NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE, french_spacing

NB = NO_BREAK_SPACE

# Running text as the pages compose it: words, spaces, high signs, guillemets, digits.
text = st.text(alphabet=st.sampled_from([*"abcéÉ 19:;!?«».,()\n", NB]), max_size=40)


def without_spaces(value: str) -> str:
    return re.sub(r"[ \u00a0\u202f]", "", value)


def test_labels_get_their_space() -> None:
    assert french_spacing("Date limite: demain") == f"Date limite{NB}: demain"
    assert french_spacing("Date limite : demain") == f"Date limite{NB}: demain"
    assert french_spacing("Vraiment ?!") == f"Vraiment{NB}?!"
    assert french_spacing("Il dit : « non ! »") == f"Il dit{NB}: «{NB}non{NB}!{NB}»"
    assert french_spacing("«Avancé»") == f"«{NB}Avancé{NB}»"
    assert french_spacing("un ; deux") == f"un{NB}; deux"


def test_times_addresses_and_markup_are_left_alone() -> None:
    assert french_spacing("à 23:59") == "à 23:59"
    same = [
        "https://www.nato.int/cps/fr/natohq/?page=2",
        '<a href="/vacancies/?q=a:b" title="x">',
        "a &amp; b",
        "<script>var a = {b: 1};</script>",
        "<textarea>Réf: 12</textarea>",
        "candidate@example.org",
    ]
    for value in same:
        assert french_spacing(value) == value, value


def test_text_marked_in_another_language_keeps_its_own_spacing() -> None:
    """English shown on a French page (a section published in English only) is English text."""
    html = '<p>Note: a</p><div lang="en"><ul><li>Europe;</li></ul></div><p lang="fr">Fin: b</p>'
    assert french_spacing(html) == (
        f'<p>Note{NB}: a</p><div lang="en"><ul><li>Europe;</li></ul></div><p lang="fr">Fin{NB}: b</p>'
    )


def test_a_sign_after_markup_gets_its_space_from_the_word_before() -> None:
    assert french_spacing("<strong>Lieu</strong>: Mons") == f"<strong>Lieu</strong>{NB}: Mons"
    assert french_spacing("a&amp;: b") == f"a&amp;{NB}: b"
    assert french_spacing("Lieu&nbsp;: Mons") == "Lieu&nbsp;: Mons"


def test_a_narrow_no_break_space_already_there_is_kept() -> None:
    value = f"Date limite{NARROW_NO_BREAK_SPACE}: demain"
    assert french_spacing(value) == value


@given(text)
def test_running_it_twice_changes_nothing_more(value: str) -> None:
    once = french_spacing(value)
    assert french_spacing(once) == once


@given(text)
def test_only_spaces_change(value: str) -> None:
    """No letter, sign or line break is added, removed or moved: only spaces."""
    assert without_spaces(french_spacing(value)) == without_spaces(value)
    assert french_spacing(value).count("\n") == value.count("\n")


@given(text)
def test_every_high_sign_after_a_word_has_a_no_break_space(value: str) -> None:
    """Except in a time (1:9) and inside a word or query (a?b), which are not punctuation of the sentence."""
    result = french_spacing(value)
    for index, sign in enumerate(result):
        if sign not in ":;!?" or index == 0:
            continue
        before, after = result[index - 1], result[index + 1 : index + 2]
        assert before != " ", (value, result)
        if before in (NB, NARROW_NO_BREAK_SPACE, "\n", "(", "«") or before in ":;!?":
            continue
        if sign == ":" and before.isdigit() and after.isdigit():
            continue
        if sign in "?!" and after and not after.isspace() and after not in "?!»)].,;:":
            continue
        raise AssertionError((value, result, index))


@given(st.text(alphabet=st.characters(blacklist_characters=":;!?«»", blacklist_categories=("Cs",))))
def test_text_without_high_signs_or_guillemets_is_unchanged(value: str) -> None:
    assert french_spacing(value) == value


def test_a_space_between_a_bracket_and_a_sign_does_not_break() -> None:
    # Found by hypothesis: "( :" kept its breaking space.
    assert french_spacing("( :") == f"({NB}:"
    assert french_spacing("(?)") == "(?)"
