"""Grades ordered within their scale, for reserve lists: a candidate found suitable at one grade may be
offered a post at the same or a lower grade of the same organisation.

A grade is read as levels on named scales: "NATO Grade G15" is G 15, "P-3" is P 3, "D-1" is on the
UN's professional ladder above P-5, "A1/A2" and "A2-A4" are ranges on A, "B-4/G-10" is B 4 or G 10
(an old and a new grading of one post); NATO agencies' "NG 17" is G 17, the French "GF III" is FG III.
Scales are not compared with each other: a NATO A grade says
nothing about a B grade. Words (Unclassified, Consultant) have no level.
"""

from __future__ import annotations

import re

from concours.kernel.reference.spelling import fold

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
# UN directors and above continue the professional ladder (P-1 ... P-5, D-1, D-2, ASG, USG).
_LADDER_AFTER = {"D": 5}
_WORD_LEVELS = {"ASG": ("P", 8), "USG": ("P", 9)}
# Different spellings of one scale.
_SAME_SCALE = {"GS": "G", "D": "P", "NG": "G", "GF": "FG"}

_CODE_RE = re.compile(
    r"(?<![A-Z])(?:"
    r"(?P<roman_scale>FG|GF|CST)\s?(?P<roman>IV|III|II|I)(?![A-Z])"
    r"|(?P<letter_scale>NO)-?(?P<letter>[A-D])(?![A-Z])"
    r"|(?P<bank>G)(?P<bank_level>[A-K])(?![A-Z0-9])"
    r"|(?P<scale>AST/SC|AST|AD|NG|NPSA|IPSA|LICA|IICA|ICS|NO|GS|FS|SB|SC|P[ALR]|[ABCDEFGLPS])"
    r"\s?[.-]?\s?(?P<level>\d{1,2})(?!\d)"
    r"|(?P<word>ASG|USG)(?![A-Z])"
    r")"
)
# "A2-4": a range whose second end repeats no scale.
_BARE_END_RE = re.compile(r"\s?-\s?(?P<level>\d{1,2})(?![\d.])")


def grade_levels(grade: str) -> dict[str, tuple[int, int]]:
    """Each scale the grade is on, with its lowest and highest level there ({} when none is read)."""
    text = grade.upper().replace("NATO", " ").replace("SSS", " ").replace("GRADE", " ")
    found: dict[str, tuple[int, int]] = {}

    def add(scale: str, level: int) -> None:
        low, high = found.get(scale, (level, level))
        found[scale] = (min(low, level), max(high, level))

    for match in _CODE_RE.finditer(text):
        if match.group("roman_scale"):
            roman_scale = match.group("roman_scale")
            add(_SAME_SCALE.get(roman_scale, roman_scale), _ROMAN[match.group("roman")])
        elif match.group("letter_scale"):
            add("NO", "ABCD".index(match.group("letter")) + 1)
        elif match.group("bank"):
            add("WB", "ABCDEFGHIJK".index(match.group("bank_level")) + 1)
        elif match.group("word"):
            scale, level = _WORD_LEVELS[match.group("word")]
            add(scale, level)
        else:
            raw = match.group("scale")
            scale = _SAME_SCALE.get(raw, raw)
            level = int(match.group("level")) + _LADDER_AFTER.get(raw, 0)
            add(scale, level)
            bare = _BARE_END_RE.match(text, match.end())
            if bare:
                add(scale, int(bare.group("level")) + _LADDER_AFTER.get(raw, 0))
    return found


# Grades written as a word, by folded spelling: (English, French). NATO's French notices write
# "Non classifié" for its unclassified (ASG, DASG) posts.
_GRADE_WORDS = {
    "unclassified": ("Unclassified", "Non classifié"),
    "non classifie": ("Unclassified", "Non classifié"),
    "non classifiee": ("Unclassified", "Non classifié"),
}


def grade_in(grade: str, lang: str = "en") -> str:
    """A grade in `lang` ('en' or 'fr'): a grade written as a word is named in that language
    ("Unclassified" / "Non classifié"); a code (G15, P-3, AD 5) reads the same in both and is kept as
    written, and so is anything else."""
    names = _GRADE_WORDS.get(fold(grade))
    if names is None:
        return grade
    return names[1] if lang == "fr" else names[0]


def same_or_higher(grade: str, than: str) -> bool:
    """Whether `grade` is the same as or higher than `than` on a scale both are on.

    With ranges, the top of each counts: a list drawn at A2-A4 may be offered an A4 post, one drawn at
    A3 is not offered an A2-A4 post (it may be filled at A4). Unread or unrelated grades: False.
    """
    ours, theirs = grade_levels(grade), grade_levels(than)
    return any(ours[scale][1] >= theirs[scale][1] for scale in ours.keys() & theirs.keys())
