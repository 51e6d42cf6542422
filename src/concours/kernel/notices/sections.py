"""A notice as lines: which are headings, which are bullets, which are "Label: value" pairs, and the
lists that follow a heading or an introducing sentence ("The incumbent must:").

Everything here works line by line on the text as given, so that a notice cut short still yields
whatever it contains before the cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from concours.kernel.notices.vocabulary import HEADINGS, LABELS, alternation, fold, fold_aligned

_HEADING_LOOKUP: dict[str, str] = {fold(name): key for key, names in HEADINGS.items() for name in names}
_NUMBERING = frozenset("0123456789IVX")
_LONGEST_HEADING = max(len(name) for name in _HEADING_LOOKUP)
_HEADING_NUMBER_RE = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.)]?\s+|^(?:\d{1,2}|[IVX]{1,4})[.)]\s*")
_SYMBOL_BULLET_RE = re.compile(r"^[•·▪◦●■○∙‣⁃\*\-–—➢►✓]\s*(?=\S)")
_ORDERED_BULLET_RE = re.compile(
    r"^(?:(?P<number>\(?\d{1,2}[.)])|(?P<letter>\(?[A-Za-z]\)|[A-Z]\.)|(?P<roman>\(?[ivx]{1,4}\)))\s+(?=\S)"
)
_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_LABEL_RE = re.compile(
    rf"^(?:[•*\-]\s*)?(?P<label>{alternation({fold(label) for names in LABELS.values() for label in names})})"
    r"\s*(?:#\s*|n°\s*|no\.?\s*)?(?:(?P<colon>\s*:)|(?P<gap>\s{2,}|\t)|(?P<dash>\s+[-–]\s+)|$)"
)
_LABEL_KEY: dict[str, str] = {fold(label): key for key, names in LABELS.items() for label in names}
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«“\"(])")
_WHITESPACE_RE = re.compile(r"\s+")
_WRAP_WIDTH = 70  # a line at least this long that stops mid-sentence was wrapped, not ended


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` contains one of `words` (plain substring search: far cheaper than a regex scan,
    so it decides whether a costly pattern is worth running at all)."""
    return any(word in text for word in words)


def squash(text: str) -> str:
    """Whitespace folded to single spaces, ends trimmed."""
    return _WHITESPACE_RE.sub(" ", text).strip()


class Line(NamedTuple):
    """One line of a notice, classified once (a tuple: notices have hundreds of lines to build quickly)."""

    number: int
    start: int
    end: int
    text: str
    indent: int
    heading: str | None
    bullet: str | None
    item: str


@dataclass(frozen=True)
class Label:
    """A header label's value, the line of the label, the line the value is on and where that line ends."""

    key: str
    value: str
    at: int
    line: int
    end: int


