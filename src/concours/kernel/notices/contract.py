"""The contract offered: its type, its initial length, renewal, maximum, extension, and whether it may
be converted to an indefinite one. Each figure only when the notice states it."""

from __future__ import annotations

import re

from concours.kernel.notices.sections import Notice, may_match, mentions, search_at
from concours.kernel.notices.vocabulary import NUMBER_WORDS, alternation

_N = rf"(?P<n>\d{{1,2}}|{alternation(NUMBER_WORDS)})"
_Y = r"(?:[- ]?years?|[- ]?year|\s*ans?|\s*années?)"
_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "secondment",
        re.compile(
            r"(?:^|\n|:\s*)seconded\b(?!/)|\bsecondment only\b|\bopen for secondment\b|"
            r"type of (?:appointment|contract)\s*:\s*secondment|\bdétachement uniquement",
            re.I,
        ),
    ),
    (
        "definite",
        re.compile(
            r"(?<!conversion to an )(?<!conversion to a )\bdefinite[- ]duration contract|"
            r"\bfixed[- ]term (?:appointment|contract|basis)|contrat (?:de|à) durée déterminée|"
            r"(?:nommée?|engagée?|nomination|engagement) (?:pour une|à) durée déterminée",
            re.I,
        ),
    ),
    (
        "indefinite",
        re.compile(
            r"(?<!conversion to an )(?<!conversion en )(?<!to an )\bindefinite[- ]duration contract"
            r" will be offered|offered an indefinite|contrat (?:de|à) durée indéterminée sera",
            re.I,
        ),
    ),
    (
        "temporary",
        re.compile(
            r"\btemporary (?:agent|staff|contract|appointment)|\bshort[- ]term (?:contract|appointment)|"
            r"agent temporaire|contrat temporaire",
            re.I,
        ),
    ),
)
_TYPE_WORDS = {
    "secondment": ("second", "détach"),
    "definite": ("definite", "fixed", "déterminée"),
    "indefinite": ("indefinite", "indéterminée"),
    "temporary": ("temporar", "short"),
}
_INITIAL_RES = (
    re.compile(
        rf"\b{_N}{_Y}\s+(?:definite[- ]duration|fixed[- ]term|initial)\s+(?:contract|appointment)", re.I
    ),
    re.compile(
        rf"(?:contract|appointment)\s+(?:of|for)\s+(?:an? initial (?:period|duration) of\s+)?{_N}{_Y}", re.I
    ),
    re.compile(rf"initial (?:period|duration|term|contract|appointment) (?:of|for)\s+{_N}{_Y}", re.I),
    re.compile(rf"durée (?:déterminée|initiale) (?:de|d['’])\s*{_N}{_Y}", re.I),
    re.compile(rf"période initiale (?:de|d['’])\s*{_N}{_Y}", re.I),
)
_INITIAL_WORDS = ("contract", "appointment", "initial", "durée", "période")
_RENEWAL_RES = (
    re.compile(
        rf"renew(?:al|ed|able)\s+(?:for\s+)?(?:a\s+further\s+period\s+of\s+|a\s+further\s+)?"
        rf"(?:up\s+to\s+|maximum\s+(?:of\s+)?)?{_N}{_Y}",
        re.I,
    ),
    re.compile(
        rf"renouvel(?:é|able|ée|ement)[^.;]{{0,40}}?(?:jusqu['’]à|maximale de|maximum de|de|pour)\s+{_N}{_Y}",
        re.I,
    ),
)
_MAX_RES = (
    re.compile(
        rf"maximum (?:period|length|duration) of (?:service|employment)[^.;]{{0,60}}?\b(?:is|of)\s+{_N}{_Y}",
        re.I,
    ),
    re.compile(rf"durée maximale (?:de service|d['’]emploi)[^.;]{{0,60}}?\best de\s+{_N}{_Y}", re.I),
    re.compile(
        rf"(?:not|no) (?:exceed|more than)\s+(?:a total of\s+)?{_N}{_Y}\s+(?:of service|in total|"
        rf"in the post)",
        re.I,
    ),
)
_EXTENSION_RES = (
    re.compile(rf"\b{_N}{_Y}\s+extension", re.I),
    re.compile(rf"extended\s+(?:by|for)\s+(?:up\s+to\s+|a further\s+)?{_N}{_Y}", re.I),
    re.compile(rf"prolongation (?:de|d['’])\s*{_N}{_Y}", re.I),
    re.compile(rf"prolongé(?:e)?\s+(?:de|d['’]|pour)\s*{_N}{_Y}", re.I),
)
# The patterns above whose matches begin with the number (`_N`), and how a number can begin.
_NUMBER_FIRST = frozenset((_INITIAL_RES[0], _EXTENSION_RES[0]))
_NUMBER_STARTS = (*"0123456789", *NUMBER_WORDS)
_CONVERSION_RE = re.compile(
    r"conversion (?:to|into) (?:an )?indefinite|apply for conversion|converted (?:to|into) an indefinite|"
    r"conversion en (?:un )?contrat (?:de|à) durée indéterminée|convertir en (?:un )?contrat",
    re.I,
)
# How the phrases below begin.
_NO_CONVERSION_STARTS = (
    "no possibility",
    "without possibility",
    "cannot be",
    "will not be",
    "ne peut",
    "ne pourra",
)
_NO_CONVERSION_RE = re.compile(
    r"(?:no|without) possibility of conversion|cannot be converted|will not be converted|"
    r"ne (?:peut|pourra) pas être convert",
    re.I,
)


