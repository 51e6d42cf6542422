"""The panel's copy of an essay: the same document without the candidate's identity or the file's metadata.

`anonymise` works on the package's XML so that the layout (and so the page count) stays the candidate's:
the core, extended and custom properties are emptied and the thumbnail dropped; every author of a
comment or a tracked change becomes the candidate code; and, in the text, the comments, headers,
footers, notes, text boxes, link targets and pictures' descriptions alike:

- e-mail addresses, whole (also written "name [at] domain [dot] org"), read `EMAIL_PLACEHOLDER`;
- telephone numbers (international, with a trunk 0, or North American) read `PHONE_PLACEHOLDER`;
- the caller's extra terms (the candidate's e-mail, phone, employers, universities) read a placeholder;
- each of the candidate's names (each part of at least two letters) reads the candidate code.

Names and terms are compared folded: case, accents (composed, decomposed or left out), "ue" for "ü",
"ss" for "ß", and the runs, line breaks, tabs and hyphens Word splits or joins them with are all
ignored. Particles ("de", "van", "al") count only next to another part of the name, so that "de" alone
is left in a French sentence. Pictures are left as they are: a name inside an image cannot be found
this way.

The XML was checked with defusedxml by `safety.open_package` before this module parses it again with
lxml, which keeps namespace prefixes as Word wrote them (ElementTree would rename them and break the
`mc:Ignorable` declarations Word relies on); the lxml parser still resolves no entity and loads no DTD.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from lxml import etree
from pypdf import PdfReader, PdfWriter

from concours.kernel.essays.render import Renderer
from concours.kernel.essays.safety import CONTENT_TYPES, DEFAULT_LIMITS, Limits, Package, open_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
VML_O = "{urn:schemas-microsoft-com:office:office}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Bracketed so the panel sees something was taken out; words that read the same in English and French.
EMAIL_PLACEHOLDER = "[e-mail]"
PHONE_PLACEHOLDER = "[tel.]"
TERM_PLACEHOLDER = "[…]"

_CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)
_CUSTOM = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_THUMBNAIL = "/metadata/thumbnail"
_AUTHOR_ATTRIBUTES = (f"{W}author", f"{W15}author")

# Text that Word splits into runs: each kind is joined per paragraph before anything is looked for.
_PARAGRAPHS = (f"{W}p", f"{A}p")
_STREAMS = (f"{W}t", f"{W}delText", f"{W}instrText", f"{A}t", f"{M}t")
# What a run shows between its texts: a name broken by one of these is still one name.
_SEPARATORS = {
    f"{W}br": "\n",
    f"{W}cr": "\n",
    f"{W}tab": "\t",
    f"{W}ptab": "\t",
    f"{W}sym": " ",
    f"{W}noBreakHyphen": "\u2011",
    f"{W}softHyphen": "\u00ad",
    f"{A}br": "\n",
}
_SEPARATED_STREAMS = (f"{W}t", f"{W}delText", f"{A}t", f"{M}t")
_PRESERVES_SPACE = (f"{W}t", f"{W}delText", f"{W}instrText", f"{M}t")

# Attributes that hold words a person wrote (pictures' names, tooltips, field codes, link targets);
# others (fonts, styles, sizes) are left alone, or a candidate called Georgia would change the layout.
_TEXT_ATTRIBUTES = frozenset(
    {"descr", "title", f"{VML_O}title", "alt", "string", "tooltip", f"{W}tooltip", f"{W}instr", f"{W}ed"}
)
_URL_ATTRIBUTES = frozenset({"href", f"{VML_O}href"})
# Elements whose w:val is free text: document variables, content-control titles, form fields, tags.
_TEXT_VALUES = frozenset(
    f"{W}{name}"
    for name in ("docVar", "alias", "tag", "attr", "default", "statusText", "helpText", "listEntry")
)
_URL_SAFE = ":/?#[]@!$&'()*+,;=~"


def anonymise(
    docx: bytes,
    *,
    names: Iterable[str],
    candidate_code: str,
    replacement: str | None = None,
    extra_terms: Iterable[str] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> bytes:
    """A copy of `docx` without metadata, contact details, `extra_terms` or mentions of `names`.

    Names read `replacement` (by default the candidate code); e-mail addresses and telephone numbers
    read `EMAIL_PLACEHOLDER` and `PHONE_PLACEHOLDER`; the other extra terms (employers, universities)
    read `TERM_PLACEHOLDER`.
    """
    package = open_package(docx, limits=limits)  # safety first, whoever calls this
    redactor = Redactor(
        names=names,
        replacement=candidate_code if replacement is None else replacement,
        extra_terms=extra_terms,
    )
    emptied = _property_parts(package)
    dropped = {name for name in package.related("", _THUMBNAIL) if name in package.parts}
    xml_names = set(package.xml_names())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in [CONTENT_TYPES, *(n for n in package.parts if n != CONTENT_TYPES)]:
            if name in dropped:
                continue
            data = package.parts[name]
            if name in emptied:
                data = _DECLARATION + emptied[name].encode()
            elif name in xml_names:
                data = _anonymise_xml(data, redactor, candidate_code, dropped)
            archive.writestr(name, data)
    return out.getvalue()


def anonymised_pdf(
    docx: bytes,
    names: Iterable[str],
    candidate_code: str,
    renderer: Renderer,
    *,
    extra_terms: Iterable[str] = (),
) -> bytes:
    """The anonymised essay rendered to PDF, with the PDF's own metadata reduced to the candidate code."""
    anonymous = anonymise(docx, names=names, candidate_code=candidate_code, extra_terms=extra_terms)
    return strip_pdf_metadata(renderer.render_pdf(anonymous), title=candidate_code)


