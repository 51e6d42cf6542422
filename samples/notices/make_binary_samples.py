"""Build the binary sample notices (.docx, .pdf) from their text sources in `sources/`.

    .venv/bin/python samples/notices/make_binary_samples.py

The produced files are committed, so tests need neither this script nor LibreOffice. The PDF is written
by hand (one font, one text layer) so that its bytes depend on nothing installed on the machine.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DOCX_SAMPLES = ("nspa_procurement_officer",)
PDF_SAMPLES = ("osce_budget_officer", "nato_is_audit_officer")

PAGE_WIDTH, PAGE_HEIGHT, MARGIN, FONT_SIZE, LEADING = 595, 842, 50, 10, 13
WRAP = 95  # characters per line of 10 pt Helvetica inside the margins


def write_docx(source: Path, target: Path) -> None:
    """A .docx whose bullets are Word list paragraphs (no bullet character in the text), as Word has them."""
    document = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line and len(line) < 40 and not line.endswith((".", ";", ":")) and ":" not in line:
            document.add_paragraph(line, style="Heading 2")
        else:
            document.add_paragraph(line)
    document.core_properties.author = "Concours samples"
    document.save(str(target))


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pages(lines: list[str]) -> list[list[str]]:
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, WRAP, subsequent_indent="  ") or [""])
    per_page = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
    return [wrapped[i : i + per_page] for i in range(0, len(wrapped), per_page)] or [[]]


def write_pdf(source: Path, target: Path) -> None:
    """A minimal PDF 1.4 with a real text layer: Helvetica, WinAnsi encoding, A4 pages."""
    pages = _pages(source.read_text(encoding="utf-8").splitlines())
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in once the page objects are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for page in pages:
        content = [b"BT", f"/F1 {FONT_SIZE} Tf {LEADING} TL {MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
        for line in page:
            content.append(_pdf_string(line) + b" Tj T*")
        content.append(b"ET")
        stream = b"\n".join(content)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_number = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_number} 0 R >>".encode()
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    target.write_bytes(bytes(out))


def main() -> None:
    """Write every binary sample next to this script."""
    for stem in DOCX_SAMPLES:
        write_docx(SOURCES / f"{stem}.txt", HERE / f"{stem}.docx")
    for stem in PDF_SAMPLES:
        write_pdf(SOURCES / f"{stem}.txt", HERE / f"{stem}.pdf")


if __name__ == "__main__":
    main()
