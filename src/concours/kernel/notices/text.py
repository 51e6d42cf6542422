"""A notice's text from the files notices come in: plain text, HTML pages, PDF and .docx.

Parsing works on text only; this module is the one place that knows file formats. Web pages carry a
board's navigation, cookie banners and view counters around the notice: those elements are dropped
before the text is taken, so that they cannot pass for the notice's title or its lists.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from concours.kernel.notices.errors import NoticeError

# The spaces a notice's text may use; runs of two or more become a two-space gap (columns: "Grade  G15"),
# and any other single kind of space becomes a plain space.
_ODD_SPACES = "\t\u00a0\u202f\u2007\u2009\u200a\u3000"
_SPACE_RUN_RE = re.compile(f"[ {_ODD_SPACES}]{{2,}}")
_ODD_SPACE_RE = re.compile(f"[{_ODD_SPACES}]")
_INDENT_CHARS = f" {_ODD_SPACES}"
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Written with a literal head so that the regex engine can skip to each "\n\n\n" quickly.
_BLANK_RUNS_RE = re.compile(r"\n\n\n+")

# Elements and class/id words that hold a job board's furniture rather than the notice.
_NOISE_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
    "template",
    "select",
    "input",
)
_NOISE_WORDS = re.compile(
    r"(?:^|[-_\s])(?:cookies?|consent|gdpr|navbar|nav|navigation|menu|breadcrumbs?|site-header|masthead|"
    r"site-footer|footer|share|sharing|social|sidebar|related|newsletter|modal|popup|banner|apply-bar|"
    r"job-stats|stats|views|similar|recommended|skip)(?:$|[-_\s])",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "title",
        "caption",
    ]
)
_CELL_TAGS = frozenset(("td", "th"))

# Words of the trade: a text that names fewer than three of these kinds of thing is not a notice.
_NOTICE_SIGNALS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"vacanc|requisition|job opening|avis de vacance|job description|offre d'emploi",
        r"deadline|date limite|closing date|apply by|date de cl[ôo]ture|posting period|expiry date",
        r"qualifications?\b|education|formation|dipl[ôo]me|degree",
        r"exp[ée]rience",
        r"competenc|comp[ée]tences",
        r"candidat",
        r"\bgrade\b|\blevel\b|\bniveau\b",
        r"duty station|location|lieu d'affectation|lieu de travail",
        r"\bposts?\b|\bpostes?\b|\bposition\b",
        r"recruit|recrut|apply|postuler|application|candidature",
        r"salary|traitement|salaire|remuneration|r[ée]mun[ée]ration",
        r"contract|contrat|appointment|engagement",
        r"incumbent|titulaire|jobholder|job holder|the post\b|le poste\b|la personne retenue",
        r"responsibilit|duties|tasks|t[âa]ches|fonctions|functions",
        r"\b(?:officer|assistant|advis[eo]r|specialist|analyst|director|conseill|directeur|directrice|"
        r"sp[ée]cialiste|charg[ée]e? de|head of)",
    )
)


def normalise(text: str) -> str:
    """Text with one kind of newline and space, no invisible characters, and no trailing blanks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE_RE.sub("", text)
    # Most lines are unindented and hold single plain spaces only: for them `_indented` comes down to
    # `rstrip`. One scan of the whole text for other kinds of space tells whether that shortcut may hold.
    odd = _ODD_SPACE_RE.search(text) is not None
    lines = [
        _indented(line, odd) if odd or "  " in line or line[:1] == " " else line.rstrip()
        for line in text.split("\n")
    ]
    return _BLANK_RUNS_RE.sub("\n\n", "\n".join(lines)).strip("\n")


