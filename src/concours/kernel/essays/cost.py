"""What laying out a document may cost, and the refusal of a document that would cost more.

A .docx can be small and safe and still hold a novel: 2.5 MB of zip can unpack to 94 MB of text, which
LibreOffice lays out for minutes at 100 % of a core (20 s for 5 MB of text, 17 s for 50,000 empty
paragraphs, 13 s for 5,000 page breaks, on the project's machine). An essay is a page or two, so a
document with far more than any essay could hold is refused before LibreOffice sees it: first by the
size of its Word markup, read from the zip's directory before anything is inflated, then by the length
of its text and its number of paragraphs, breaks and table cells. What slips through these counts is
stopped by the limits on the LibreOffice processes themselves (`RenderLimits`, applied in `render.py`).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from concours.kernel.essays import docx
from concours.kernel.essays.errors import EssayRefused
from concours.kernel.essays.safety import DEFAULT_LIMITS, Limits, Package, open_package

MiB = 1024 * 1024
GiB = 1024 * MiB

# A paragraph, a line or page break, a table row or cell, whatever prefix the namespace was given.
_BLOCK = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:p|br|tr|tc)[\s/>]")


@dataclass(frozen=True)
class RenderLimits:
    """What rendering one document may cost.

    The first three bound the LibreOffice processes (`render.py`): CPU seconds per document, the address
    space of each process (RLIMIT_AS) and the wall time per document. A warm LibreOffice serves many
    documents; it is started afresh once it has used `warm_cpu_seconds` in all, which is also its
    kernel-enforced CPU limit. The last three bound the document itself, checked before rendering (an
    essay of two dense pages has about 8,000 characters and 40 paragraphs).
    """

    cpu_seconds: float = 30.0
    memory_bytes: int = 2 * GiB
    wall_seconds: float = 60.0
    start_seconds: float = 90.0
    warm_cpu_seconds: float = 3600.0
    max_markup_bytes: int = 8 * MiB
    max_text_chars: int = 200_000
    max_paragraphs: int = 5_000


DEFAULT_RENDER_LIMITS = RenderLimits()


def check_markup(data: bytes, limits: RenderLimits = DEFAULT_RENDER_LIMITS) -> None:
    """Refuse a document whose Word parts (word/*.xml) unpack to more than the limit, from the directory.

    Bytes that are not a readable zip are left to the safety gate, which says what is wrong with them.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return
    markup = sum(info.file_size for info in infos if _is_word_xml(info.filename))
    if markup > limits.max_markup_bytes:
        raise _too_costly("markup", markup, limits.max_markup_bytes)


def check_layout(package: Package, text: str, limits: RenderLimits = DEFAULT_RENDER_LIMITS) -> None:
    """Refuse a checked document with more text, or more paragraphs and breaks, than the limits."""
    if len(text) > limits.max_text_chars:
        raise _too_costly("text", len(text), limits.max_text_chars)
    blocks = sum(len(_BLOCK.findall(data)) for name, data in package.parts.items() if _is_word_xml(name))
    if blocks > limits.max_paragraphs:
        raise _too_costly("paragraphs", blocks, limits.max_paragraphs)


def check_cost(
    data: bytes, limits: RenderLimits = DEFAULT_RENDER_LIMITS, *, safety: Limits = DEFAULT_LIMITS
) -> Package:
    """The document through the safety gate and every cost check: the package, or `EssayRefused`."""
    check_markup(data, limits)
    package = open_package(data, limits=safety)
    check_layout(package, docx.body_text(package), limits)
    return package


def _too_costly(what: str, amount: int, allowed: int) -> EssayRefused:
    return EssayRefused("too_costly", {"what": what, "amount": amount, "allowed": allowed})


def _is_word_xml(name: str) -> bool:
    return name.startswith("word/") and name.endswith(".xml")
