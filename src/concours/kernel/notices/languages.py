"""The language requirement: which languages, at which level, on which scale, and which alternatives.

- NATO (levels I-VI): "VI ("Proficiency") in one and II ("Elementary") in the other" of English/French
  means either assignment of the two levels to the two languages: two alternatives. "English VI; French
  I" fixes them: one alternative.
- CEFR (A1-C2): "English at level C1", "C1 in English".
- STANAG 6001: "SLP 3333" or "STANAG 6001 level 3", for English unless another language is named.
- UN and others: "fluency in English is required; knowledge of French is desirable" -> English, fluent.
- A language required with no level ("Knowledge of English is mandatory", "Required Language(s):
  English", "English is required") has `min_level` None: plain "knowledge" states no level.
- Lists mixing "and" and "or" read "and" as the stronger bond: "English and Dari or Pashto" is English and
  one of Dari or Pashto (two alternatives); commas take the word that ends their run ("English, French
  or Spanish" is one of three).
Only required levels count; a desirable language ("an asset") is not a minimum.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from concours.kernel.notices.sections import Notice, mentions
from concours.kernel.notices.vocabulary import LANGUAGES, alternation, fold
from concours.kernel.reference.language_scales import level_words
from concours.kernel.reference.languages import language_spellings
from concours.kernel.reference.organisations import employer_named

Level = dict[str, str | None]

_ROMAN = r"(?P<{name}>VI|IV|V|III|II|I)"
_EITHER_RE = re.compile(
    _ROMAN.format(name="first")
    + r"(?![\w])[^;.\n]{0,40}?\b(?:in|dans)\s+(?:one|l['’]une)\b"
    # "... in one of NATO's two official languages and (the) level II ...", "... et le niveau II ..."
    + r"(?:[^;.\n]{0,70}?\s(?=(?:and|et)\s))?[\s;,]*(?:and\s+|et\s+)?"
    + r"(?:(?:the\s+|le\s+)?(?:level|niveau)\s+)?"
    + _ROMAN.format(name="second")
    + r"(?![\w])[^;.\n]{0,40}?\b(?:in|dans)\s+(?:the other|l['’]autre)\b"
)
_STANAG_RE = re.compile(
    r"\bSLP\s*(?P<slp>\d{4})\b|STANAG\s*6001[^.;\n]{0,30}?\blevel\s*(?P<level>\d\+?)", re.I
)
_DESIRABLE_RE = re.compile(
    r"desirable|desired|advantage|an asset|souhaitable|un atout|appréciée?|would be|serait|preferred|plus\b",
    re.IGNORECASE,
)
_REQUIRED_RE = re.compile(
    r"required|essential|must|mandatory|requise?|exigée?|indispensable|obligatoire|minimum|possess|have|"
    r"posséder|avoir",
    re.IGNORECASE,
)
# "Fluency in one of the two official languages (English and French) and knowledge of the other": either
# language may be the strong one, as NATO's "VI in one and II in the other" (two alternatives).
_LEVEL_NAME = (
    r"professional fluency|fluency|fluent|expert knowledge|excellent knowledge|very good knowledge|"
    r"thorough knowledge|satisfactory knowledge|good knowledge|working knowledge|knowledge|proficiency|"
    r"command|ma[îi]trise|"
    r"(?:excellente |bonne |très bonne )?connaissance(?: approfondie| pratique| satisfaisante)?"
)
_ONE_AND_OTHER_RE = re.compile(
    # "... of one of the two languages (English or French) and ... of the other", and without "one of":
    # "Excellent knowledge of English or French and working knowledge of the other".
    rf"(?P<first>{_LEVEL_NAME})[^.;\n]{{0,30}}?\b(?:in|of|de|d['’])\s*(?:(?:one of|l['’]une des)\b)?"
    rf"(?P<between>[^.;\n]{{0,120}}?)\b(?:and|et)\s+(?:an?\s+|une\s+)?(?P<second>{_LEVEL_NAME})"
    r"[^.;\n]{0,30}?\b(?:of|in|de)\s+(?:the other|l['’]autre)\b",
    re.IGNORECASE,
)
# "Proficiency in one of the working languages of the Court, English or French, is required": each
# language named is an alternative on its own (no level for "the other").
_ONE_OF_RE = re.compile(
    rf"(?P<word>{_LEVEL_NAME})[^.;\n]{{0,20}}?\b(?:in|of|de|d['’])\s*(?:one of|l['’]une des)\b"
    r"(?P<between>[^.;\n]{0,120})",
    re.IGNORECASE,
)
# A CEFR level written beside a level word: "(level C1 of the CEFR)", "(niveau B2)".
_CEFR_NOTE_RE = re.compile(r"\(\s*(?:(?:level|niveau)\s+)?(?P<level>[ABC][12])\b", re.IGNORECASE)
_CLAUSE_SPLIT_RE = re.compile(r"(?<=[.;])\s+|\n")
_LEVEL_WORDS: dict[str, str | None] = {
    "fluency": "fluent",
    "fluent": "fluent",
    "native": "fluent",
    "native language": "fluent",
    "native speaker": "fluent",
    "mother tongue": "fluent",
    "proficient": "fluent",
    "courant": "fluent",
    "professional fluency": "fluent",
    "maitrise": "fluent",
    "proficiency": "fluent",
    "command": "fluent",
    "working knowledge": "working knowledge",
    "good knowledge": "good knowledge",
    "very good knowledge": "very good knowledge",
    "excellent knowledge": "excellent knowledge",
    "expert knowledge": "expert knowledge",  # WHO's scale (expert, intermediate, basic)
    "thorough knowledge": "thorough knowledge",
    "satisfactory knowledge": "satisfactory knowledge",
    "knowledge": None,  # plain "knowledge of English": the language is required, at no stated level
    "connaissance pratique": "working knowledge",
    "connaissance satisfaisante": "satisfactory knowledge",
    "connaissance": None,
    "bonne connaissance": "good knowledge",
    "tres bonne connaissance": "very good knowledge",
    "excellente connaissance": "excellent knowledge",
    "connaissance approfondie": "thorough knowledge",
}


def _code(word: str) -> str:
    return LANGUAGES[fold(word)]


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The patterns that name languages, for a list of language names. A regex tries an alternation of
    names at every offset: a text that names only the usual languages is read with those alone."""

    any_language: re.Pattern[str]
    fixed_nato: re.Pattern[str]
    cefr_after: re.Pattern[str]
    cefr_before: re.Pattern[str]
    fluency: re.Pattern[str]
    fluent_before: re.Pattern[str]
    framework: re.Pattern[str]
    numbered: re.Pattern[str]
    row: re.Pattern[str]
    labelled: re.Pattern[str]
    named_required: re.Pattern[str]
    required_field: re.Pattern[str]


