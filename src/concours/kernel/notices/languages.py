"""The language requirement: which languages, at which level, on which scale, and which alternatives.

- NATO (levels I-VI): "VI ("Proficiency") in one and II ("Elementary") in the other" of English/French
  means either assignment of the two levels to the two languages: two alternatives. "English VI; French
  I" fixes them: one alternative.
- CEFR (A1-C2): "English at level C1", "C1 in English".
- STANAG 6001: "SLP 3333" or "STANAG 6001 level 3", for English unless another language is named.
- UN and others: "fluency in English is required; knowledge of French is desirable" -> English, fluent.
Only required levels count; a desirable language ("an asset") is not a minimum.
"""

from __future__ import annotations

import re

from concours.kernel.notices.sections import Notice, mentions
from concours.kernel.notices.vocabulary import LANGUAGES, alternation, fold

Level = dict[str, str]

_ROMAN = r"(?P<{name}>VI|IV|V|III|II|I)"
_EITHER_RE = re.compile(
    _ROMAN.format(name="first")
    + r"(?![\w])[^;.\n]{0,40}?\b(?:in|dans)\s+(?:one|l['’]une)\b[\s;,]*(?:and\s+|et\s+)?"
    + _ROMAN.format(name="second")
    + r"(?![\w])[^;.\n]{0,40}?\b(?:in|dans)\s+(?:the other|l['’]autre)\b"
)
_LANGUAGE_WORD = rf"(?P<lang>(?i:{alternation(LANGUAGES)}))"
_FIXED_NATO_RE = re.compile(
    _LANGUAGE_WORD + r"\s*[:\-–(]?\s*(?:level\s+|niveau\s+)?" + _ROMAN.format(name="level") + r"(?![\w])"
)
_CEFR_AFTER_RE = re.compile(_LANGUAGE_WORD + r"[^.;\n]{0,40}?\b(?P<level>[ABC][12])\b")
_CEFR_BEFORE_RE = re.compile(
    r"\b(?P<level>[ABC][12])\b[^.;\n]{0,25}?\b(?:in|of|en|d['’]|de l['’])\s*" + _LANGUAGE_WORD
)
_STANAG_RE = re.compile(
    r"\bSLP\s*(?P<slp>\d{4})\b|STANAG\s*6001[^.;\n]{0,30}?\blevel\s*(?P<level>\d\+?)", re.I
)
_FLUENCY_RE = re.compile(
    r"(?P<word>professional fluency|fluency|fluent|working knowledge|good knowledge|excellent knowledge|"
    r"thorough knowledge|very good knowledge|knowledge|proficiency|command|ma[îi]trise|connaissance)"
    r"[^.;\n]{0,40}?\b(?:in|of|de l['’]|du|de la|en)\s*"
    + _LANGUAGE_WORD
    + r"(?P<more>(?:\s*(?:,|and|or|et|ou)\s*(?:de l['’]|du\s+)?"
    + alternation(LANGUAGES)
    + r")*)",
    re.IGNORECASE,
)
_DESIRABLE_RE = re.compile(
    r"desirable|advantage|an asset|souhaitable|un atout|appréciée?|would be|serait|preferred|plus\b",
    re.IGNORECASE,
)
_REQUIRED_RE = re.compile(
    r"required|essential|must|mandatory|requise?|exigée?|indispensable|obligatoire|minimum|possess|have|"
    r"posséder|avoir",
    re.IGNORECASE,
)
_CLAUSE_SPLIT_RE = re.compile(r"(?<=[.;])\s+|\n")
_LEVEL_WORDS = {
    "fluency": "fluent",
    "fluent": "fluent",
    "professional fluency": "fluent",
    "maitrise": "fluent",
    "proficiency": "fluent",
    "command": "fluent",
    "working knowledge": "working knowledge",
    "good knowledge": "good knowledge",
    "very good knowledge": "very good knowledge",
    "excellent knowledge": "excellent knowledge",
    "thorough knowledge": "thorough knowledge",
    "knowledge": "knowledge",
    "connaissance": "knowledge",
}


def _code(word: str) -> str:
    return LANGUAGES[fold(word)]


def _other_languages(text: str) -> tuple[str, str]:
    found = [LANGUAGES[fold(m.group())] for m in re.finditer(alternation(LANGUAGES), text, re.IGNORECASE)]
    pair = list(dict.fromkeys(found))
    return (pair[0], pair[1]) if len(pair) >= 2 else ("en", "fr")


