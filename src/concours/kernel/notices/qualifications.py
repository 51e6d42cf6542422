"""What a candidate must and may bring: the essential and desirable qualifications, the years of
experience they ask for, and the level of degree.

NATO-style notices list qualifications as bullets under ESSENTIAL / DESIRABLE (or after "The incumbent
must:"); UN-style notices write sentences under Education / Work Experience / Languages, which are then
taken one per sentence, sorted by their own words ("is required" against "is desirable").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from concours.kernel.notices.sections import Notice, may_match, mentions, sentences
from concours.kernel.notices.vocabulary import NUMBER_WORDS, alternation

_ESSENTIAL_INTRO_RE = re.compile(
    r"^(?:The|Le|La|Le/La|La/Le)\s+(?:successful\s+)?(?:candidates?|incumbent|applicants?|"
    r"titulaire(?: du poste)?|"
    r"candidat(?:e|\(e\))?s?)\s+(?:must|should|shall|will need to|doit|doivent|devra)"
    r"(?:\s+(?:possess|have|meet|posséder|avoir|remplir|justifier))?(?:\s+(?:the following|les "
    r"conditions suivantes))?"
    r"\s*[:：]\s*$",
    re.IGNORECASE,
)
_DESIRABLE_INTRO_RE = re.compile(
    r"considered an? (?:advantage|asset)|would be an? (?:advantage|asset)|consid[ée]r[ée]e?s? "
    r"comme (?:un )?atouts?|"
    r"constituerai(?:en)?t un atout|seraient un atout|(?:would be|are) desirable|the following "
    r"(?:are )?assets",
    re.IGNORECASE,
)
_DESIRABLE_WORDS_RE = re.compile(
    r"desirable|an? (?:advantage|asset)|advantageous|souhaitable|un atout|serait appréciée?|would "
    r"be preferred",
    re.IGNORECASE,
)
_REQUIRED_WORDS_RE = re.compile(
    r"\bis required|\bare required|\brequired\b|\bis essential|\bmust\b|\bminimum\b|\bin lieu\b|"
    r"may be accepted|"
    r"requise?s?|exigée?s?|indispensable|obligatoire|doit|à défaut|peut être acceptée?|à la place",
    re.IGNORECASE,
)
_NUMBER = rf"(?:\d{{1,2}}|{alternation(NUMBER_WORDS)})"
_YEARS_WORD = r"(?:years?|ans|années)"
_YEARS_WORDS = ("year", "ans", "années")
_EXPERIENCE_RE = re.compile(
    rf"(?<![\w-])(?P<a>\d{{1,2}})\s*(?:-|–|to|à)\s*(?P<b>\d{{1,2}})\s*\+?\s*{_YEARS_WORD}"
    rf"|(?:at least|a minimum of|minimum(?: of)?|not less than|no less than|more than|over|au moins|"
    rf"un minimum de|minimum de|au minimum|plus de)\s+(?P<min>{_NUMBER})(?:\s*\(\d{{1,2}}\))?\s*\+?\s*"
    rf"(?:full[- ]time\s+)?{_YEARS_WORD}"
    rf"|(?<![\w-])(?P<plain>{_NUMBER})(?:\s*\(\d{{1,2}}\))?\s*\+?\s*{_YEARS_WORD}(?:['’]|\s+of|\s+d['’])?\s*"
    r"(?=(?:[\w-]+\s+){0,3}?(?:experience|expérience))",
    re.IGNORECASE,
)
_OF_LEAD_RE = re.compile(
    r"^\s*(?:['’]s?\s*)?(?:of\s+|d['’]\s*|de\s+)?(?:[\w-]+\s+){0,3}?(?:experience|expérience)\s*"
    r"(?:(?:in|of|with|at|dans|en|de|du|des)\b)?\s*",
    re.IGNORECASE,
)
_OF_END_RE = re.compile(r"[;.,(]|\s+(?:and be|and have|out of which|dont au moins|et être)\b", re.IGNORECASE)
_BACKGROUND_RE = re.compile(
    r"background in (?P<of>.+?),?\s+(?:developed|gained|acquired) through", re.IGNORECASE
)
_DEGREE_RE = re.compile(
    r"(?P<doctorate>\bph\.?\s?d\b|\bdoctora(?:te|l)\b|\bdoctorat\b)"
    r"|(?P<master>\badvanced university degree|\bsecond[- ]level university degree|"
    r"\bmaster['’]?s?\b|\bpost-?graduate\b|\bpostgraduate\b|"
    r"diplôme universitaire supérieur|diplôme de (?:deuxième|second) cycle|\bMBA\b)"
    r"|(?P<bachelor>\bfirst[- ]level university degree|\buniversity degree|\bbachelor['’]?s?\b|"
    r"\bundergraduate\b|"
    r"diplôme universitaire|\blicence\b|completed university studies|études universitaires|"
    r"diplôme de premier cycle|\bdegree\b|higher education|enseignement supérieur)"
    r"|(?P<secondary>secondary (?:education|school)|high school|baccalauréat|enseignement secondaire)",
    re.IGNORECASE,
)
_PREFERRED_RE = re.compile(r"preferred|preferably|de préférence|idéalement|souhaité", re.IGNORECASE)
_IN_LIEU_RE = re.compile(r"in lieu of|instead of|à la place d|au lieu d", re.IGNORECASE)
_STUDY_RE = re.compile(r"stud|educat|étud|formation|schooling", re.IGNORECASE)
_LEVELS = ("secondary", "bachelor", "master", "doctorate")


@dataclass(frozen=True)
class Qualifications:
    """The essential and desirable qualifications, one string per bullet (or per sentence)."""

    essential: list[str]
    desirable: list[str]


def _add(target: list[str], items: list[str]) -> None:
    for item in items:
        if item not in target:
            target.append(item)


def qualifications(notice: Notice) -> Qualifications:
    """The notice's essential and desirable qualifications."""
    essential: list[str] = []
    desirable: list[str] = []
    for line in notice.lines:
        if not line.text or line.bullet:
            continue
        if line.heading in ("essential", "qualifications"):
            _add(essential, [item.item for item in notice.items_after(line.number)])
        elif line.heading == "desirable":
            _add(desirable, [item.item for item in notice.items_after(line.number)])
        elif (
            line.heading is None and line.text.endswith((":", "：")) and _ESSENTIAL_INTRO_RE.match(line.text)
        ):
            _add(essential, [item.item for item in notice.items_after(line.number, intro_lines=0)])
        elif (
            line.heading is None and line.text.endswith((":", "：")) and _DESIRABLE_INTRO_RE.search(line.text)
        ):
            _add(desirable, [item.item for item in notice.items_after(line.number, intro_lines=0)])
    if not essential:
        _sentences_by_kind(notice, essential, desirable)
    return Qualifications([i for i in essential if i not in desirable], desirable)