# How a language is used, between the level and the name: "command of written and spoken English".
_MODES = (
    r"(?:(?:both\s+)?(?:written|spoken|oral|verbal)(?:\s*(?:and|,|&|/)\s*(?:written|spoken|oral|verbal))*"
    r"\s+)?"
)


def _patterns(names: Iterable[str]) -> _Patterns:
    either = alternation(names)
    word = rf"(?P<lang>(?i:{either}))"
    # "... and either French or Spanish", "... et de l'arabe": the names after the first one.
    more = (
        r"(?P<more>(?:\s*(?:,\s*(?:and/or|et/ou|and|or|et|ou)\s+(?:of\s+)?|,|and/or|et/ou|and|or|et|ou)\s*"
        r"(?:either\s+|one of\s+|soit\s+)?(?:de l['’]|du\s+)?(?:" + either + r"))*)"
    )
    # "English and Dari or Pashto", "l'anglais ou le français": names joined by commas, "and", "or".
    listed = (
        rf"(?P<list>(?i:{either})(?:\s*(?i:,\s*(?:and/or|et/ou|and|or|et|ou)\s+(?:of\s+)?|,|and/or|et/ou|and|or|et|ou)"
        rf"\s*(?i:de\s+l['’]|du\s+|l['’]|le\s+)?"
        rf"(?i:{either}))*)"
    )
    return _Patterns(
        any_language=re.compile(either, re.IGNORECASE),
        fixed_nato=re.compile(
            word
            + r"\s*[:\-–(]?\s*(?:(?:NATO\s+|OTAN\s+)?(?:level\s+|niveau\s+))?"
            + _ROMAN.format(name="level")
            + r"(?![\w])"
        ),
        cefr_after=re.compile(word + r"[^.;\n]{0,40}?\b(?P<level>[ABC][12])\b"),
        cefr_before=re.compile(
            r"\b(?P<level>[ABC][12])\b[^.;\n()]{0,25}?\b(?:in|of|en|d['’]|de l['’])\s*" + word
        ),
        fluency=re.compile(
            r"(?P<word>professional fluency|fluency|fluent|working knowledge|good knowledge|"
            r"expert knowledge|excellent knowledge|thorough knowledge|satisfactory knowledge|"
            r"very good knowledge|knowledge|"
            r"proficiency|command|ma[îi]trise|connaissance pratique|connaissance satisfaisante|"
            r"connaissance approfondie|(?:très bonne|tres bonne|bonne|excellente) connaissance|"
            r"connaissance)[^.;\n]{0,70}?\b(?:in|of|de l['’]|du|de la|en)\s*" + _MODES + word + more,
            re.IGNORECASE,
        ),
        # "Fluent English and French", "fluent written and spoken Arabic".
        fluent_before=re.compile(r"\b(?P<word>fluent)\s+" + _MODES + word + more, re.IGNORECASE),
        # A row of the UN Language Framework table: "English    UN Level II    UN Level II ...".
        framework=re.compile(word + r"\s+UN Level (?P<level>VI|IV|V|III|II|I)\b"),
        # An organisation's own numbered scale: "English (4 - Excellent)" (IFAD).
        numbered=re.compile(word + r"\s*\((?P<level>\d)\s*[-–]\s*[A-Za-zÀ-ÿ ]+\)"),
        # A UN Volunteer row: "French, Level: Fluent, Required".
        row=re.compile(
            word + r",\s*(?:Level|Niveau)\s*:\s*(?P<level>[^,\n]+?),\s*"
            r"(?P<need>Required|Desirable|Requis|Souhaitable)",
            re.IGNORECASE,
        ),
        # A language and its level as a field: "English: Fluent", "French - working knowledge".
        labelled=re.compile(
            r"^\W{0,3}(?:languages?\s*(?:\(s\)\s*)?[:\-–]\s*)?"
            + word
            + r"\s*(?:language\s*)?[:\-–]\s*(?P<word>professional fluency|fluency|"
            r"fluent|native(?: language| speaker)?|mother tongue|working knowledge|good knowledge|"
            r"very good knowledge|expert knowledge|excellent knowledge|thorough knowledge|knowledge|"
            r"proficiency|proficient|"
            r"courant|ma[îi]trise)\b",
            re.IGNORECASE,
        ),
        # A language said to be required, with no level: "English is mandatory", "l'anglais est exigé",
        # "English (required)".
        named_required=re.compile(
            listed + r"(?:\s+(?:languages?\s+)?(?:is|are|est|sont)\s+(?:(?:absolutely|strictly)\s+)?"
            r"(?:required|mandatory|essential|a must|requise?s?|exigée?s?|obligatoires?|indispensables?)\b"
            r"|\s*\(\s*(?:required|mandatory|essential|requise?s?|obligatoires?)\s*\))",
        ),
        # A field of required languages, the value on its line or the next: "Required Language(s): English".
        required_field=re.compile(
            r"^\W{0,3}(?:(?:required|mandatory|essential)\s+languages?|languages?\s+required|"
            r"langues?\s+(?:requises?|obligatoires?|exigées?))\s*(?:\(s\)\s*)?[:\-–][ \t]*\n?\s*"
            + listed
            + r"[ \t]*\.?[ \t]*$",
            re.IGNORECASE | re.MULTILINE,
        ),
    )


