"""Documents that are safe but cost LibreOffice minutes, and a LibreOffice that never answers.

Built in the tests (no Django here), the way the attack of issue 10 worked: a small, valid .docx whose
text is repeated so that it compresses well, but not so well that the safety gate calls it a zip bomb.
"""

from __future__ import annotations

import io
import random
import stat
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Mm

MB = 1000 * 1000
SENTENCE = "Key challenges of the post and how I would meet them, item %08x. "


def _plain_docx() -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.add_paragraph("seed")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_body(body: str) -> bytes:
    """A plain A4 .docx whose body is `body` (WordprocessingML paragraphs), deflated."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_plain_docx())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                head, tail = data.decode().split("<w:body>", 1)
                data = f"{head}<w:body>{body}{tail}".encode()
            archive.writestr(info.filename, data)
    return out.getvalue()


def docx_stuffed_with_text(text_bytes: int = 94 * MB) -> bytes:
    """A .docx holding `text_bytes` of text in paragraphs of ten sentences, each paragraph numbered at
    random so that it deflates about seventyfold: 94 MB of text in about 1.3 MB."""
    rng = random.Random(10)
    paragraphs = []
    size = 0
    while size < text_bytes:
        first = SENTENCE % rng.getrandbits(32)
        paragraph = f"<w:p><w:r><w:t>{first}{(SENTENCE % 0) * 9}</w:t></w:r></w:p>"
        paragraphs.append(paragraph)
        size += len(paragraph)
    return docx_with_body("".join(paragraphs))


def docx_with_page_breaks(count: int) -> bytes:
    """A .docx of `count` + 1 empty pages: little text, but LibreOffice lays out every page."""
    return docx_with_body('<w:p><w:r><w:br w:type="page"/></w:r></w:p>' * count)


def hanging_soffice(folder: Path) -> Path:
    """A stand-in for `soffice` that records its process group in `folder/group`, starts a child that
    sleeps, and sleeps itself: it never converts, never answers, never exits."""
    script = folder / "soffice"
    script.write_text(
        "#!/usr/bin/python3\n"
        "import os, subprocess, sys, time\n"
        f"open({str(folder / 'group')!r}, 'w').write(str(os.getpgrp()))\n"
        "subprocess.Popen(['sleep', '1000'])\n"
        "time.sleep(1000)\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script
