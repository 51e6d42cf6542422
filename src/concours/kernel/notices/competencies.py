"""The behavioural competencies a notice asks for, each with the level it names.

NATO writes "Change Leadership: Champions change" (the level is a rung of that competency's ladder) or
just the name; UNDP "Achieve Results: Level 1: Plans and monitors own work ..." (a level); IFAD
"Building relationships and partnerships - Builds and maintains ..." (a level); the UN "Professionalism:
Knowledge of ... Shows pride in work ..." and the World Bank "Communication: Able to communicate ...
Able to contribute ..." (definitions, not levels: where most of a list's texts are definitions, none
is a level). Every list under a competencies heading counts (core, managerial, cross-functional,
functional, technical); "Core Values" are not competencies. A table of themes, names and definitions
(UNDP's "Domaine thématique / Compétence / Définition") gives its names; a theme heads names, a name
heads its definition.
"""

from __future__ import annotations

import re

from concours.kernel.notices.sections import Line, Notice, squash

_INTRO_RE = re.compile(
    r"demonstrate the following(?: competencies)?|following competencies|compétences suivantes|"
    r"faire preuve des (?:compétences|qualités) suivantes|competencies (?:required )?for this post",
    re.IGNORECASE,
)
_NAME_RE = re.compile(r"^(?P<name>[^\W\d][\w’'&/ (),-]{1,70}?)\s*(?:[:：]|\s[–-])\s+(?P<level>\S.*)$")
_NAME_DOT_RE = re.compile(r"^(?P<name>[A-ZÀ-Ý][\w’'&/ -]{1,60}?)\.\s+(?P<level>[A-ZÀ-Ý].*)$")
_SENTENCE_INSIDE_RE = re.compile(r"[.!?]\s+[A-ZÀ-Ý]")
_NAME_ONLY_RE = re.compile(r"^[^\W\d][\w’'&/ ()-]{1,70}$")
# A sub-heading glued to the end of an item ("Embracing change Core Competencies:").
_GLUED_HEADING_RE = re.compile(
    r"\s*(?:Core|Functional|Managerial|Technical|Cross-Functional|Behavioural)\s+Competencies\s*:?\s*$"
)
_SUB_HEADING_RE = re.compile(r"compet|compét|^level \d|^niveau \d|^noyau$", re.IGNORECASE)
_LEVEL_MARK_RE = re.compile(r"^(?:level|niveau)\s*\d", re.IGNORECASE)
_PLACEHOLDER_RE = re.compile(r"^(?:will|to) be (?:added|provided|determined)", re.IGNORECASE)
# A note to the reader under the list ("For detailed information, please consult ..."), not a competency.
_NOTE_RE = re.compile(
    r"^(?:for (?:more|further|detailed|additional) information|please|see |consult|more information|"
    r"pour (?:plus|de plus amples) d['’]informations|veuillez|voir )",
    re.IGNORECASE,
)
# A mark after a name that says which list it is of: UNESCO's "Accountability (C)", "(M)".
_KIND_MARK_RE = re.compile(r"\s*\([A-Z]\)$")
# Leading marks: a check-box glyph (also as mojibake, "â˜’"), a number in brackets, a bullet.
_LEADING_MARK_RE = re.compile(r"^(?:[^\w\s(]{1,3}\s+|\S*[˜™€]\S*\s+|\(\d{1,2}\)\s*|\d{1,2}[.)]\s+)")
_NAME = 60  # at most, a name's length in a table of names and definitions
_DEFINITION = 100  # at least, a definition's
_COMPETENCY_KINDS = frozenset(("competencies",))
_STOP_KINDS_INSIDE = frozenset(("values",))


def _strip(text: str) -> str:
    text = _LEADING_MARK_RE.sub("", squash(text), count=1).strip()
    return _GLUED_HEADING_RE.sub("", text).strip() if "ompetencies" in text else text


def _competency(item: str) -> tuple[dict[str, str | None], bool] | None:
    """(the competency, whether its text is a definition) for one item, stripped, or None."""
    item = _KIND_MARK_RE.sub("", item.rstrip(" ;,."))
    if not item or _PLACEHOLDER_RE.match(item) or _NOTE_RE.match(item):
        return None
    if item.endswith((" -", " –", ":")):
        # "Managing performance and developing staff -": a name whose level the notice left empty.
        name = item.rstrip(" -–:")
        return ({"name": name, "level": None}, True) if _NAME_ONLY_RE.match(name) else None
    dotted = _NAME_DOT_RE.match(item)
    match = _NAME_RE.match(item) or dotted
    if match and len(match.group("name").split()) <= 8 and not _SUB_HEADING_RE.search(match.group("name")):
        level = match.group("level").strip().rstrip(" ;,.")
        # A level is one behaviour; "Name. text", several sentences or a long text are a definition.
        definition = dotted is not None or bool(_SENTENCE_INSIDE_RE.search(level)) or len(level) > 160
        return {"name": match.group("name").strip(), "level": level}, definition
    if _NAME_ONLY_RE.match(item) and len(item.split()) <= 8:
        return {"name": item, "level": None}, False
    return None