_USUAL = _patterns(language_spellings())
_EVERY = _patterns(LANGUAGES)
# The words language names start with: whether a text names a language at all, and one of the less
# usual ones, is told at C speed.
_LANGUAGE_WORDS = frozenset(name.split()[0] for name in LANGUAGES)
_UNUSUAL_WORDS = _LANGUAGE_WORDS - frozenset(name.split()[0] for name in language_spellings())
_LETTERS_RE = re.compile(r"[^\W\d_]+")


def _patterns_for(text: str) -> _Patterns:
    return _USUAL if _UNUSUAL_WORDS.isdisjoint(_LETTERS_RE.findall(text.lower())) else _EVERY


def _other_languages(text: str) -> tuple[str, str]:
    found = [LANGUAGES[fold(m.group())] for m in _patterns_for(text).any_language.finditer(text)]
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
        for m in _patterns_for(text).fixed_nato.finditer(text)
    ]
    return [fixed] if len(fixed) >= 1 else None


def _level_word(word: str) -> str | None:
    folded = fold(word)
    return _LEVEL_WORDS.get(folded, folded)


# A part of a clause that says itself it is required: "English (required)", "... is required".
_SAYS_REQUIRED_RE = re.compile(
    r"\b(?:required|mandatory|essential|a must|requise?s?|exigée?s?|obligatoires?|indispensables?)\b",
    re.IGNORECASE,
)


