"""How names are compared: the one folded form that the notice parser and the reference data share."""

from __future__ import annotations

import re
import unicodedata

# A word as place names are split into them: letters and digits, apostrophes and hyphens ("'s-gravenhage",
# "addis-abeba" are one word each).
WORD_RE = re.compile(r"[\w'’-]+")


def fold(text: str) -> str:
    """Lower-case, strip accents, straighten apostrophes and collapse spaces: the form keys are kept in."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())