def redact_text(
    text: str, *, names: Iterable[str] = (), replacement: str, extra_terms: Iterable[str] = ()
) -> str:
    """`text` as `anonymise` leaves it: names read `replacement`, contact details their placeholders."""
    return Redactor(names=names, replacement=replacement, extra_terms=extra_terms).text(text)


def strip_pdf_metadata(pdf: bytes, *, title: str) -> bytes:
    """`pdf` with no author, creator or XMP packet; its title set to `title`."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.metadata = None
    root = writer.root_object
    if "/Metadata" in root:
        del root["/Metadata"]
    writer.add_metadata({"/Title": title, "/Producer": "Concours"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Folding: the form in which names, terms, addresses and numbers are looked for -----------------

# Letters that Unicode does not decompose but people write without their stroke or as two letters.
_LETTERS = {
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
}
# German and Nordic spellings without the letter: "Mueller" for "Müller", "Soeren" for "Søren".
_E_FORMS = {"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"}


@functools.lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One character as it is compared: no case, no accent; invisible ones (soft hyphen, ZWSP) empty."""
    if unicodedata.category(char) == "Cf":
        return ""
    folded = []
    for base in unicodedata.normalize("NFKD", char):
        for lower in base.casefold():
            if unicodedata.category(lower) not in ("Mn", "Me"):
                folded.append(_LETTERS.get(lower, lower))
    return "".join(folded)


