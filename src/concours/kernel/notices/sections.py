"""A notice as lines: which are headings, which are bullets, which are "Label: value" pairs, and the
lists that follow a heading or an introducing sentence ("The incumbent must:").

Everything here works line by line on the text as given, so that a notice cut short still yields
whatever it contains before the cut.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from concours.kernel.notices.vocabulary import HEADINGS, LABELS, alternation, fold, fold_aligned

_HEADING_LOOKUP: dict[str, str] = {fold(name): key for key, names in HEADINGS.items() for name in names}
_NUMBERING = frozenset("0123456789IVX")
# A heading of requirements the lists above do not name: a few words ending with one of these.
_REQUIREMENTS_ENDINGS = (
    "Requirements",
    "REQUIREMENTS",
    "Qualifications",
    "QUALIFICATIONS",
    "Exigences",
    "Criteria",
)
_REQUIREMENTS_HEADING_RE = re.compile(
    r"^[A-ZÀ-Ý][\w’'/&-]*\s+(?:(?:[A-ZÀ-Ý][\w’'/&-]*|of|and|for|the|de|des|du|et)\s+){0,4}"
    r"(?:Requirements|REQUIREMENTS|Qualifications|QUALIFICATIONS|Exigences|Criteria)$"
)
_LONGEST_HEADING = max(len(name) for name in _HEADING_LOOKUP)
_HEADING_NUMBER_RE = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.)]?\s+|^(?:\d{1,2}|[IVX]{1,4})[.)]\s*")
_SYMBOL_BULLET_RE = re.compile(r"^[•·▪◦●■○∙‣⁃\*\-–—➢►✓]\s*(?=\S)")
_ORDERED_BULLET_RE = re.compile(
    r"^(?:(?P<number>\(?\d{1,2}[.)])|(?P<letter>\(?[A-Za-z]\)|[A-Z]\.)|(?P<roman>\(?[ivx]{1,4}\)))\s+(?=\S)"
)
_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_LABEL_NAMES = alternation({fold(label) for names in LABELS.values() for label in names})
_LABEL_RE = re.compile(
    rf"^(?:[•*\-]\s*|#+\s*|\d{{1,2}}[.)]+\s*)?(?P<label>{_LABEL_NAMES})"
    # "Application deadline (midnight Geneva time): ...", "Salaire (Base de paie)"
    r"(?:\s*\([^()\n]{1,40}\))?"
    r"\s*(?:#\s*|n°\s*|no\.?\s*)?(?:(?P<colon>\s*[:：])|(?P<gap>\s{2,}|\t)|(?P<dash>\s+[-–]\s+)|"
    # A value glued to its label ("DEADLINE FOR APPLICATIONS3 September 2025")
    r"(?P<glued>(?=\d))|$)"
)
# Labels written with words of the notice's own before the colon ("Date limite d'envoi des candidatures :",
# "Minimum Net Annual Salary:"): the field is told by the first words.
_WORDY_LABEL_RE = re.compile(
    r"^(?:[•*\-]\s*)?(?:(?P<deadline>deadline|date limite|closing date|cloture|application deadline|"
    r"last day)|(?P<salary>salary|salaire|traitement|remuneration|minimum net|net annual|annual net|"
    r"monthly net|basic salary))[^:：\n]{0,45}?\s*[:：]"
)
_FIRST_WORD_RE = re.compile(r"(?:[•*\-]\s*|#+\s*|\d{1,2}[.)]+\s*)?([a-z]+|n°|#)")
_LABEL_FIRST_WORDS = frozenset(
    [
        *(re.match(r"[a-z]+|n°|#", fold(label)).group() for names in LABELS.values() for label in names),  # type: ignore[union-attr]
        *("deadline", "date", "closing", "cloture", "application", "last", "salary", "salaire", "traitement"),
        *("remuneration", "minimum", "net", "annual", "monthly", "basic"),
    ]
)
_LABEL_KEY: dict[str, str] = {fold(label): key for key, names in LABELS.items() for label in names}
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«“\"(])")
_WRAP_WIDTH = 70  # a line at least this long that stops mid-sentence was wrapped, not ended


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` contains one of `words` (plain substring search: far cheaper than a regex scan,
    so it decides whether a costly pattern is worth running at all)."""
    return any(word in text for word in words)