def _required_clauses(text: str) -> list[str]:
    """The clauses that state a requirement. A clause that calls a language desirable keeps the parts
    before it that say they are required: "English (required), French (desirable)" -> "English
    (required)"; "Fluency in English or French is required, knowledge of the other is desirable" -> its
    first part. A list the desirable word ends ("Knowledge of French, Spanish or Arabic is desirable")
    says nothing required and is dropped whole (desirable languages are no minimum: left out)."""
    clauses = []
    for clause in _CLAUSE_SPLIT_RE.split(text):
        desirable = _DESIRABLE_RE.search(clause)
        if desirable is None:
            if clause.strip():
                clauses.append(clause)
            continue
        head = clause[: desirable.start()]
        cut = head.rfind(",")
        if cut > 0 and _SAYS_REQUIRED_RE.search(head[:cut]):
            clauses.append(head[:cut])
    return clauses


def _cefr(clauses: list[str]) -> list[list[Level]] | None:
    levels: dict[str, str] = {}
    for clause in clauses:
        patterns = _patterns_for(clause)
        # "level C1 in English and level B2 in French": a level written before "in <language>" is that
        # language's, even where the next language's name comes before it.
        before = list(patterns.cefr_before.finditer(clause))
        taken = {match.start("level") for match in before}
        for match in patterns.cefr_after.finditer(clause):
            if match.start("level") not in taken:
                levels.setdefault(_code(match.group("lang")), match.group("level"))
        for match in before:
            levels.setdefault(_code(match.group("lang")), match.group("level"))
    return [[{"language": lang, "min_level": level} for lang, level in levels.items()]] if levels else None


def _stanag(clauses: list[str]) -> list[list[Level]] | None:
    for clause in clauses:
        match = _STANAG_RE.search(clause)
        if match:
            named = _patterns_for(clause).any_language.search(clause)
            language = _code(named.group()) if named else "en"
            return [[{"language": language, "min_level": match.group("slp") or match.group("level")}]]
    return None


