"""Alphabetical order regardless of accents and case: Émirats between Égypte and Équateur."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.reference.countries import countries
from concours.kernel.text.collation import sort_key

words = st.text(alphabet=st.sampled_from(list("aeiouceEAOÉéèêàçôœŒ -'")), min_size=1, max_size=12)


def strip_accents(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", value) if not unicodedata.combining(c))


def test_french_country_names_with_accents_sort_among_their_letters() -> None:
    names = sorted((country.name("fr") for country in countries().values()), key=sort_key)
    egypt, emirates, ecuador = (names.index(n) for n in ("Égypte", "Émirats arabes unis", "Équateur"))
    assert egypt < emirates < ecuador
    assert names[-1].startswith("Z")
    assert names.index("Îles Marshall") < names.index("Inde")  # "iles" before "inde"


def test_accents_and_case_only_break_ties() -> None:
    assert sorted(["côte", "Cote", "cote", "coté"], key=sort_key) == ["cote", "Cote", "coté", "côte"]
    assert sorted(["Oman", "Œuf", "Ouganda"], key=sort_key) == ["Œuf", "Oman", "Ouganda"]


@given(words, words)
def test_the_letters_decide_before_accents(first: str, second: str) -> None:
    """Two names whose letters (without accents or case) differ are ordered by those letters alone."""
    plain_first, plain_second = strip_accents(first).casefold(), strip_accents(second).casefold()
    plain_first, plain_second = plain_first.replace("œ", "oe"), plain_second.replace("œ", "oe")
    if " ".join(plain_first.split()) != " ".join(plain_second.split()):
        assert (sort_key(first) < sort_key(second)) == (
            " ".join(plain_first.split()) < " ".join(plain_second.split())
        )


@given(st.lists(words, min_size=2, max_size=8))
def test_the_order_does_not_depend_on_the_input_order(names: list[str]) -> None:
    assert sorted(names, key=sort_key) == sorted(reversed(names), key=sort_key) or len(set(names)) < len(
        names
    )
