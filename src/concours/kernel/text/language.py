"""Which of English and French a text is written in, from its small words (a board's English menus around
a French notice do not outweigh the notice)."""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[a-zà-ÿœæ]+", re.IGNORECASE)
_ENGLISH = frozenset(
    {
        *("the", "and", "of", "to", "in", "for", "with", "is", "are", "will", "be", "this", "that", "on"),
        *("as", "an", "at", "by", "must", "have", "has", "from", "or", "which"),
    }
)
_FRENCH = frozenset(
    {
        *("le", "la", "les", "des", "du", "et", "de", "pour", "avec", "est", "sont", "dans", "une", "un"),
        *("sur", "au", "aux", "par", "doit", "être", "qui", "que", "ou", "ces", "cette", "il", "elle"),
    }
)


def text_language(text: str) -> str:
    """French ("fr") when the text has more French small words than English ones, else English ("en")."""
    english = french = 0
    for word in _WORD_RE.findall(text.casefold()):
        if word in _ENGLISH:
            english += 1
        elif word in _FRENCH:
            french += 1
    return "fr" if french > english else "en"
