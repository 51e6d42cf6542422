"""The behavioural competencies a notice asks for, each with the level it names.

NATO writes "Change Leadership: Champions change" (the level is a rung of that competency's ladder) or
just the name; the UN writes "Professionalism: Knowledge of ... Shows pride in work ..." (a definition
of several sentences, not a level: the level is then None).
"""

from __future__ import annotations

import re

from concours.kernel.notices.sections import Notice, squash

_INTRO_RE = re.compile(
    r"demonstrate the following(?: competencies)?|following competencies|compétences suivantes|"
    r"faire preuve des (?:compétences|qualités) suivantes",
    re.IGNORECASE,
)
_NAME_RE = re.compile(r"^(?P<name>[^\W\d][\w’'&/ -]{1,60}?)\s*[:：–-]\s+(?P<level>\S.*)$")
_SENTENCE_INSIDE_RE = re.compile(r"[.!?]\s+[A-ZÀ-Ý]")
_NAME_ONLY_RE = re.compile(r"^[^\W\d][\w’'&/ -]{1,60}$")


def _competency(item: str) -> dict[str, str | None] | None:
    item = squash(item).rstrip(" ;,.")
    match = _NAME_RE.match(item)
    if match and len(match.group("name").split()) <= 8:
        level = match.group("level").strip().rstrip(" ;,.")
        # A level is one behaviour; several sentences are a definition, which names no level.
        if _SENTENCE_INSIDE_RE.search(level) or len(level) > 160:
            return {"name": match.group("name").strip(), "level": None}
        return {"name": match.group("name").strip(), "level": level}
    if _NAME_ONLY_RE.match(item) and len(item.split()) <= 5:
        return {"name": item, "level": None}
    return None


def competencies(notice: Notice) -> list[dict[str, str | None]]:
    """The competencies, in the notice's order, from its COMPETENCIES section or its introducing line."""
    for line in notice.lines:
        if not line.text or line.bullet:
            continue
        heading = line.heading == "competencies"
        # The cheap end test first: few lines end with a colon.
        if not heading and not (line.text.rstrip().endswith((":", "：")) and _INTRO_RE.search(line.text)):
            continue
        items = [item.item for item in notice.items_after(line.number, intro_lines=2 if heading else 0)]
        if not items and heading:
            # No bullets (UN style, or a page that lost them): one competency per paragraph.
            items = [other.text for other in notice.section_lines(line.number) if other.text]
        found = [c for c in (_competency(item) for item in items) if c is not None]
        if found:
            return found
    return []
