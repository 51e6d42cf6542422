"""The documents a demo candidate uploads: a one-page CV (PDF) and a "Key challenges" essay (.docx)."""

from __future__ import annotations

import io


def cv_pdf(name: str) -> bytes:
    """A minimal valid one-page A4 PDF naming the candidate (written by hand: no PDF library needed)."""
    text = f"Curriculum vitae - {name}".replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.writelines(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def essay_docx(reference: str, name: str) -> bytes:
    """A short essay whose title meets the demo notices' rule (the reference and "Key challenges")."""
    from docx import Document
    from docx.shared import Mm

    document = Document()
    document.core_properties.title = f"{reference} Key challenges"
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # python-docx's default is Letter
    document.add_heading(f"{reference} – Key challenges", level=1)
    document.add_paragraph(
        f"{name} sets out how the three key challenges of the post would be addressed in the first year."
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