def _entries(notice: Notice, start: int) -> list[Line]:
    """The lines of one competencies list: from its heading to the next heading of another kind, or a
    field of another kind ("WBG Culture Attributes:")."""
    out: list[Line] = []
    for line in notice.lines[start + 1 :]:
        text = line.text
        if not text:
            continue
        if line.heading in _COMPETENCY_KINDS or line.heading in _STOP_KINDS_INSIDE:
            break
        if line.heading is not None and line.heading != "other":
            break
        if line.heading == "other" and not _SUB_HEADING_RE.search(text):
            break
        if _PLACEHOLDER_RE.match(text):
            break  # "Will be added separately for each position"
        if text.endswith((":", "：")) and len(text) < 60 and not _SUB_HEADING_RE.search(text) and out:
            following = notice._next_text_line(line.number)
            if following is None or not _LEVEL_MARK_RE.match(following.text):
                break  # another section's heading, not a competency's name over its level
        out.append(line)
    return out


def _is_sub_heading(text: str) -> bool:
    return len(text) < 60 and bool(_SUB_HEADING_RE.search(text)) and not _NAME_RE.match(text.rstrip(" :："))


def _read(lines: list[Line]) -> list[dict[str, str | None]]:
    """The competencies of a list's lines (see the module's docstring)."""
    texts = [_strip(line.item if line.bullet else line.text) for line in lines]
    texts = [text for text in texts if text and not _is_sub_heading(text)]
    shaped = [bool(_NAME_RE.match(text) or _NAME_DOT_RE.match(text)) for text in texts]
    defining = [
        len(text) >= _DEFINITION and text.endswith(".") and not s
        for text, s in zip(texts, shaped, strict=True)
    ]
    # A table of names and definitions: short names, each followed by its definition (sentences).
    table = (
        sum(
            1
            for i in range(len(texts) - 1)
            if len(texts[i]) < _NAME and not shaped[i] and not defining[i] and defining[i + 1]
        )
        >= 2
    )
    found: list[tuple[dict[str, str | None], bool]] = []
    index = 0
    while index < len(texts):
        text = texts[index]
        following = texts[index + 1] if index + 1 < len(texts) else None
        if text.endswith((":", "：")) and following is not None and len(text) < 80 and not shaped[index]:
            # "Obtention de résultats :" / "NIVEAU 1 : Planifie et contrôle ..."
            found.append(({"name": text.rstrip(" :："), "level": following.rstrip(" ;,.")}, False))
            index += 2
            continue
        if table and not shaped[index]:
            if len(text) < _NAME and following is not None:
                if defining[index + 1]:
                    found.append(({"name": text.rstrip(" ;,."), "level": None}, True))
                    index += 1
                    while index < len(texts) and defining[index]:
                        index += 1  # the name's definition
                    continue
                index += 1  # a theme heading the names after it ("Finance" / "Audit (général)")
                continue
            index += 1  # a definition (or a note) that no name heads
            continue
        entry = _competency(text)
        if entry is None and not shaped[index] and not _NOTE_RE.match(text):
            # A list of sentences under a competencies heading: each is taken whole.
            entry = ({"name": text.rstrip(" "), "level": None}, False)
        if entry is not None:
            found.append(entry)
        index += 1
    named = [entry for entry in found if entry[0]["level"] is not None or entry[1]]
    if len(named) >= 3:
        # Bare names beside named ones are the themes of a table ("Digital", "Business Management").
        found = [entry for entry in found if entry[0]["level"] is not None or entry[1]]
    levelled = [definition for entry, definition in found if entry["level"] is not None]
    if levelled and sum(levelled) * 2 > len(levelled):
        # Most texts are definitions: none of them is a level.
        return [{"name": entry["name"], "level": None} for entry, _ in found]
    return [
        {"name": entry["name"], "level": None if definition else entry["level"]}
        for entry, definition in found
    ]


def competencies(notice: Notice) -> list[dict[str, str | None]]:
    """The competencies, in the notice's order, from its competencies sections or introducing line."""
    found: list[dict[str, str | None]] = []
    seen: set[str] = set()
    for line in notice.lines:
        if not line.text or line.bullet:
            continue
        heading = line.heading == "competencies"
        # The cheap end test first: few lines end with a colon.
        if not heading and not (
            line.text.rstrip().endswith((":", "：", "...")) and _INTRO_RE.search(line.text)
        ):
            continue
        items: list[Line] = notice.items_after(line.number, intro_lines=2 if heading else 0)
        if not items:
            items = _entries(notice, line.number)
        for competency in _read(items):
            key = str(competency["name"]).casefold()
            if key not in seen:
                seen.add(key)
                found.append(competency)
        if found and not heading:
            break
    return found
