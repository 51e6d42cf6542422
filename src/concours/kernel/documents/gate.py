"""The gate every upload goes through, whatever it is for: a safe .docx or an inert PDF, nothing else.

The file's bytes decide what it is, never its name. A .docx goes through the essays' safety gate (zip
bombs, macros, XML entities, path tricks, encryption, external content); a PDF through `pdf.py`
(JavaScript, launch and automatic actions, embedded files, XFA, encryption, pages). Before either, a
file built to be read as two things at once (a polyglot: a PDF that is also a web page, a PDF header
after other content) is refused, since a browser or a viewer could take it for the other thing.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from concours.kernel.documents.errors import DocumentRefused
from concours.kernel.documents.messages import JSON
from concours.kernel.documents.pdf import PdfLimits, check_pdf
from concours.kernel.essays.errors import EssayRefused
from concours.kernel.essays.safety import Limits as DocxLimits
from concours.kernel.essays.safety import open_package

MiB = 1024 * 1024

FORMATS = ("pdf", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

# Browsers sniff about the first 512 bytes and PDF readers look for their header in the first 1024.
_HEAD = 1024
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta)[\s>/]", re.IGNORECASE
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"MZ", "program"),
    (b"\x7fELF", "program"),
    (b"#!", "program"),
)


@dataclass(frozen=True)
class Limits:
    """What one upload may be. The page limit only applies to PDFs: a .docx has pages once rendered."""

    max_bytes: int = 5 * MiB
    max_pdf_pages: int = 30
    max_pdf_objects: int = 100_000


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class CheckedDocument:
    """An upload that passed the gate: its format ("pdf" or "docx"), content type and, for a PDF, pages."""

    format: str
    content_type: str
    pages: int | None


def check_document(
    data: bytes, *, accept: Collection[str] = FORMATS, limits: Limits = DEFAULT_LIMITS
) -> CheckedDocument:
    """Check `data` is a safe document of one of the `accept`ed formats; raise `DocumentRefused` if not."""
    if not data:
        raise DocumentRefused("empty")
    if len(data) > limits.max_bytes:
        raise DocumentRefused("too_large", {"size": len(data), "limit": limits.max_bytes})
    kind = _sniff(data)
    head = data[:_HEAD]
    if head.find(b"%PDF-") > 0:  # a PDF behind something else: readers still open it as a PDF
        raise DocumentRefused("polyglot", {"found": "pdf_offset"})
    expected: list[JSON] = [name for name in FORMATS if name in accept]
    wanted = {"pdf": "pdf", "zip": "docx", "ole2": "docx"}.get(kind)
    if wanted is None or wanted not in accept:
        found = {"zip": "archive", "ole2": "doc"}.get(kind, kind)
        raise DocumentRefused("not_accepted", {"found": found, "expected": expected})
    if _MARKUP.search(head):  # a document that a browser sniffing its start would take for a page
        raise DocumentRefused("polyglot", {"found": "markup"})
    if wanted == "pdf":
        pages = check_pdf(data, PdfLimits(max_pages=limits.max_pdf_pages, max_objects=limits.max_pdf_objects))
        return CheckedDocument(format="pdf", content_type=CONTENT_TYPES["pdf"], pages=pages)
    try:
        open_package(data, limits=DocxLimits(max_bytes=limits.max_bytes))
    except EssayRefused as refused:
        if refused.code == "not_docx":
            what = refused.params.get("found", "unknown")
            raise DocumentRefused("not_accepted", {"found": what, "expected": expected}) from refused
        raise DocumentRefused(refused.code, refused.params) from refused
    return CheckedDocument(format="docx", content_type=CONTENT_TYPES["docx"], pages=None)


def _sniff(data: bytes) -> str:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:_HEAD]
    if _MARKUP.search(head) or head.lstrip().startswith(b"<"):
        return "html"
    return "unknown" if b"\x00" in head else "text"