_ABOUT_CONTRACT = (
    "contract",
    "contrat",
    "renew",
    "renouvel",
    "extension",
    "extended",
    "prolong",
    "period",
    "durée",
    "appointment",
    "nomm",
    "engag",
    "maximum",
    "seconded",
    "secondment",
    "détach",
    "temporar",
    "fixed",
    "conver",
)


def _years(patterns: tuple[re.Pattern[str], ...], text: str, gate: tuple[str, ...] = ()) -> int | None:
    if gate and not mentions(text.lower(), gate):
        return None
    for pattern in patterns:
        # A pattern that starts with the number is tried only where a number is: at every offset, its
        # case-insensitive alternation of number words costs more than all the other patterns together.
        match = search_at(pattern, text, _NUMBER_STARTS) if pattern in _NUMBER_FIRST else pattern.search(text)
        if match:
            word = match.group("n").lower()
            value = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
            if value is not None and 0 < value <= 20:
                return value
    return None


def _label_type(value: str) -> str | None:
    # "Type of Appointment: Seconded", "Type of contract: Temporary agent", "Contract type: Definite duration"
    folded = value.casefold()
    for word, kind in (
        ("indefinite", "indefinite"),
        ("indéterminée", "indefinite"),
        ("definite", "definite"),
        ("fixed", "definite"),
        ("déterminée", "definite"),
        ("second", "secondment"),
        ("détach", "secondment"),
        ("temporar", "temporary"),
        ("short", "temporary"),
    ):
        if word in folded:
            return kind
    return None


def contract(notice: Notice) -> dict[str, object] | None:
    """The contract the notice offers, or None if it says nothing of one."""
    # Only sentences about contracts and periods are searched: the rules below are costly on a whole notice.
    text = "\n".join(notice.sentences_mentioning(_ABOUT_CONTRACT))
    label = notice.label("contract_type")
    kind = _label_type(label.value) if label else None
    if kind is None:
        low = text.lower()
        found = [
            (m.start(), name)
            for name, pattern in _TYPES
            if mentions(low, _TYPE_WORDS[name])
            for m in [pattern.search(text)]
            if m
        ]
        kind = min(found)[1] if found else None
    conversion = None
    if mentions(text.lower(), ("conver",)):
        conversion = (
            True
            if search_at(_CONVERSION_RE, text, ("conver", "apply for conversion"))
            else (False if search_at(_NO_CONVERSION_RE, text, _NO_CONVERSION_STARTS) else None)
        )
    result: dict[str, object] = {
        "type": kind,
        # Each initial-period pattern names one of these words: most texts skip the five scans.
        "initial_years": _years(_INITIAL_RES, text) if may_match(text, _INITIAL_WORDS) else None,
        "renewal_years": _years(_RENEWAL_RES, text, ("renew", "renouvel")),
        "max_years": _years(_MAX_RES, text, ("maximum", "maximale", "exceed", "more than")),
        "extension_years": _years(_EXTENSION_RES, text, ("extension", "extended", "prolong")),
        "conversion_possible": conversion,
    }
    if all(value is None for value in result.values()):
        return None
    return result
