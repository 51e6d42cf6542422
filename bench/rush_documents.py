"""The files each candidate of the deadline rush sends: a CV (PDF) and a two-page A4 essay (.docx).

Both are about 200 KB, made so by an image of random pixels, which no compression shrinks: the server
stores and hashes every byte, as it would a scanned signature or a photograph. Each candidate's files
differ (their own name and pixels), so a file stored under the wrong application would show in the
hash check.
"""

from __future__ import annotations

import io
import random
import struct
import zlib

_WORDS = (
    "alliance policy security defence partners capability resilience budget planning operations "
    "cooperation analysis strategy members staff priorities risks energy cyber training reform "
    "mission coordination delivery stakeholders governance evaluation procurement innovation"
)
WORDS = _WORDS.split()


def cv_pdf(name: str, *, size: int, rng: random.Random) -> bytes:
    """A valid one-page A4 PDF naming the candidate, padded to about `size` bytes by a grey image."""
    text = f"Curriculum vitae - {name}".replace("(", "").replace(")", "")
    width = 400
    height = max(1, (size - 1500) // width)
    pixels = rng.randbytes(width * height)
    content = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET q 200 0 0 {200 * height // width} 72 500 cm /Im1 Do Q"
    stream = content.encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        (
            f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray "
            f"/BitsPerComponent 8 /Length {len(pixels)} >>\nstream\n"
        ).encode()
        + pixels
        + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.writelines(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def essay_docx(title: str, name: str, *, size: int, rng: random.Random) -> bytes:
    """A two-page A4 essay: a page of text, a page break, half a page of text and an image of noise."""
    from docx import Document
    from docx.shared import Cm, Mm

    def paragraphs(count: int) -> list[str]:
        return [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(50, 70))).capitalize() + "."
            for _ in range(count)
        ]

    def build(picture: bytes | None) -> bytes:
        document = Document()
        document.core_properties.title = title
        section = document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)  # python-docx's default is Letter
        document.add_heading(title, level=1)
        document.add_paragraph(f"{name} sets out the key challenges of the post and how to meet them.")
        for text in first_page:
            document.add_paragraph(text)
        document.add_page_break()
        for text in second_page:
            document.add_paragraph(text)
        if picture is not None:
            document.add_picture(io.BytesIO(picture), width=Cm(6))
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    first_page, second_page = paragraphs(5), paragraphs(3)
    bare = build(None)
    side = max(8, int(((size - len(bare) - 600) / 3) ** 0.5))
    return build(_noise_png(side, side, rng))


def _noise_png(width: int, height: int, rng: random.Random) -> bytes:
    """An RGB PNG of random pixels (stored with the least compression: it cannot shrink anyway)."""
    rows = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 1))
        + chunk(b"IEND", b"")
    )
