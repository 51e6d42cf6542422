"""Alphabetical order as readers expect it: accents and case set two words apart only when their letters
are the same (Égypte, Émirats arabes unis, Équateur; never Émirats after Zimbabwe).

A small form of the Unicode collation's three levels: the letters without accents (ligatures spelt out:
Œ as OE), then the accents, then the case. Enough for names of places and languages in English and
French; no locale data is needed.
"""

from __future__ import annotations

import unicodedata

# Letters that no decomposition spells out, as dictionaries alphabetise them.
_SPELT_OUT = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"}
)
_SPELT_OUT.update({ord("đ"): "d", ord("Đ"): "D", ord("ı"): "i", ord("’"): "'", ord("‘"): "'"})


def _letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPELT_OUT))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _accents(text: str) -> tuple[str, ...]:
    """The accents on each letter ("" for none), so that a plain letter sorts before its accented forms."""
    marks: list[str] = []
    for character in unicodedata.normalize("NFKD", text.translate(_SPELT_OUT)):
        if unicodedata.combining(character) and marks:
            marks[-1] += character
        elif not character.isspace():
            marks.append("")
    return tuple(marks)


def sort_key(text: str) -> tuple[str, tuple[str, ...], str, str]:
    """A key for `sorted`: letters first (accents and case left out), then accents, then lower case first;
    last the text itself, so that two different texts never tie (Œ after OE)."""
    letters = _letters(text)
    return (" ".join(letters.casefold().split()), _accents(text), letters.swapcase(), text)