def _indented(line: str, odd: bool) -> str:
    # Leading spaces are kept (as spaces): they tell nested bullets from their parents.
    body = line.lstrip(_INDENT_CHARS)
    if not body:
        return ""
    lead = line[: len(line) - len(body)].replace("\t", "    ")
    # A run of spaces separates columns ("Grade  G15"): it stays a two-space gap; a lone tab is a gap
    # too; any other lone kind of space is a space. `odd`: the text has spaces other than " ".
    if odd:
        body = _ODD_SPACE_RE.sub(" ", _SPACE_RUN_RE.sub("  ", body).replace("\t", "  "))
    elif "  " in body:
        body = _SPACE_RUN_RE.sub("  ", body)
    return " " * len(lead) + body.rstrip()


def looks_like_notice(text: str) -> bool:
    """Whether `text` speaks of at least three of the things a vacancy notice speaks of."""
    return sum(1 for signal in _NOTICE_SIGNALS if signal.search(text)) >= 3


def _is_noise(tag: Tag) -> bool:
    words = " ".join([*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")])
    return bool(words.strip()) and bool(_NOISE_WORDS.search(words))


def _inline(text: str) -> str:
    # Source newlines and indentation inside a paragraph are not the notice's: one space, kept at the ends.
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


def _walk(node: Tag, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            out.append(_inline(str(child)))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "br":
            out.append("\n")
            continue
        block = child.name in _BLOCK_TAGS
        if block:
            out.append("\n")
        if child.name == "li":
            out.append("• ")
        if child.name in _CELL_TAGS and child.find_previous_sibling(_CELL_TAGS):
            # Cells of a "label | value" row stay on one line, two spaces apart, as header labels expect.
            out.append("  ")
        _walk(child, out)
        if block:
            out.append("\n")


def html_to_text(html: str) -> str:
    """The notice inside a web page: the page's navigation, banners and counters left out."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(_NOISE_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if (
            isinstance(tag, Tag)
            and not tag.decomposed
            and tag.name not in ("html", "body")
            and _is_noise(tag)
        ):
            tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    out: list[str] = []
    if isinstance(root, Tag):
        _walk(root, out)
    lines = (line.strip() for line in "".join(out).split("\n"))
    return normalise("\n".join(lines))


def _pdf_to_text(data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as error:  # pypdf raises many types on damaged files; all mean "unreadable"
        raise NoticeError(f"unreadable PDF ({error.__class__.__name__})") from error


def _docx_to_text(data: bytes) -> str:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, BadZipFile... on non-docx zips
        raise NoticeError(f"unreadable .docx ({error.__class__.__name__})") from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines.append("  ".join(cell.text.strip() for cell in row.cells))
            continue
        style = (block.style.name if block.style is not None else "") or ""
        # Word keeps list bullets in numbering definitions, not in the text: put one back.
        prefix = "• " if "List" in style else ""
        lines.append(prefix + block.text)
    return "\n".join(lines)


def _decode(data: bytes) -> str:
    head = data[:8192]
    if b"\x00" in head:
        raise NoticeError("binary file, not a text notice")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for c in text[:8192] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > len(text[:8192]) * 0.02:
        raise NoticeError("binary file, not a text notice")
    return text


def extract_text(data: bytes, *, name: str = "") -> str:
    """The notice text in `data`, whatever its format (told by content, then by the name's suffix)."""
    if not data.strip():
        raise NoticeError("empty file")
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF"):
        text = _pdf_to_text(data)
    elif data.startswith(b"PK\x03\x04"):
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise NoticeError("damaged zip archive")
        text = _docx_to_text(data)
    else:
        text = _decode(data)
        head = text[:2000].lstrip().lower()
        if suffix in (".html", ".htm", ".xhtml") or head.startswith(("<!doctype html", "<html")):
            text = html_to_text(text)
    text = normalise(text)
    if not text.strip():
        raise NoticeError("no text in file")
    if not looks_like_notice(text):
        raise NoticeError("does not look like a vacancy notice")
    return text


def read_notice_file(path: str | os.PathLike[str]) -> str:
    """The text of the notice in the file at `path`; NoticeError if it is empty, binary, unreadable or
    not a notice."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise NoticeError(f"cannot read file ({error.strerror or error.__class__.__name__})") from error
    return extract_text(data, name=os.fspath(path))