def _fluency(clauses: list[str], *, required: bool) -> list[list[Level]] | None:
    alternatives: list[list[Level]] = []
    for clause in clauses:
        if not required and not _REQUIRED_RE.search(clause):
            continue
        patterns = _patterns_for(clause)
        labelled = patterns.labelled.match(clause)
        if labelled:
            level = _level_word(labelled.group("word"))
            entry: Level = {"language": _code(labelled.group("lang")), "min_level": level}
            alternatives = _both(alternatives, [[entry]])
            continue
        read = False
        for match in [*patterns.fluency.finditer(clause), *patterns.fluent_before.finditer(clause)]:
            level = _level_word(match.group("word"))
            more = match.group("more") or ""
            alternatives = _both(alternatives, _choices(match.group("lang") + more, patterns, level))
            read = True
        named = None if read else patterns.named_required.search(clause)
        if named:
            alternatives = _both(alternatives, _choices(named.group("list"), patterns, None))
    return alternatives or None


_LIST_WORD_RE = re.compile(
    r"\s*(?:,\s*(?=(?:and/or|et/ou|and|or|et|ou)(?![\w/])))?(?P<word>,|and/or|et/ou|and|or|et|ou)(?![\w/])",
    re.IGNORECASE,
)
# ", or" after a list joined by "and": the choice between whole lists ("English and French, or English and
# Spanish"); "English, French, or Spanish" is one list.
_TOP_OR_RE = re.compile(r",\s*(?:or|ou)\s+(?:of\s+|de\s+l['’]|du\s+|l['’]|le\s+)?", re.IGNORECASE)
_AND_RE = re.compile(r"\b(?:and|et)\b(?!/)", re.IGNORECASE)
_OR_WORDS = frozenset(("or", "ou", "and/or", "et/ou"))


def _listed(text: str, patterns: _Patterns) -> list[list[str]]:
    """The languages a list names, as groups that must all hold, each of languages any one of which
    suffices: "English and Dari or Pashto" -> [["en"], ["fa", "ps"]]; "English, French or Spanish" ->
    [["en", "fr", "es"]]; "English, French and Spanish" -> [["en"], ["fr"], ["es"]]. "And" binds looser
    than "or"; a comma takes the word that ends its run of commas ("and" when none does)."""
    names = list(patterns.any_language.finditer(text))
    codes = [LANGUAGES[fold(m.group())] for m in names]
    words = []
    for before, after in pairwise(names):
        # The word between two names, articles after it aside ("ou du français", "and/or").
        found = _LIST_WORD_RE.match(text, before.end(), after.start())
        word = found.group("word").casefold() if found else "and"
        words.append("or" if word in _OR_WORDS else word if word == "," else "and")
    for i in range(len(words) - 1, -1, -1):
        if words[i] == ",":
            words[i] = words[i + 1] if i + 1 < len(words) else "and"
    groups: list[list[str]] = [[codes[0]]] if codes else []
    for code, word in zip(codes[1:], words, strict=True):
        if word == "or":
            groups[-1].append(code)
        else:
            groups.append([code])
    return [list(dict.fromkeys(group)) for group in groups]


def _choices(text: str, patterns: _Patterns, level: str | None) -> list[list[Level]]:
    """The alternatives a list of languages allows, each at `level`: "English and French, or English and
    Spanish" -> two alternatives of two languages each; otherwise the list read by `_listed`."""
    parts = _TOP_OR_RE.split(text)
    if len(parts) > 1 and _AND_RE.search(parts[0]):
        alternatives: list[list[Level]] = []
        for part in parts:
            for alt in _levelled(_listed(part, patterns), level):
                if alt not in alternatives:
                    alternatives.append(alt)
        return alternatives
    return _levelled(_listed(text, patterns), level)


def _levelled(groups: list[list[str]], level: str | None) -> list[list[Level]]:
    """Every alternative the groups allow (one language of each group), each at `level`."""
    alternatives: list[list[Level]] = [[]]
    for group in groups:
        alternatives = [
            [*alt, {"language": code, "min_level": level}] for alt in alternatives for code in group
        ]
    return [alt for alt in alternatives if alt]


def _both(first: list[list[Level]], second: list[list[Level]]) -> list[list[Level]]:
    """Two requirements that must both hold: each alternative of one with each of the other (a language
    already in an alternative keeps its first level)."""
    if not first:
        return second
    if not second:
        return first
    combined = []
    for one in first:
        for other in second:
            known = {level["language"] for level in one}
            combined.append([*one, *(level for level in other if level["language"] not in known)])
    return combined