def fold(text: str) -> str:
    """`text` without case, accents or invisible characters ("JOSE\u0301" -> "jose")."""
    return "".join(_fold_char(char) for char in text)


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` folded, and for each folded character the index of the character it came from."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), origin


# --- Rules --------------------------------------------------------------------------------------------


Spans = Callable[[str], Iterable[tuple[int, int]]]


@dataclass(frozen=True)
class Rule:
    """What to look for in folded text (a function giving spans) and what each span becomes."""

    find: Spans
    replacement: str


def _matches(pattern: re.Pattern[str]) -> Spans:
    """The spans of `pattern`'s non-empty matches."""

    def find(text: str) -> Iterable[tuple[int, int]]:
        return (match.span() for match in pattern.finditer(text) if match.end() > match.start())

    return find


_WORD_START = r"(?<![^\W_])"  # an underscore separates words too: file names are Jose_Muller.png
_WORD_END = r"(?![^\W_])"
# A name ends where letters do: "Muller2024.pdf", "jmuller85" are the name too.
_NAME_START = r"(?<![^\W\d_])"
_NAME_END = r"(?![^\W\d_])"
_NAME_SEPARATOR = r"[\s_\-\u2010-\u2015]++"
_NAME_SPLIT = re.compile(r"[\s\-\u2010-\u2015,.;:()'’_/]+")
_PARTICLES = frozenset(
    {"af", "al", "av", "bin", "bint", "da", "das", "de", "del", "dei", "della", "der", "des", "di", "do"}
    | {"dos", "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von", "zu"}
)

# Possessive quantifiers throughout: an essay is untrusted text, and no pattern may backtrack
# exponentially on a long run of digits or letters.
_LOCAL_CHAR = r"[\w!#$%&*+=?^{|}~-]"
_LOCAL = rf"{_LOCAL_CHAR}[\w'!#$%&*+=?^{{|}}~-]*+(?:\.{_LOCAL_CHAR}[\w'!#$%&*+=?^{{|}}~-]*+)*+"
_LABEL = r"[^\W_][\w-]*+(?<!-)"


def _spelled(*words: str) -> str:
    return rf"\s*+[\[({{<]\s*+(?:{'|'.join(words)})\s*+[\])}}>]\s*+"


_AT = rf"(?:\s?@\s?|{_spelled('at', 'arobase')})"
_DOT = rf"(?:\.|{_spelled('dot', 'point', 'punkt')}|\s++dot\s++)"
_EMAIL = re.compile(
    rf"(?<![\w.+-]){_LOCAL}(?:{_spelled('dot', 'point', 'punkt')}{_LOCAL})*+{_AT}{_LABEL}(?:{_DOT}{_LABEL})++"
    r"(?![\w-])"
)

# A chain of digit runs, each gap one separator or a bracket ("+33 (0)1 23", "(0032) 470-12"); which
# part of a chain is a telephone number is then decided by `_phone_spans`, not by backtracking.
_PHONE_CHAIN = re.compile(
    r"(?<![^\W_])(?<!\+)(?:\+ ?|\(\+? ?)?\d++(?:\)?[ .\-/\u2010]?\(?\d++)*+\)?(?![^\W_])"
)
_NANP = re.compile(r"(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .\-\u2010])\d{3}[ .\-\u2010]\d{4}")
_DATE = re.compile(r"(?<!\d)\d{1,2}([./\-])\d{1,2}\1(?:19|20)\d{2}(?!\d)")
_MOST_RUNS = 12
# Country codes and area codes never start with 0: "1 000 000 000" holds no number "000 000 000".
_INTERNATIONAL = re.compile(r"\(?(?:\+ ?|00 ?)[1-9]")
_TRUNK = re.compile(r"\(?0[1-9]")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}([ .])\d{3}(?:\1\d{3})*")  # "10 050 000", "2.500.000"
_PHONE_SEP = r"[ .\-/\u2010]"


def _is_phone(text: str) -> bool:
    """Whether `text` (folded) is one telephone number: international with 8 to 15 digits, national
    with a trunk 0 and 9 to 11 (not a date followed by a count, "01.05.2025 10"), or North American."""
    digits = sum(char.isdigit() for char in text)
    if _INTERNATIONAL.match(text):
        return 8 <= digits - (2 if text.lstrip("(").startswith("00") else 0) <= 15
    if _TRUNK.match(text):
        return 9 <= digits <= 11 and not _DATE.search(text)
    return _NANP.fullmatch(text) is not None


def _phone_spans(text: str) -> Iterable[tuple[int, int]]:
    """The telephone numbers in `text`: in each chain of digit runs, the longest number from the left
    that starts and ends at the chain's ends or at a space ("1) 0470 12 34 56", "in 2019 0470 ...")."""
    for chain in _PHONE_CHAIN.finditer(text):
        found = chain.group()
        if _THOUSANDS.fullmatch(found):
            continue
        runs = [run.span() for run in re.finditer(r"\d+", found)]
        last = len(runs) - 1
        spaced = [" " in found[runs[i][1] : runs[i + 1][0]] for i in range(last)]
        first = 0
        while first <= last:
            if first and not spaced[first - 1]:
                first += 1
                continue
            start = 0 if first == 0 else runs[first][0] - (found[runs[first][0] - 1] in "+(")
            stop = None
            for i in range(min(last, first + _MOST_RUNS - 1), first - 1, -1):
                end = runs[i][1]
                if found[end:] == ")" and found.count("(", start, end) > found.count(")", start, end):
                    end += 1  # a closing bracket only when the number opened one
                if (i == last or spaced[i]) and _is_phone(found[start:end]):
                    stop = i
                    break
            if stop is None:
                first += 1
                continue
            yield chain.start() + start, chain.start() + end
            first = stop + 1


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda word: (-len(word), word)))


def _spellings(text: str) -> set[str]:
    """`text` folded as written, and with "ue" for "ü" (and so on) when it has such a letter."""
    lower = unicodedata.normalize("NFC", text).lower()
    spellings = {fold(text)}
    if any(char in _E_FORMS for char in lower):
        spellings.add(fold("".join(_E_FORMS.get(char, char) for char in lower)))
    return spellings


def _name_spellings(part: str) -> set[str]:
    """A name part's spellings; a profile's "Mueller" also finds "Müller" (folded "muller")."""
    spellings = _spellings(part)
    plain = re.sub(r"([aou])e", r"\1", fold(part))
    if len(plain) >= 4:  # "Noe" must not become "no"
        spellings.add(plain)
    return spellings


def _names_rule(names: Iterable[str], replacement: str) -> Rule | None:
    """The rule for the candidate's name parts (≥ 2 letters), a run of them counting as one mention."""
    main: set[str] = set()
    particles: set[str] = set()
    for name in names:
        parts = [part for part in _NAME_SPLIT.split(name) if sum(char.isalpha() for char in part) >= 2]
        only_particles = all(fold(part) in _PARTICLES for part in parts)
        for part in parts:
            kind = particles if fold(part) in _PARTICLES and not only_particles else main
            kind.update(_name_spellings(part))
    if not main:
        return None
    # An initial glued to a longer part is how logins and handles are made ("jmuller"); shorter parts
    # would turn ordinary words into names ("a" + "li").
    initials = "".join(sorted({re.escape(spelling[0]) for spelling in main if spelling[0].isalpha()}))
    long = [spelling for spelling in main if len(spelling) >= 4]
    glued = f"[{initials}](?:{_alternation(long)})|" if initials and long else ""
    one = f"(?:{glued}{_alternation(main)}){_NAME_END}"
    particle = f"{_NAME_START}(?:{_alternation(particles)}){_NAME_SEPARATOR}" if particles else ""
    # A run starts at a main part (so a page of "de la" costs nothing); particles before it are
    # added by looking back a little.
    run = re.compile(f"{_NAME_START}{one}(?:{_NAME_SEPARATOR}(?:{particle})*{one})*")
    before = re.compile(f"(?:{particle})+\\Z") if particles else None

    def find(text: str) -> Iterable[tuple[int, int]]:
        previous = 0
        for match in run.finditer(text):
            start = match.start()
            lead = before.search(text, max(previous, start - 80), start) if before else None
            yield (lead.start() if lead else start), match.end()
            previous = match.end()

    return Rule(find, replacement)


def _phone_term(digits: str) -> str:
    """A telephone number however it is written: with or without country code or trunk 0, any grouping."""
    digits = digits.removeprefix("00")
    national = set()
    for skip in range(4):  # the country code has one to three digits, and the term may have none
        rest = digits[skip:].lstrip("0")
        if len(rest) >= 7:
            national.add(rest)
    between = r"[ .\-/\u2010()]?"
    alternatives = "|".join(between.join(number) for number in sorted(national, key=len, reverse=True))
    sep = _PHONE_SEP + "?"
    prefix = rf"(?:(?:\+|\(?00) ?\d{{1,3}}\)?{sep}(?:\(0\){sep})?|\(?0\)?{sep})?"
    return rf"(?<![\d+]){prefix}(?:{alternatives})(?!\d)"


def _term_rules(terms: Iterable[str]) -> list[Rule]:
    """Rules for the caller's extra terms: e-mail addresses, telephone numbers, then phrases."""
    addresses: list[str] = []
    phones: list[str] = []
    phrases: set[str] = set()
    for term in terms:
        folded = fold(term).strip()
        digits = re.sub(r"\D", "", folded)
        if _EMAIL.fullmatch(folded):
            addresses.append(re.escape(folded))
            local = folded.split("@", 1)[0]
            # A personal handle ("jmuller1985") identifies alone; "contact" or "info" would not.
            if len(local) >= 5 and re.search(r"[\d._-]", local):
                phrases.add(local)
        elif len(digits) >= 7 and re.fullmatch(r"[\d\s+().\-/\u2010]+", folded):
            phones.append(_phone_term(digits))
        else:
            phrases.update(_spellings(term))
    rules = []
    if addresses:
        rules.append(Rule(_matches(re.compile("|".join(addresses))), EMAIL_PLACEHOLDER))
    if phones:
        rules.append(Rule(_matches(re.compile("|".join(phones))), PHONE_PLACEHOLDER))
    words = [
        r"[\W_]{1,5}".join(re.escape(token) for token in tokens)
        for phrase in phrases
        if (tokens := [token for token in re.split(r"[\W_]+", phrase) if token])
        and sum(len(token) for token in tokens) >= 2
    ]
    if words:
        alternatives = "|".join(sorted(words, key=len, reverse=True))
        pattern = re.compile(f"{_WORD_START}(?:{alternatives}){_WORD_END}")
        rules.append(Rule(_matches(pattern), TERM_PLACEHOLDER))
    return rules


class Redactor:
    """Every rule for one candidate, in order: addresses and numbers before the names they contain."""

    def __init__(self, *, names: Iterable[str], replacement: str, extra_terms: Iterable[str] = ()) -> None:
        terms = _term_rules(extra_terms)
        addresses = [rule for rule in terms if rule.replacement == EMAIL_PLACEHOLDER]
        phones = [rule for rule in terms if rule.replacement == PHONE_PLACEHOLDER]
        phrases = [rule for rule in terms if rule.replacement == TERM_PLACEHOLDER]
        named = _names_rule(names, replacement)
        self.rules: list[Rule] = [
            Rule(_matches(_EMAIL), EMAIL_PLACEHOLDER),
            *addresses,
            *phones,
            Rule(_phone_spans, PHONE_PLACEHOLDER),
            *phrases,
            *([named] if named else []),
        ]

    def text(self, text: str) -> str:
        """`text` with every rule applied."""
        return self.pieces([text], [True])[0]

    def pieces(self, texts: list[str], editable: list[bool]) -> list[str]:
        """Apply every rule to the joined `texts`; only the editable pieces change (the others are
        what a break or a tab shows), each match's replacement going to the first piece it touches."""
        joined = "".join(texts)
        folded, origin = _folded(joined)
        for rule in self.rules:
            spans = []
            for found_start, found_end in rule.find(folded):
                start, end = origin[found_start], origin[found_end - 1] + 1
                while end < len(joined) and not _fold_char(joined[end]):
                    end += 1  # a decomposed accent belongs to the letter it follows
                spans.append((start, end))
            if spans:
                texts = _replace(texts, editable, spans, rule.replacement)
                joined = "".join(texts)
                folded, origin = _folded(joined)
        return texts


def _replace(texts: list[str], editable: list[bool], spans: list[tuple[int, int]], new: str) -> list[str]:
    texts = list(texts)
    starts = []
    offset = 0
    for piece in texts:
        starts.append(offset)
        offset += len(piece)
    ends = [*starts[1:], offset]
    # From the last span back: a piece only changes after the spans still to do, whose offsets stay true.
    for span_start, span_end in reversed(spans):
        inserted = False
        for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
            low, high = max(span_start, start), min(span_end, end)
            if low >= high or not editable[index]:
                continue
            piece = texts[index]
            texts[index] = piece[: low - start] + ("" if inserted else new) + piece[high - start :]
            inserted = True
    return texts


# --- The package --------------------------------------------------------------------------------------


def _property_parts(package: Package) -> dict[str, str]:
    """The property parts (core, extended, custom) and the empty content each gets."""
    kinds = {"/core-properties": _CORE, "/extended-properties": _APP, "/custom-properties": _CUSTOM}
    emptied: dict[str, str] = {}
    for suffix, empty in kinds.items():
        for name in package.related("", suffix):
            if name in package.parts:
                emptied[name] = empty
    for name, empty in (
        ("docProps/core.xml", _CORE),
        ("docProps/app.xml", _APP),
        ("docProps/custom.xml", _CUSTOM),
    ):
        if name in package.parts:
            emptied.setdefault(name, empty)
    return emptied


def _anonymise_xml(data: bytes, redactor: Redactor, code: str, dropped: set[str]) -> bytes:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(data, parser)
    removed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in _AUTHOR_ATTRIBUTES:
            if element.get(attribute) is not None:
                element.set(attribute, code)
        if element.get(f"{W}initials") is not None:
            element.set(f"{W}initials", "")
        if (
            element.tag == f"{W15}presenceInfo"  # the commenter's account (e-mail, user id)
            or (element.tag == f"{RELS}Relationship" and element.get("Type", "").endswith(_THUMBNAIL))
            or (element.get("PartName") or "").lstrip("/") in dropped
        ):
            removed.append(element)
    for element in removed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    handled = _redact_paragraphs(root, redactor)
    _redact_rest(root, redactor, handled)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _paragraph_content(element: Any) -> Iterator[Any]:
    """The elements of a paragraph in document order, without its properties or nested paragraphs
    (a text box's paragraphs are paragraphs of their own)."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _PARAGRAPHS or child.tag.endswith("Pr"):
            continue
        yield child
        yield from _paragraph_content(child)


def _redact_paragraphs(root: Any, redactor: Redactor) -> set[Any]:
    """Redact the text Word splits into runs, each paragraph's pieces joined, breaks and tabs kept as
    what they show; the text nodes handled."""
    handled: set[Any] = set()
    for paragraph in root.iter(*_PARAGRAPHS):
        streams: dict[str, list[Any]] = {}
        for element in _paragraph_content(paragraph):
            if element.tag in _STREAMS:
                streams.setdefault(element.tag, []).append(element)
            elif element.tag in _SEPARATORS:
                for tag in _SEPARATED_STREAMS:
                    streams.setdefault(tag, []).append(_SEPARATORS[element.tag])
        for tag, pieces in streams.items():
            nodes = [piece for piece in pieces if not isinstance(piece, str)]
            if not nodes:
                continue
            handled.update(nodes)
            texts = [piece if isinstance(piece, str) else piece.text or "" for piece in pieces]
            editable = [not isinstance(piece, str) for piece in pieces]
            for piece, new, old in zip(pieces, redactor.pieces(texts, editable), texts, strict=True):
                if isinstance(piece, str) or new == old:
                    continue
                piece.text = new
                if tag in _PRESERVES_SPACE:
                    piece.set(XML_SPACE, "preserve")
    return handled


def _redact_rest(root: Any, redactor: Redactor, handled: set[Any]) -> None:
    """Everything else that can hold a name: other elements' text, and the attributes people write
    (pictures' descriptions, tooltips, field codes, external link targets)."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.text and element not in handled:
            element.text = redactor.text(element.text)
        if element.tail and element.tail.strip():
            element.tail = redactor.text(element.tail)
        for key, value in element.attrib.items():
            if key in _TEXT_ATTRIBUTES or key == "name" or (key == f"{W}val" and element.tag in _TEXT_VALUES):
                new = redactor.text(value)
            elif key in _URL_ATTRIBUTES or (key == "Target" and element.get("TargetMode") == "External"):
                new = _redact_url(value, redactor)
            else:
                continue
            if new != value:
                element.set(key, new)


def _redact_url(value: str, redactor: Redactor) -> str:
    """A link target redacted as the reader sees it, percent-escapes decoded ("Jos%C3%A9")."""
    decoded = unquote(value)
    redacted = redactor.text(decoded)
    return value if redacted == decoded else quote(redacted, safe=_URL_SAFE)