# re.IGNORECASE matches these with an ASCII letter that str.lower() does not turn into that letter (and
# "İ" lowers to two characters). In a text without them, a case-insensitive match of a literal word is
# exactly an occurrence of the lower-case word in `text.lower()`, at the same offset: substring tests can
# then stand in for costly case-insensitive scans without changing any result.
_CASE_ODDITIES = ("İ", "ı", "ſ")


def may_match(text: str, words: tuple[str, ...], lower: str | None = None) -> bool:
    """False only when no case-insensitive match in `text` can contain one of `words` (lower case, and
    literal in the pattern: every match of the pattern must contain one of them). `lower`: `text.lower()`
    if the caller has it."""
    return mentions(text.lower() if lower is None else lower, words) or mentions(text, _CASE_ODDITIES)


def finditer_at(
    pattern: re.Pattern[str], text: str, haystack: str, starts: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern each match of which begins with one of `starts` as found in
    `haystack` (`text` itself, or its lower case when `len(haystack) == len(text)`): the pattern is tried
    only at those offsets, in order, skipping those inside the previous match as finditer does."""
    offsets: set[int] = set()
    for word in starts:
        at = haystack.find(word)
        while at >= 0:
            offsets.add(at)
            at = haystack.find(word, at + 1)
    end = 0
    for at in sorted(offsets):
        if at >= end:
            match = pattern.match(text, at)
            if match:
                yield match
                end = match.end()


def search_at(pattern: re.Pattern[str], text: str, starts: tuple[str, ...]) -> re.Match[str] | None:
    """`pattern.search(text)` for a pattern each match of which begins with one of `starts` (lower case;
    the pattern may ignore case): see `finditer_at`."""
    if mentions(text, _CASE_ODDITIES):
        return pattern.search(text)
    return next(finditer_at(pattern, text, text.lower(), starts), None)


def squash(text: str) -> str:
    """Whitespace folded to single spaces, ends trimmed."""
    # str.split() and the regex `\s` agree on what whitespace is (both use str.isspace), and split/join
    # is several times faster than a regex substitution: this runs for every line and sentence.
    return " ".join(text.split())


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
    name: str = ""  # the label as written, folded ("vacancy no", "job id")


def _heading(text: str) -> str | None:
    if len(text) > 90:
        return None
    markdown = text[0] == "#"
    if markdown:
        text = text.lstrip("#").strip()  # a Markdown heading: one, whatever its words
        if not text:
            return None
    body = (
        (_HEADING_NUMBER_RE.sub("", text, count=1) if text[0] in _NUMBERING else text).rstrip(" :：").strip()
    )
    # Known headings are short; longer ones are written in capitals and caught below.
    key = (
        _HEADING_LOOKUP.get(" ".join(fold_aligned(body.rstrip(".?:： ")).split()))
        if len(body) <= _LONGEST_HEADING + 2
        else None
    )
    if key is None and body.endswith(")") and "(" in body:
        # "COMPETENCIES (Core / Managerial)": a known heading with a note in brackets.
        key = _HEADING_LOOKUP.get(" ".join(fold_aligned(body[: body.index("(")]).split()))
    if key is None and (" – " in body or " - " in body):
        # "Core Competencies – behavioural indicators level 1", "Values - all staff members must ...": a
        # list's heading with a note after a dash (only these: "Education - Master's degree" is an item).
        head = re.split(r" [–-] ", body, maxsplit=1)[0]
        found = _HEADING_LOOKUP.get(" ".join(fold_aligned(head).split()))
        key = found if found in ("competencies", "values") else None
    if key:
        return key
    if markdown:
        return "other"
    if body.endswith(_REQUIREMENTS_ENDINGS) and len(body) <= 60 and _REQUIREMENTS_HEADING_RE.search(body):
        return "qualifications"  # "General Minimum Requirements", "Field of Expertise Requirements"
    if len(body) <= 70 and body[:1].isupper() and _requirement_words_only(body):
        return "qualifications"  # "Qualifications, Experience and Language skills"
    if body.isascii() and not body.isupper():
        return None  # an ASCII line with a lower-case letter (the test below, at C speed)
    letters = [c for c in body if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and not body.endswith((".", ";", ",")):
        return "other"
    return None


# The words of a heading made only of the names of requirements ("Qualifications, Experience and Language
# skills", "Education, Experience and Skills"), folded; one of the first group must be there.
_REQUIREMENT_NOUNS = frozenset(
    ("qualifications", "qualification", "requirements", "experience", "education", "formation", "exigences")
)
_REQUIREMENT_WORDS = _REQUIREMENT_NOUNS | frozenset(
    ("and", "et", "&", "skills", "skill", "language", "languages", "langues", "linguistiques", "knowledge",
     "connaissances", "competences", "required", "requises", "requis", "minimum", "professional",
     "professionnelle", "work", "academic", "technical", "techniques", "of", "the", "de", "la", "l", "des")
)  # fmt: skip
_HEADING_WORD_RE = re.compile(r"[\w&]+")


def _requirement_words_only(body: str) -> bool:
    words = _HEADING_WORD_RE.findall(fold_aligned(body))
    return (
        2 <= len(words) <= 9
        and all(word in _REQUIREMENT_WORDS for word in words)
        and sum(word in _REQUIREMENT_NOUNS for word in words) >= 2
    )


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
        for line, text in self._label_cells():
            if not text or (len(text) > 160 and ":" not in text[:120]):
                continue  # (a long line is a field only where a colon says so: see below)
            # Only a line whose first word starts a label is tried against the (long) list of labels
            # (the fold is aligned: the opening's folded is the folded line's opening).
            first = _FIRST_WORD_RE.match(fold_aligned(text[:40]))
            if first is None or first.group(1) not in _LABEL_FIRST_WORDS:
                continue
            folded = fold_aligned(text[:200])
            match = _LABEL_RE.match(folded)
            if match is None:
                if ":" not in folded and "：" not in folded:
                    continue
                match = _WORDY_LABEL_RE.match(folded)
                if match is None:
                    continue
                key = match.lastgroup
            else:
                key = _LABEL_KEY.get(" ".join(match.group("label").split()))
            if key is None:
                continue
            wordy = match.re is _WORDY_LABEL_RE
            if len(text) > 160 and not (wordy or match.group("colon")):
                continue  # a long line is a field only where a colon says so ("Closing Date: ... Point of")
            value = text[match.end() :].strip(" :：\t")[:160]
            value_line = line
            if not value:
                if text is not line.text:
                    continue  # an empty cell of a bar row
                if not (wordy or match.group("colon") or match.end() == len(folded)):
                    continue
                following = self._next_text_line(line.number)
                if following is None or following.heading not in (None, "other"):
                    continue
                folded_next = fold_aligned(following.text)
                if _LABEL_RE.match(folded_next) or _WORDY_LABEL_RE.match(folded_next):
                    continue
                value_line = following
                value = following.text.lstrip(" :：\t").strip()
            elif not wordy and not (
                match.group("gap") or match.group("colon") or match.group("dash") or match.start("glued") >= 0
            ):
                continue
            if value:
                name = " ".join(match.group("label").split()) if not wordy else ""
                found.setdefault(key, []).append(
                    Label(key, squash(value), line.number, value_line.number, value_line.end, name)
                )
        return found

    def _label_cells(self) -> Iterator[tuple[Line, str]]:
        """Each line, and in a job board's bar row ("Grade: P3 | Duty Station: Geneva | Deadline: ..."), each
        of its cells after the first: where labels start. The line's own value stops at its first bar only
        where a later cell is a field of its own."""
        for line in self.lines:
            if " | " not in line.text or ":" not in line.text:
                yield line, line.text
                continue
            cells = line.text.split(" | ")
            labelled = [cell for cell in cells[1:] if _LABEL_RE.match(fold_aligned(cell.strip()[:200]))]
            if not labelled:
                yield line, line.text
                continue
            yield line, cells[0]
            for cell in labelled:
                yield line, cell.strip()

    @cached_property
    def lower(self) -> str:
        """The text in lower case, for the cheap keyword tests that gate the costly patterns."""
        return self.text.lower()

    @cached_property
    def _case_odd(self) -> bool:
        return mentions(self.text, _CASE_ODDITIES)

    def may_match(self, words: tuple[str, ...]) -> bool:
        """`may_match()` on the whole text, with the cached lower-case text."""
        return self._case_odd or mentions(self.lower, words)

    def lines_mentioning(self, words: tuple[str, ...]) -> list[Line]:
        """The lines whose lower case contains one of `words` (lower case, no newline, no space at either
        end), in order: found
        with str.find in the lower-case text rather than by lowering and testing every line."""
        if self._case_odd:  # ("İ" lowers to two characters: offsets in `lower` would drift)
            return [line for line in self.lines if mentions(line.text.lower(), words)]
        lower = self.lower
        starts = self._line_starts
        hits: set[int] = set()
        for word in words:
            at = lower.find(word)
            while at >= 0:
                index = bisect_right(starts, at) - 1
                hits.add(index)
                at = lower.find(word, starts[index + 1]) if index + 1 < len(starts) else -1
        return [self.lines[i] for i in sorted(hits)]

    @cached_property
    def _line_starts(self) -> list[int]:
        return [line.start for line in self.lines]

    def finditer(self, pattern: re.Pattern[str], starts: tuple[str, ...]) -> Iterator[re.Match[str]]:
        """`pattern.finditer(self.text)`, for a pattern each match of which begins with one of `starts`
        (lower case; the pattern may or may not ignore case).

        An alternation of words has no literal head for the regex engine to skip to, so a scan tries
        every branch at every offset of the text. Trying the pattern only where one of its start words
        is (a few offsets, found with str.find) gives the same matches for a fraction of the cost.
        """
        if self._case_odd:
            return pattern.finditer(self.text)
        return finditer_at(pattern, self.text, self.lower, starts)

    def search(self, pattern: re.Pattern[str], starts: tuple[str, ...]) -> re.Match[str] | None:
        """`pattern.search(self.text)`, for a pattern each match of which begins with one of `starts`."""
        return next(self.finditer(pattern, starts), None)

    @cached_property
    def sentences(self) -> list[str]:
        """The notice's sentences (see `sentences()`), computed once for every extractor."""
        return sentences(self.text)

    def sentences_mentioning(self, words: tuple[str, ...]) -> list[str]:
        """The sentences that contain one of `words` (lower case)."""
        present = [word for word in words if word in self.lower]
        if not present:
            return []
        # Every occurrence of each word in the sentences joined into one string (str.find, at C speed),
        # mapped back to its sentence: far cheaper than a test per sentence and word, and this runs for
        # every extractor that reads prose. Sentences hold no newline (they are squashed), so a word
        # found in the joined string lies inside one sentence.
        joined, starts = self._joined_sentences
        hits: set[int] = set()
        for word in present:
            at = joined.find(word)
            while at >= 0:
                index = bisect_right(starts, at) - 1
                hits.add(index)
                # On to the next sentence: one hit per sentence is enough.
                at = joined.find(word, starts[index + 1]) if index + 1 < len(starts) else -1
        every = self.sentences
        return [every[i] for i in sorted(hits)]

    @cached_property
    def _joined_sentences(self) -> tuple[str, list[int]]:
        """`lower_sentences` joined by newlines, and where each sentence starts in that string."""
        starts: list[int] = []
        at = 0
        for low in self.lower_sentences:
            starts.append(at)
            at += len(low) + 1
        return "\n".join(self.lower_sentences), starts

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
    out: list[str] = []
    for paragraph in paragraphs:
        # A sentence ends inside a paragraph only at a [.!?] before its last character: most paragraphs
        # (one bullet, one line) have none, and skip the split's scan.
        body = paragraph[:-1]
        if "." in body or "!" in body or "?" in body:
            out.extend(squash(part) for part in _SENTENCE_END_RE.split(paragraph) if part.strip())
        elif paragraph.strip():
            out.append(squash(paragraph))
    return out