def _sentences_by_kind(notice: Notice, essential: list[str], desirable: list[str]) -> None:
    for key in ("education", "work_experience", "languages", "qualifications", "essential"):
        for index in notice.headings.get(key, []):
            text = "\n".join(line.text for line in notice.section_lines(index))
            for sentence in sentences(text):
                if _DESIRABLE_WORDS_RE.search(sentence):
                    _add(desirable, [sentence])
                elif _REQUIRED_WORDS_RE.search(sentence):
                    _add(essential, [sentence])


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def _of(item: str, end: int) -> str:
    background = _BACKGROUND_RE.search(item)
    if background:
        return background.group("of").strip()
    rest = _OF_LEAD_RE.sub("", item[end:], count=1)
    cut = _OF_END_RE.search(rest)
    rest = (rest[: cut.start()] if cut else rest).strip()
    return rest or item.strip(" ;.")


def experience(items: list[str]) -> list[dict[str, object]]:
    """Each span of years of experience the items ask for: min_years, max_years (or None), and of what."""
    found: list[dict[str, object]] = []
    for item in items:
        # Every match names years ("years", "ans", "années"): most items do not, and skip the costly scan.
        if not may_match(item, _YEARS_WORDS):
            continue
        for match in _EXPERIENCE_RE.finditer(item):
            if match.group("a"):
                low, high = int(match.group("a")), int(match.group("b"))
                if low > high or high > 45:
                    continue
                years: tuple[int | None, int | None] = (low, high)
            else:
                years = (_number(match.group("min") or match.group("plain") or ""), None)
            if (
                years[0] is None
                or years[0] > 45
                or _STUDY_RE.search(item[max(0, match.start() - 20) : match.start()])
            ):
                continue
            found.append({"min_years": years[0], "max_years": years[1], "of": _of(item, match.end())})
    return found


def min_years(found: list[dict[str, object]]) -> int | None:
    """The largest minimum of years among the experience requirements."""
    values = [value for value in (entry["min_years"] for entry in found) if isinstance(value, int)]
    return max(values) if values else None


_DEGREE_HINTS = (
    "degree",
    "dipl",
    "master",
    "bachelor",
    "ph",
    "doctor",
    "univers",
    "licence",
    "secondary",
    "high school",
    "études",
    "education",
    "baccalauréat",
    "mba",
    "graduate",
    "enseignement",
)


def _mentions(item: str) -> list[tuple[int, str]]:
    if not mentions(item.lower(), _DEGREE_HINTS):
        return []
    return [(m.start(), m.lastgroup or "bachelor") for m in _DEGREE_RE.finditer(item)]


def degree(essential: list[str], desirable: list[str]) -> dict[str, str | None] | None:
    """The lowest degree the notice accepts and the one it prefers, or None if it names none."""
    required: list[str] = []
    preferred: list[str] = []
    for item in essential:
        mentions = _mentions(item)
        if not mentions:
            continue  # (the two scans below only place the degrees mentioned)
        preference = _PREFERRED_RE.search(item)
        in_lieu = _IN_LIEU_RE.search(item)
        for position, level in mentions:
            if in_lieu and position > in_lieu.start():
                # "A first-level degree ... may be accepted in lieu of the advanced degree": the degree
                # after "in lieu of" is the one asked for first, the one before it the accepted minimum.
                preferred.append(level)
                continue
            near = preference is not None and abs(preference.start() - position) <= 30
            (preferred if near and len(mentions) > 1 else required).append(level)
    for item in desirable:
        preferred.extend(level for _, level in _mentions(item))
    if not required and not preferred:
        return None
    low = min(required, key=_LEVELS.index) if required else None
    high = max(preferred, key=_LEVELS.index) if preferred else None
    return {"min_level": low, "preferred_level": high}