def _nato(text: str) -> list[list[Level]] | None:
    match = _EITHER_RE.search(text)
    if match:
        one, other = _other_languages(text[max(0, match.start() - 120) : match.start()])
        first, second = match.group("first"), match.group("second")
        if first == second:
            return [[{"language": one, "min_level": first}, {"language": other, "min_level": second}]]
        return [
            [{"language": one, "min_level": first}, {"language": other, "min_level": second}],
            [{"language": other, "min_level": first}, {"language": one, "min_level": second}],
        ]
    fixed = [
        {"language": _code(m.group("lang")), "min_level": m.group("level")}
        for m in _FIXED_NATO_RE.finditer(text)
    ]
    return [fixed] if len(fixed) >= 1 else None


def _required_clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE_SPLIT_RE.split(text) if c.strip() and not _DESIRABLE_RE.search(c)]


def _cefr(clauses: list[str]) -> list[list[Level]] | None:
    levels: dict[str, str] = {}
    for clause in clauses:
        for pattern in (_CEFR_AFTER_RE, _CEFR_BEFORE_RE):
            for match in pattern.finditer(clause):
                levels.setdefault(_code(match.group("lang")), match.group("level"))
    return [[{"language": lang, "min_level": level} for lang, level in levels.items()]] if levels else None


def _stanag(clauses: list[str]) -> list[list[Level]] | None:
    for clause in clauses:
        match = _STANAG_RE.search(clause)
        if match:
            named = re.search(alternation(LANGUAGES), clause, re.IGNORECASE)
            language = _code(named.group()) if named else "en"
            return [[{"language": language, "min_level": match.group("slp") or match.group("level")}]]
    return None


def _fluency(clauses: list[str], *, required: bool) -> list[list[Level]] | None:
    alternatives: list[list[Level]] = []
    for clause in clauses:
        if not required and not _REQUIRED_RE.search(clause):
            continue
        for match in _FLUENCY_RE.finditer(clause):
            level = _LEVEL_WORDS.get(fold(match.group("word")), fold(match.group("word")))
            languages = [_code(match.group("lang"))]
            more = match.group("more") or ""
            languages += [LANGUAGES[fold(m.group())] for m in re.finditer(alternation(LANGUAGES), more, re.I)]
            entries = [{"language": lang, "min_level": level} for lang in dict.fromkeys(languages)]
            if re.search(r"\b(?:or|ou)\b", more, re.IGNORECASE):
                alternatives.extend([entry] for entry in entries)
            elif alternatives and len(alternatives) == 1:
                alternatives[0].extend(e for e in entries if e not in alternatives[0])
            else:
                alternatives.append(entries)
    return alternatives or None


_ROMAN_LEVEL_RE = re.compile(r"(?<![\w])(?:VI|IV|V|III|II|I)(?![\w])")
_CEFR_LEVEL_RE = re.compile(r"[ABC][12]\b")
_FLUENCY_HINTS = ("fluen", "knowledge", "proficien", "command", "maîtrise", "maitrise", "connaissance")
_LANGUAGE_HINTS = (
    "english",
    "french",
    "anglais",
    "français",
    "francais",
    "language",
    "langue",
    "slp",
    "stanag",
)


def language_sentences(notice: Notice) -> list[str]:
    """The notice's sentences that speak of languages: where a requirement outside the lists is stated."""
    return ["\n".join(notice.sentences_mentioning(_LANGUAGE_HINTS))]


def languages(
    required: list[str], others: list[str], *, organisation: str | None = None
) -> dict[str, object] | None:
    """The language requirement: read in the `required` qualifications first (where every level named is
    required unless the clause calls it an asset), then in `others` (where a clause must say it is required).
    """
    for text in [*required, *others]:
        if not mentions(text.lower(), (*_LANGUAGE_HINTS, "russian", "german", "spanish", "arab")):
            continue
        is_required = text in required
        nato = _nato(text) if _ROMAN_LEVEL_RE.search(text) else None
        if nato:
            return {"scale": "NATO", "any_of": nato}
        clauses = _required_clauses(text)
        low = text.lower()
        if _CEFR_LEVEL_RE.search(text):
            found = _cefr(clauses)
            if found:
                return {"scale": "CEFR", "any_of": found}
        if mentions(low, ("slp", "stanag")):
            found = _stanag(clauses)
            if found:
                return {"scale": "STANAG6001", "any_of": found}
        if not mentions(low, _FLUENCY_HINTS):
            continue
        found = _fluency(clauses, required=is_required)
        if found:
            return {"scale": "UN" if organisation == "United Nations" else "other", "any_of": found}
    return None
