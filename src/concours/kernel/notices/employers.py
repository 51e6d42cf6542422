"""Which organisation publishes a notice, and which of its bodies employs: from the reference list of
employers (kernel/reference/data/organisations.json), every one found by any of its names.

A name is found as whole words. A word written with a capital in the reference must have one in the
notice ("International Staff" is NATO's, "international staff" is anyone's), and an acronym must be
written exactly ("WHO", not "who"). An acronym in a run of capitals ("WHY JOIN WFP?", "NATO
UNCLASSIFIED") is a heading's word and does not count.

The organisation is the one whose names (its own and its bodies') the notice uses most, a name in an
"Organization:", "NATO Body:" or "Host entity:" field counting most; the body is, within it, the
employer named most often, the more specific one winning a tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import NamedTuple

from concours.kernel.notices.sections import Notice, finditer_at, squash
from concours.kernel.notices.vocabulary import fold_aligned
from concours.kernel.reference.organisations import Employer, employer_named, employers

_TOKEN_RE = re.compile(r"\w+|&")
# (No look-behind for a word's start: tried at every offset, it would triple the cost. A match inside a
# word, "iPhone" -> "Phone", is told apart where it is found again: see _find_word.)
_CAPITALISED_RE = re.compile(r"[A-ZÀ-ÖØ-Þ]\w*")
_READ = 8000
_LABEL_WEIGHT = 6
_HEADER_WEIGHT = 2


@dataclass(frozen=True, slots=True)
class _Name:
    words: tuple[str, ...]  # folded
    exact: tuple[bool, ...]  # the word must be written as here (an acronym)
    capital: tuple[bool, ...]  # the word must start with a capital
    acronym: bool  # a one-word name in capitals
    employer: Employer


@cache
def _names() -> dict[str, tuple[_Name, ...]]:
    """Every name of every employer, by its first folded word, longest first."""
    found: dict[str, list[_Name]] = {}
    for employer in employers():
        for name in {employer.name, *employer.names}:
            written = _TOKEN_RE.findall(name)
            if not written:
                continue
            words = tuple(fold_aligned(word) for word in written)
            exact = tuple(len(word) >= 2 and word.isupper() for word in written)
            capital = tuple(word[:1].isupper() for word in written)
            entry = _Name(words, exact, capital, len(written) == 1 and exact[0], employer)
            found.setdefault(words[0], []).append(entry)
    return {word: tuple(sorted(names, key=lambda n: -len(n.words))) for word, names in found.items()}


class Mention(NamedTuple):
    """An employer named in the text: which and where (a tuple: a notice has dozens, built quickly)."""

    employer: Employer
    start: int
    end: int


def mentions(text: str) -> list[Mention]:
    """Every employer `text` names, in order; where names overlap, the longest ("UN Women", not "UN")."""
    if not text:
        return []
    table, seconds = _names(), _second_words()
    found: list[Mention] = []
    done = 0
    # Every name starts with a capital: only capitalised words are looked up (a fraction of the words,
    # found at C speed), and a name's further words are read only where the next word can continue one.
    written = _first_words_as_written()
    cursor = 0
    for word in [word for word in _CAPITALISED_RE.findall(text) if word in written]:
        # (The few capitalised words that can start a name are found again, in order, with str.find.)
        start, whole = _find_word(text, word, cursor)
        if start < 0:
            continue
        end = cursor = start + len(word)
        if start < done or not whole:
            continue
        key = word.lower() if word.isascii() else fold_aligned(word)
        candidates = table[key]
        after = _NEXT_TOKEN_RE.match(text, end)
        second = fold_aligned(after.group(1)) if after is not None else None
        if second is not None and second in seconds.get(key, ()):
            longest = len(candidates[0].words)
            tokens = [m.span() for m in islice(_TOKEN_RE.finditer(text, start, start + 160), longest + 1)]
            words = [fold_aligned(text[a:b]) for a, b in tokens]
        else:
            candidates = _singles(key)
            tokens = [(start, end)] if after is None else [(start, end), after.span(1)]
            words = [key]
        for name in candidates:
            size = len(name.words)
            if len(words) < size or tuple(words[:size]) != name.words:
                continue
            if not (_written_as(text, tokens, 0, name) and _on_one_line(text, tokens, 0, size)):
                continue
            name_end = tokens[size - 1][1]
            if not (name.acronym and _in_capitals(text, tokens, start, size)):
                found.append(Mention(name.employer, start, name_end))
            done = name_end
            break
    return found


@cache
def _singles(first: str) -> tuple[_Name, ...]:
    """The one-word names among those starting with `first`."""
    return tuple(name for name in _names().get(first, ()) if len(name.words) == 1)


@cache
def _first_words_as_written() -> frozenset[str]:
    """Every way the first word of a name may be written in a notice: as in the reference, in capitals,
    capitalised (the names' first words all start with a capital)."""
    found: set[str] = set()
    for employer in employers():
        for name in (employer.name, *employer.names):
            words = _TOKEN_RE.findall(name)
            if words:
                first = words[0]
                found.update((first, first.upper(), first[:1].upper() + first[1:]))
    return frozenset(found)


def _find_word(text: str, word: str, start: int) -> tuple[int, bool]:
    """Where the next match of _CAPITALISED_RE that is `word` is in `text` from `start`, and whether it
    is a whole word (not the end of one: "iPhone", "R&D"); (-1, False) if there is none."""
    at = text.find(word, start)
    size = len(text)
    while at >= 0:
        end = at + len(word)
        if end == size or not (text[end].isalnum() or text[end] == "_"):
            # A match of the pattern unless a capital comes before it in the same word.
            run = at
            while run > 0 and (text[run - 1].isalnum() or text[run - 1] == "_"):
                if _capital(text[run - 1]):
                    break
                run -= 1
            if run == 0 or not _capital(text[run - 1]):
                return at, run == at and (at == 0 or text[at - 1] != "&")
        at = text.find(word, at + 1)
    return -1, False


def _capital(char: str) -> bool:
    """Whether `char` is in _CAPITALISED_RE's first class."""
    return "A" <= char <= "Z" or "À" <= char <= "Ö" or "Ø" <= char <= "Þ"


@cache
def _second_words() -> dict[str, frozenset[str]]:
    """For each first word of a name, the words that follow it in the longer names."""
    found: dict[str, set[str]] = {}
    for first, names in _names().items():
        for name in names:
            if len(name.words) > 1:
                found.setdefault(first, set()).add(name.words[1])
    return {first: frozenset(words) for first, words in found.items()}


def _written_as(text: str, tokens: list[tuple[int, int]], index: int, name: _Name) -> bool:
    for offset, (exact, capital) in enumerate(zip(name.exact, name.capital, strict=True)):
        start, end = tokens[index + offset]
        word = text[start:end]
        if exact:
            if not word.isupper():
                return False
        elif capital and not word[:1].isupper():
            return False
    return True


def _on_one_line(text: str, tokens: list[tuple[int, int]], index: int, size: int) -> bool:
    return size == 1 or "\n" not in text[tokens[index][0] : tokens[index + size - 1][1]]


def _capital_word(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word.isupper() and fold_aligned(word) not in _names()


_NEXT_TOKEN_RE = re.compile(r"[^\w&]{0,10}?(\w+|&)")
_PUNCTUATION = "()[]{},.;:!?\"'’“”«»-–/"


def _in_capitals(text: str, tokens: list[tuple[int, int]], start: int, size: int) -> bool:
    """Whether the acronym at `start` sits in a run of capitals on its line (a heading's words)."""
    before = text[max(0, start - 40) : start]
    words = before[before.rfind("\n") + 1 :].split()
    if words and _capital_word(words[-1].strip(_PUNCTUATION)):
        return True
    if len(tokens) > size:
        after = tokens[size]
        if "\n" not in text[tokens[size - 1][1] : after[0]] and _capital_word(text[after[0] : after[1]]):
            return True
    return False


# Bodies notices name that no list can hold: an EU agency or an OSCE field operation, as written.
_WRITTEN_BODY_RES = (
    (
        re.compile(
            r"European Union Agency for [A-Z][\w-]*(?: (?:and |for |of |the )?[A-Z][\w-]*)*"
            r"(?: \([A-Z]{3,8}\))?|European [A-Z][\w-]+(?: [A-Z][\w-]+)* Agency(?: \([A-Z]{3,8}\))?"
        ),
        "European Union",
        ("European ",),
    ),
    (
        re.compile(
            # "OSCE Mission to Bosnia and Herzegovina", "OSCE Programme Office in Dushanbe"
            r"OSCE (?:Mission|Programme Office|Presence|Office|Project Co-ordinator) (?:to|in) (?:the )?"
            r"[A-Z][a-z]+(?: (?:and |of )?[A-Z][a-z]+)*|"
            r"Mission de l['’]OSCE (?:en|au|aux|à) [A-Z][\w-]+"
        ),
        "OSCE",
        ("OSCE ", "Mission de l"),
    ),
)


def _written_bodies(text: str, known: list[Mention]) -> list[tuple[str, str, int, int]]:
    """(organisation, body as written, start, end) for the bodies the patterns above find and the list
    does not name."""
    found = []
    for pattern, organisation, starts in _WRITTEN_BODY_RES:
        if not any(start in text for start in starts):
            continue
        for match in finditer_at(pattern, text, text, starts):
            if any(m.start <= match.start() < m.end and m.employer.parent is not None for m in known):
                continue  # a listed body ("European Medicines Agency"; not "OSCE" in "OSCE Mission to")
            found.append((organisation, squash(match.group()), match.start(), match.end()))
    return found


@dataclass
class Employers:
    """The organisation, the body, and where the evidence for each ends."""

    organisation: str | None = None
    organisation_end: int = 0
    body: str | None = None
    body_end: int = 0


def find_employers(notice: Notice) -> Employers:
    """The notice's organisation and its employing body (None where the text names none)."""
    text = notice.text
    for label in notice.labels.get("body", []):
        # "NATO Body: International Military Staff (NATO IMS)", "Organization: UNICEF - United Nations
        # Children's Fund": a field that names a body says who employs, and so whose organisation.
        named = [mention.employer for mention in mentions(label.value)]
        if named and all(employer is named[0] for employer in named) and named[0].parent is not None:
            return Employers(named[0].root.name, label.end, named[0].name, label.end)
    # The opening of a notice names its employers as often as the rest does (the counts only rank them).
    found = mentions(text[:_READ])
    labelled_lines = {
        label.line: label for key in ("body", "division") for label in notice.labels.get(key, [])
    }
    header_end = notice.lines[min(notice.header_end, len(notice.lines) - 1)].end if notice.lines else 0
    weights: dict[Employer, int] = {}
    first: dict[Employer, int] = {}
    ends: dict[Employer, int] = {}
    line_starts = [line.start for line in notice.lines]
    for mention in found:
        weight = 1
        number = _line_of(line_starts, mention.start)
        line_label = labelled_lines.get(number)
        if line_label is not None:
            weight = _LABEL_WEIGHT if line_label.key == "body" else _HEADER_WEIGHT
        elif mention.start < header_end:
            weight = _HEADER_WEIGHT
        employer = mention.employer
        weights[employer] = weights.get(employer, 0) + weight
        first.setdefault(employer, mention.start)
        ends[employer] = max(ends.get(employer, 0), mention.end)
    written = _written_bodies(text, found)
    result = Employers()
    roots: dict[Employer, int] = {}
    for employer, weight in weights.items():
        roots[employer.root] = roots.get(employer.root, 0) + weight
    for organisation_name, _, _, _ in written:
        root = employer_named(organisation_name)
        if root is not None:
            roots[root] = roots.get(root, 0) + 1
            first.setdefault(root, len(text))
    if not roots:
        return result
    organisation = max(roots, key=lambda root: (roots[root], -first.get(root, len(text))))
    result.organisation = organisation.name
    result.organisation_end = first.get(organisation, 0)
    bodies = [e for e in weights if e is not organisation and e.root is organisation]
    if bodies:
        body = max(bodies, key=lambda e: (weights[e], e.depth, -first[e]))
        result.body, result.body_end = body.name, ends[body]
    else:
        for organisation_name, as_written, _, end in written:
            if organisation_name == organisation.name:
                result.body, result.body_end = as_written, end
                break
    return result


def _line_of(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def names_employer(text: str) -> bool:
    """Whether `text` is, as a whole, the name of an employer ("International Atomic Energy Agency")."""
    found = mentions(text)
    if not found:
        return False
    rest = text
    for mention in reversed(found):
        rest = rest[: mention.start] + rest[mention.end :]
    return not re.search(r"\w{2,}", re.sub(r"\b(?:the|The|de|du|des|la|le|l)\b", "", rest))
