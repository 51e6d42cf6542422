"""Grades as organisations write them: NATO (G15, A.6, C.3, B-4/G-10), UN (P-3, D-1, G-6, NO-B, NOA,
FS-5, NPSA-5, IPSA-10, ICS-9, IICA 1, SB-4, SC-10, CST II), EU (AD 8, AST 2, AST/SC 1, FG III,
FGIII.08), World Bank (GF), OECD (PA4, PL3), ESA (F1 - F1, A2-A4), OSCE (S1), Council of Europe
(A1/A2), and the few words that stand for one (Unclassified, Consultant).
"""

from __future__ import annotations

import re

_CODE = (
    r"(?:(?:NATO|OTAN)\s+(?:SSS\s+)?Grade\s+|Grade\s+(?:NATO|OTAN)\s+)?"
    r"(?:"
    r"AST/SC\s?\d{1,2}|AD\s?\d{1,2}|AST\s?\d{1,2}|(?:FG|GF)\s?(?:IV|III|II|I)(?:\.\d{1,2})?|NG\s?\d{1,2}|"
    r"CST\s?(?:IV|III|II|I)\b|"
    r"(?:NPSA|IPSA|LICA|IICA|ICS|NOA|NOB|NOC|NOD|GS|FS|SB|SC|USG|ASG|IS)-?\s?\d{1,2}|"
    r"NO-?[A-D1-4](?![\w])|NO[A-D](?![\w])|"
    r"[ABCLGPDSFE]\.?-?\d{1,2}(?:\s?[-/]\s?[ABCLGPDSFE]?\.?-?\d{1,2})*|"
    r"P[ALR]\d|G[A-K](?![\w])"
    r")"
)
# A grade code on its own, as a whole token.
GRADE_CODE_RE = re.compile(rf"(?<![\w/.-])(?P<grade>{_CODE})(?![\w/]|\.\d)")
# Words that stand for a grade where a notice's grade field gives one.
GRADE_WORDS = frozenset(("unclassified", "non classifie", "non classifiee", "consultant", "consultancy"))
_SHORT_VALUE = 32
# A grade field's single letter: the banks' grades (IDB "C", World Bank "GE" is read above).
_LETTER_GRADE_RE = re.compile(r"^[A-K]$")
# A grade field's bare number or range of numbers: the grades of organisations that number them ("6-7").
_NUMBER_GRADE_RE = re.compile(r"^\d{1,2}(?:\s?[-–/]\s?\d{1,2})?$")


def grade_code(text: str) -> str | None:
    """The first grade code in `text`, as written, or None."""
    match = GRADE_CODE_RE.search(text)
    return match.group("grade").strip() if match else None


def grade_from_field(value: str) -> str | None:
    """A grade field's value: whole when it is short and reads as a grade ("NATO Grade G15", "PR4",
    "FGIII.08", "Consultant"), else the first grade code in it ("Junior level - P-2, ..." -> "P-2")."""
    value = value.strip(" .;,")
    words = value.split()
    if not words:
        return None
    if len(value) <= _SHORT_VALUE and len(words) <= 6:
        low = value.casefold()
        if (
            low in GRADE_WORDS
            or GRADE_CODE_RE.match(value)
            or _LETTER_GRADE_RE.match(value)
            or _NUMBER_GRADE_RE.match(value)
        ):
            return value
    return grade_code(value)