def _heading(text: str) -> str | None:
    if len(text) > 90:
        return None
    body = (
        (_HEADING_NUMBER_RE.sub("", text, count=1) if text[0] in _NUMBERING else text).rstrip(" :：").strip()
    )
    # Known headings are short; longer ones are written in capitals and caught below.
    key = _HEADING_LOOKUP.get(" ".join(fold_aligned(body).split())) if len(body) <= _LONGEST_HEADING else None
    if key:
        return key
    letters = [c for c in body if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and not body.endswith((".", ";", ",")):
        return "other"
    return None


def _classify(index: int, start: int, raw: str) -> Line:
    text = raw.strip()
    indent = len(raw) - len(raw.lstrip())
    end = start + len(raw)
    symbol = _SYMBOL_BULLET_RE.match(text)
    if symbol and not text.startswith(("--", "-—")):
        return Line(index, start, end, text, indent, None, "symbol", squash(text[symbol.end() :]))
    heading = _heading(text) if text else None
    if heading:
        return Line(index, start, end, text, indent, heading, None, text)
    ordered = _ORDERED_BULLET_RE.match(text)
    if ordered:
        kind = ordered.lastgroup or "number"
        return Line(index, start, end, text, indent, None, kind, squash(text[ordered.end() :]))
    return Line(index, start, end, text, indent, None, None, squash(text) if "  " in text else text)


@dataclass
class Notice:
    """A notice's text split into classified lines, with the lookups the extractors share."""

    text: str
    lines: list[Line] = field(init=False)

    def __post_init__(self) -> None:
        lines: list[Line] = []
        start = 0
        for index, raw in enumerate(self.text.split("\n")):
            lines.append(_classify(index, start, raw))
            start += len(raw) + 1
        self.lines = lines

    @cached_property
    def labels(self) -> dict[str, list[Label]]:
        """Every "Label: value" in the notice, per field, in order."""
        found: dict[str, list[Label]] = {}
        lines = self.lines
        for line in lines:
            if not line.text or len(line.text) > 160:
                continue
            folded = fold_aligned(line.text)
            match = _LABEL_RE.match(folded)
            if match is None:
                continue
            key = _LABEL_KEY.get(" ".join(match.group("label").split()))
            if key is None:
                continue
            value = line.text[match.end() :].strip(" :：\t")
            value_line = line
            if not value:
                if not (match.group("colon") or match.end() == len(folded)):
                    continue
                following = self._next_text_line(line.number)
                if following is None or following.heading not in (None, "other"):
                    continue
                if _LABEL_RE.match(fold_aligned(following.text)):
                    continue
                value_line = following
                value = following.text.lstrip(" :：\t").strip()
            elif match.group("gap") is None and match.group("colon") is None and match.group("dash") is None:
                continue
            if value:
                found.setdefault(key, []).append(
                    Label(key, squash(value), line.number, value_line.number, value_line.end)
                )
        return found

    @cached_property
    def lower(self) -> str:
        """The text in lower case, for the cheap keyword tests that gate the costly patterns."""
        return self.text.lower()

    @cached_property
    def sentences(self) -> list[str]:
        """The notice's sentences (see `sentences()`), computed once for every extractor."""
        return sentences(self.text)

    def sentences_mentioning(self, words: tuple[str, ...]) -> list[str]:
        """The sentences that contain one of `words` (lower case)."""
        present = tuple(word for word in words if word in self.lower)
        if not present:
            return []
        return [
            s for s, low in zip(self.sentences, self.lower_sentences, strict=True) if mentions(low, present)
        ]

    @cached_property
    def lower_sentences(self) -> list[str]:
        """`sentences` in lower case, for keyword tests."""
        return [s.lower() for s in self.sentences]

    def _next_text_line(self, index: int, within: int = 3) -> Line | None:
        for line in self.lines[index + 1 : index + 1 + within]:
            if line.text:
                return line
        return None

    def label(self, key: str) -> Label | None:
        """The first value given under one of `key`'s labels, if any."""
        values = self.labels.get(key)
        return values[0] if values else None

    @cached_property
    def headings(self) -> dict[str, list[int]]:
        """Line numbers of each kind of heading, in order."""
        found: dict[str, list[int]] = {}
        for line in self.lines:
            if line.heading:
                found.setdefault(line.heading, []).append(line.number)
        return found

    @cached_property
    def header_end(self) -> int:
        """The line where the notice's body starts: its first known section heading (not a caps line)."""
        for line in self.lines:
            if line.heading and line.heading != "other":
                return line.number
        return min(len(self.lines), 25)

    def section_lines(self, index: int) -> list[Line]:
        """The lines after heading `index` up to the next heading of a known kind or a caps heading."""
        out: list[Line] = []
        for line in self.lines[index + 1 :]:
            if line.heading and line.heading not in ("essential", "desirable"):
                break
            out.append(line)
        return out

    def items_after(self, index: int, *, intro_lines: int = 2) -> list[Line]:
        """The bulleted list that follows line `index`, after at most `intro_lines` introducing lines.

        One item per bullet; deeper bullets and wrapped lines join the item above them. The list ends at a
        heading, a bullet of another kind, or a paragraph.
        """
        items: list[list[Line]] = []
        kind: str | None = None
        first_indent = 0
        intro = 0
        blank_before = False
        for line in self.lines[index + 1 :]:
            if not line.text:
                blank_before = True
                continue
            if line.heading:
                break
            if line.bullet:
                if kind is None:
                    kind, first_indent = line.bullet, line.indent
                    items.append([line])
                elif items and line.indent > first_indent + 1:
                    items[-1].append(line)
                elif line.bullet == kind:
                    items.append([line])
                else:
                    break
            elif not items:
                if intro >= intro_lines or _URL_RE.match(line.text):
                    break
                intro += 1
            elif not blank_before and _continues(items[-1][-1].item, line.text):
                items[-1].append(line)
            else:
                break
            blank_before = False
        return [_merge(group) for group in items]


def _continues(previous: str, text: str) -> bool:
    return text[:1].islower() or not previous.rstrip().endswith((".", ";", ":", "!", "?"))


def _merge(group: list[Line]) -> Line:
    first, last = group[0], group[-1]
    item = squash(" ".join(line.item for line in group))
    return Line(first.number, first.start, last.end, first.text, first.indent, None, first.bullet, item)


def sentences(text: str) -> list[str]:
    """`text` cut into sentences: after full stops followed by a capital, and at line ends, except where a
    long line without final punctuation was wrapped (PDF text, narrow columns)."""
    paragraphs: list[str] = []
    wrapped = False
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            wrapped = False
            continue
        if wrapped and paragraphs and not _SYMBOL_BULLET_RE.match(line):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        wrapped = len(line) >= _WRAP_WIDTH and not line.endswith((".", ":", ";", "!", "?"))
    return [
        squash(part) for paragraph in paragraphs for part in _SENTENCE_END_RE.split(paragraph) if part.strip()
    ]
