"""Notice text as boards and PDF copies deliver it, put back into lines before it is read.

- Labels glued to the value before them ("Belgium-BrusselsNATO Body", "(NATO IMS)Schedule",
  "MonthlyGrade NATO Grade G10Description", "(EMA)Where: ..."): a known label that starts right after
  a letter, a digit or a bracket, with no space, starts a new line.
- A whole notice printed as one line: where it names three labels or more ("Vacancy Number: 16021
  Grade: A-2 Title: ..."), each label starts a line; where its items run together without separators
  ("...implementation.Experience with...", "mainly PRIMESKnowledge of...", "activities- Support..."),
  each item starts a line.
- A field name ended by "::" (WFP's "Education:: University degree ...") is put on its own line.
- A label whose parenthesis is broken over lines ("Application deadline (\\nmidnight local time\\n):")
  is put back on one line.

Only these joins are touched: text that is already in lines comes back unchanged.
"""

from __future__ import annotations

import re
from functools import cache

from concours.kernel.notices.vocabulary import GLUE_LABELS, LABELS, fold_aligned

# Where a label may be glued to what precedes it: a lower-case letter, digit or closing bracket right
# before a capital, or a run of capitals before a capitalised word ("PMSalary").
# (Matched, not looked around: a zero-width pattern is tried at every offset of the text; these only
# where their first character class is. Two simple patterns cost less than their alternation. The label
# starts at the last capital but one, or the last.)
_GLUE_RES = (re.compile(r"[a-z0-9)\]][A-Z]"), re.compile(r"[A-Z]{3}[a-z]"))
# A label and what may follow it for the break to hold: a colon, a bracket, the end of the line, or the
# next word (capitalised or a number).
_AFTER_LABEL_RE = re.compile(r"\s*(?:[:(（]|$)|\s+[A-Z0-9€$£]|\s*\n|[A-Z0-9]")
_RUN_ON_LENGTH = 600
_LABEL_COLON_RE = re.compile(r"\S (?=[A-Z][\w/&.' -]{1,40}?\s?:\s)")
# Items run together in a one-line notice: a sentence end, a lower-case letter or a closing bracket
# straight before a capitalised word; a run of capitals before one ("PRIMESKnowledge"); a dash bullet
# glued to the end of the previous item ("activities- Support"); a numbered heading ("data.2. Duties").
# (Each alternative matches the characters before the join, so the engine skips to them; the join is
# where the match ends.)
_ITEM_JOIN_RE = re.compile(
    r"[a-z]{2}[.;:](?=[A-Z]|\d{1,2} )|[a-z)](?=[A-Z][a-z])|[a-z](?=[A-Z]{2,}(?:-[A-Z]|\b))|"
    r"[A-Z]{3}(?=[A-Z][a-z]{2})|[a-z.](?=- [A-Z])|[a-z.](?=\d{1,2}\. [A-Z])"
)
_MIN_JOINS = 5
_WORD_RE = re.compile(r"[a-z]+")
# A sentence or field glued to the next one ("implementation.Experience", "data.2. Duties").
_GLUED_SENTENCE_RE = re.compile(r"[.;:][A-Z0-9]")
_HEAD = 1500  # (glued labels are a page header's: the first few hundred characters)
_DOUBLE_COLON_RE = re.compile(r"[ \t]*::[ \t]*")
_OPEN_PAREN_RE = re.compile(r"\(\s*$")
_BROKEN_PAREN_RE = re.compile(r"\([ \t]*\n")
_BAR_RE = re.compile(r"\s+\|\s+")


@cache
def _labels_by_first_word() -> dict[str, tuple[str, ...]]:
    """Every label (folded) by its first word, longest first."""
    found: dict[str, list[str]] = {}
    for label in {*(name for names in LABELS.values() for name in names), *GLUE_LABELS}:
        first = _WORD_RE.match(label)
        if first is not None:
            found.setdefault(first.group(), []).append(label)
    return {word: tuple(sorted(labels, key=len, reverse=True)) for word, labels in found.items()}


