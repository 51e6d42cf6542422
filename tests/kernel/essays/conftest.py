"""Essays built for the tests: Word documents with known page counts, and crafted hostile files."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm

from concours.kernel.essays.render import Renderer

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT.parent / "shared" / "seeds" / "gold"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

PARAGRAPH = (
    "Strengthening the organisation's political role calls for steady engagement with partners,"
    " clear priorities and a management culture that rewards initiative and accountability."
)


def essay(
    pages: int = 1,
    *,
    paper: str = "A4",
    landscape: bool = False,
    title: str = "",
    author: str = "",
    table: bool = False,
    image: bool = False,
    lines: list[str] | None = None,
) -> bytes:
    """A .docx of exactly `pages` pages: a few short paragraphs per page, pages ended by page breaks."""
    document = Document()
    section = document.sections[0]
    width, height = (Mm(210), Mm(297)) if paper == "A4" else (Inches(8.5), Inches(11))
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.last_modified_by = author
    for line in lines or []:
        document.add_paragraph(line)
    for page in range(pages):
        document.add_heading(f"Key challenges, part {page + 1}", level=2)
        for _ in range(3):
            document.add_paragraph(PARAGRAPH)
        if table and page == 0:
            grid = document.add_table(rows=3, cols=3)
            for r, row in enumerate(grid.rows):
                for c, cell in enumerate(row.cells):
                    cell.text = f"cell {r}.{c}"
        if image and page == 0:
            document.add_picture(io.BytesIO(png(64, 32)), width=Mm(40))
        if page < pages - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def png(width: int, height: int) -> bytes:
    """A small red-to-blue gradient PNG, written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(
        b"\x00" + b"".join(bytes((255 * x // width, 0, 255 - 255 * x // width)) for x in range(width))
        for _ in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def content_types(*overrides: tuple[str, str]) -> bytes:
    items = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{items}</Types>"
    ).encode()


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def replace_parts(docx: bytes, changes: dict[str, bytes]) -> bytes:
    """`docx` with some parts replaced or added."""
    return zipped({**parts(docx), **changes})


def add_tracked_insertion(document: Any, text: str, author: str) -> None:
    """A paragraph whose text is a tracked insertion by `author`."""
    paragraph = document.add_paragraph()
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "901")
    insertion.set(qn("w:author"), author)
    insertion.set(qn("w:date"), "2025-05-01T10:00:00Z")
    run = OxmlElement("w:r")
    text_node = OxmlElement("w:t")
    text_node.text = text
    run.append(text_node)
    insertion.append(run)
    paragraph._p.append(insertion)


def seed_rules() -> dict[str, dict[str, Any]]:
    """reference -> the `essay` rules of each seed notice that asks for an essay."""
    rules = {}
    for path in sorted(GOLD.glob("*.json")):
        notice = json.loads(path.read_text(encoding="utf-8"))
        if notice.get("essay"):
            rules[str(notice["reference"])] = notice["essay"]
    return rules


@pytest.fixture(scope="session")
def renderer() -> Iterator[Renderer]:
    """One warm LibreOffice for the whole session (the machine is shared: no parallel renders)."""
    with Renderer(timeout=120) as shared:
        yield shared