_ROMAN_LEVEL_RE = re.compile(r"(?<![\w])(?:VI|IV|V|III|II|I)(?![\w])")
_CEFR_LEVEL_RE = re.compile(r"[ABC][12]\b")
_FLUENCY_HINTS = (
    "fluen",
    "knowledge",
    "proficien",
    "command",
    "maîtrise",
    "maitrise",
    "connaissance",
    "native",
    "mother tongue",
    "courant",
)
# The words that say a language is required where no level word does ("English is mandatory").
_NAMED_HINTS = (
    "required",
    "mandatory",
    "essential",
    "must",
    "requis",
    "exig",
    "obligatoire",
    "indispensable",
)
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


_ROW_LEVELS = {
    "fluent": "fluent",
    "native language": "fluent",
    "mother tongue": "fluent",
    "working knowledge": "working knowledge",
    "basic": "basic",
    "courant": "fluent",
}
_NUMBERED_LEVEL_RE = re.compile(r"\(\d\s*[-–]\s*[A-Za-zÀ-ÿ]")
_DESIRABLE_ROW_RE = re.compile(r"^\s*(?:desirable|souhaitable|an asset)\s*:", re.IGNORECASE)


def stated_levels(notice: Notice) -> dict[str, object] | None:
    """The levels a notice's own language rows state: UN Volunteer rows ("French, Level: Fluent,
    Required"; desirable rows left out), the UN Language Framework table ("English  UN Level II"), an
    organisation's numbered scale ("English (4 - Excellent)"; a "Desirable:" row left out)."""
    if not notice.may_match(("level", "niveau", "(")):
        return None
    rows: list[Level] = []
    for line in notice.lines_mentioning(("level:", "niveau :", "niveau:")):
        match = _patterns_for(line.text).row.search(line.text)
        if match and match.group("need").lower() in ("required", "requis"):
            level = _ROW_LEVELS.get(fold(match.group("level")), fold(match.group("level")))
            rows.append({"language": _code(match.group("lang")), "min_level": level})
    if rows:
        return {"scale": "UN", "any_of": [_unique(rows)]}
    for line in notice.lines_mentioning(("un level",)):
        match = _patterns_for(line.text).framework.match(line.text)
        if match:
            rows.append({"language": _code(match.group("lang")), "min_level": match.group("level")})
    if rows:
        return {"scale": "UN", "any_of": [_unique(rows)]}
    numbered = {m.start() for m in _NUMBERED_LEVEL_RE.finditer(notice.text)}
    for line in notice.lines if numbered else ():
        if not any(line.start <= at < line.end for at in numbered):
            continue
        match = _patterns_for(line.text).numbered.match(line.text.lstrip("•·- "))
        if match and not _DESIRABLE_ROW_RE.match(line.text):
            rows.append({"language": _code(match.group("lang")), "min_level": match.group("level")})
    if rows:
        return {"scale": "other", "any_of": [_unique(rows)]}
    return None


def _unique(rows: list[Level]) -> list[Level]:
    seen: set[str | None] = set()
    kept = []
    for row in rows:
        if row["language"] not in seen:
            seen.add(row["language"])
            kept.append(row)
    return kept


def language_sentences(notice: Notice) -> list[str]:
    """The notice's sentences that speak of languages: where a requirement outside the lists is stated."""
    return ["\n".join(notice.sentences_mentioning(_LANGUAGE_HINTS))]


def languages(
    required: list[str],
    others: list[str],
    *,
    organisation: str | None = None,
    stated: dict[str, object] | None = None,
) -> dict[str, object] | None:
    """The language requirement: read in the `required` qualifications first (where every level named is
    required unless the clause calls it an asset), then in `others` (where a clause must say it is required).
    """
    if stated is not None:
        return stated
    owner = employer_named(organisation)
    scale = (owner.root.language_scale if owner is not None else None) or "other"
    result = _languages(required, others, scale)
    words = level_words(scale)
    if result is not None and result["scale"] == scale and words:
        # Words that stand for a level of the organisation's scale ("thorough knowledge" -> C1 for the EU).
        result["any_of"] = [
            [
                {**level, "min_level": words.get(str(level["min_level"]).casefold(), level["min_level"])}
                for level in alt
            ]
            for alt in result["any_of"]
        ]
    return result