def _label_at(line: str, folded: str, at: int) -> int:
    """The length of the known label that starts at `at` in `line` (0 if none)."""
    first = _WORD_RE.match(folded, at)
    if first is None:
        return 0
    for label in _labels_by_first_word().get(first.group(), ()):
        if folded.startswith(label, at):
            end = at + len(label)
            if end == len(line) or _AFTER_LABEL_RE.match(line, end):
                return len(label)
    return 0


def _unglue_labels(text: str) -> str:
    folded: str | None = None
    cuts = []
    # Boards glue labels in the page's header: only its opening is looked at.
    for pattern, back in ((_GLUE_RES[0], 1), (_GLUE_RES[1], 2)):
        for match in pattern.finditer(text, 0, _HEAD):
            if folded is None:
                folded = fold_aligned(text[: _HEAD + 100])
            at = match.end() - back
            if _label_at(text, folded, at):
                cuts.append(at)
    if not cuts:
        return text
    cuts = sorted(set(cuts))
    parts = [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return "\n".join(parts)


def _split_run_on(line: str) -> str:
    """A one-line notice cut at its labels, then at the joins of its items."""
    if line.count(":") < 3 and len(_GLUED_SENTENCE_RE.findall(line)) < 3:
        return line  # a long paragraph of prose
    labelled = [m.end() for m in _LABEL_COLON_RE.finditer(line)]
    folded = fold_aligned(line)
    labelled = [at for at in labelled if _label_at(line, folded, at)]
    if len(labelled) >= 3:
        parts = [line[i:j].strip() for i, j in zip([0, *labelled], [*labelled, len(line)], strict=True)]
        line = "\n".join(part for part in parts if part)
    joins = [m.end() for m in _ITEM_JOIN_RE.finditer(line)]
    if len(joins) < _MIN_JOINS:
        return line
    parts = [line[i:j].strip() for i, j in zip([0, *joins], [*joins, len(line)], strict=True)]
    # A blank line between the items: each is a paragraph of its own, not a line a PDF wrapped.
    return "\n\n".join(part for part in parts if part)


def _join_open_parentheses(lines: list[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if len(line) < 80 and _OPEN_PAREN_RE.search(line):
            # "Application deadline (" + "midnight local time" + "): 07-Dec-2025"
            for width in (1, 2, 3):
                closing = index + width
                if closing < len(lines) and ")" in lines[closing]:
                    out.append(" ".join(part.strip() for part in lines[index : closing + 1]))
                    index = closing + 1
                    break
            else:
                out.append(line)
                index += 1
            continue
        out.append(line)
        index += 1
    return out


def _split_bar(line: str) -> str:
    """ "Vacancy Number: 250519 | Grade: NATO Grade G19 | Location: Brussels, Belgium": each field on a
    line of its own, where two of the segments or more start with a known label."""
    segments = _BAR_RE.split(line)
    if len(segments) < 2:
        return line
    labelled = 0
    for segment in segments:
        stripped = segment.strip()
        if stripped and _label_at(stripped, fold_aligned(stripped), 0):
            labelled += 1
    return "\n".join(segment.strip() for segment in segments) if labelled >= 2 else line


def repair(text: str) -> str:
    """`text` with glued labels, one-line notices, fields printed on one line between bars and broken
    label parentheses put back into lines."""
    result = text
    if " | " in text:
        result = "\n".join(_split_bar(line) if " | " in line else line for line in text.split("\n"))
    if len(result) >= _RUN_ON_LENGTH and max(map(len, result.split("\n"))) >= _RUN_ON_LENGTH:
        result = "\n".join(
            _split_run_on(line) if len(line) >= _RUN_ON_LENGTH else line for line in result.split("\n")
        )
    result = _unglue_labels(result)
    if "::" in result:
        # "QUALIFICATIONS & EXPERIENCE REQUIRED:: Education:: University degree ...": each "::" ends a
        # field's name, its value follows on the next line.
        result = _DOUBLE_COLON_RE.sub(":\n", result)
    if _BROKEN_PAREN_RE.search(result):
        result = "\n".join(_join_open_parentheses(result.split("\n")))
    return result