def _languages(required: list[str], others: list[str], scale: str) -> dict[str, Any] | None:
    result: dict[str, Any] | None = None
    for index, text in enumerate([*required, *others]):
        is_required = index < len(required)
        if result is not None and not is_required:
            break
        found = _read(text, is_required, scale)
        if found is None:
            continue
        if result is None:
            result = found
            if not (is_required and len(found["any_of"]) == 1):
                return result
            continue
        # A list of required languages, one item each ("English: C1" / "French: B1"): one alternative.
        if found["scale"] != result["scale"] or len(found["any_of"]) != 1:
            continue
        kept = result["any_of"][0]
        known = {level["language"] for level in kept}
        kept.extend(level for level in found["any_of"][0] if level["language"] not in known)
    return result


def _read(text: str, is_required: bool, scale: str) -> dict[str, Any] | None:
    """The language requirement one text states, or None."""
    low = text.lower()
    if not (mentions(low, _LANGUAGE_HINTS) or not _LANGUAGE_WORDS.isdisjoint(_LETTERS_RE.findall(low))):
        return None
    nato = _nato(text) if _ROMAN_LEVEL_RE.search(text) else None
    if nato:
        return {"scale": "NATO", "any_of": nato}
    clauses = _required_clauses(text)
    either = (
        _ONE_AND_OTHER_RE.search(text) if " other" in low or "l'autre" in low or "l’autre" in low else None
    )
    if either:
        one, other = _other_languages(either.group("between"))
        first, second = (_level_word(either.group(name)) for name in ("first", "second"))
        notes = [
            _CEFR_NOTE_RE.search(either.group("between")),
            _CEFR_NOTE_RE.search(text, either.end(), min(len(text), either.end() + 30)),
        ]
        if notes[0] and notes[1]:
            # "Very good knowledge of one ... (level C1 of the CEFR) and good knowledge of the other (B2)"
            scale, first, second = "CEFR", notes[0].group("level"), notes[1].group("level")
        return {
            "scale": scale,
            "any_of": [
                [{"language": one, "min_level": first}, {"language": other, "min_level": second}],
                [{"language": other, "min_level": first}, {"language": one, "min_level": second}],
            ],
        }
    one_of = _ONE_OF_RE.search(text) if " one of" in low or "l'une des" in low or "l’une des" in low else None
    if one_of and _REQUIRED_RE.search(one_of.group("between")) and not _DESIRABLE_RE.search(one_of.group()):
        named = _patterns_for(one_of.group("between")).any_language.finditer(one_of.group("between"))
        codes = list(dict.fromkeys(LANGUAGES[fold(m.group())] for m in named))
        if len(codes) >= 2:
            level = _level_word(one_of.group("word"))
            return {"scale": scale, "any_of": [[{"language": code, "min_level": level}] for code in codes]}
    if _CEFR_LEVEL_RE.search(text):
        found = _cefr(clauses)
        if found:
            return {"scale": "CEFR", "any_of": found}
    if mentions(low, ("slp", "stanag")):
        found = _stanag(clauses)
        if found:
            return {"scale": "STANAG6001", "any_of": found}
    if not mentions(low, (*_FLUENCY_HINTS, *_NAMED_HINTS)):
        return None
    found = _fluency(clauses, required=is_required)
    if found is None and mentions(low, _NAMED_HINTS):
        # "Required Language(s): English": the languages a field names, with no level.
        patterns = _patterns_for(text)
        field = patterns.required_field.search(text)
        if field:
            found = _choices(field.group("list"), patterns, None)
    return {"scale": scale, "any_of": found} if found else None
