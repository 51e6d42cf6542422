"""The panel's copy of an essay: the same document without the candidate's name or the file's metadata.

`anonymise` works on the package's XML so that the layout (and so the page count) stays the candidate's:
the core, extended and custom properties are emptied; every author of a comment or a tracked change
becomes the candidate code; and each of the candidate's names (each part of at least two letters,
case-insensitive, including across the runs Word splits text into) becomes the candidate code, in the
text, the comments, headers, footers, notes and link targets alike. Pictures are left as they are: a
name inside an image cannot be found this way.

The XML was checked with defusedxml by `safety.open_package` before this module parses it again with
lxml, which keeps namespace prefixes as Word wrote them (ElementTree would rename them and break the
`mc:Ignorable` declarations Word relies on); the lxml parser still resolves no entity and loads no DTD.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from lxml import etree
from pypdf import PdfReader, PdfWriter

from concours.kernel.essays.render import Renderer
from concours.kernel.essays.safety import CONTENT_TYPES, DEFAULT_LIMITS, Limits, Package, open_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
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
# Text that Word splits into runs: each kind is joined per paragraph before names are looked for.
_RUN_TEXTS = (f"{W}t", f"{W}delText", f"{W}instrText")
_AUTHOR_ATTRIBUTES = (f"{W}author", f"{W15}author")


def anonymise(
    docx: bytes,
    *,
    names: list[str],
    candidate_code: str,
    replacement: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> bytes:
    """A copy of `docx` without metadata, whose mentions of `names` read `replacement` (the code)."""
    package = open_package(docx, limits=limits)  # safety first, whoever calls this
    pattern = names_pattern(names)
    text = candidate_code if replacement is None else replacement
    emptied = _property_parts(package)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in [CONTENT_TYPES, *(n for n in package.parts if n != CONTENT_TYPES)]:
            data = package.parts[name]
            if name in emptied:
                data = _DECLARATION + emptied[name].encode()
            elif name in set(package.xml_names()):
                data = _anonymise_xml(data, pattern, text, candidate_code)
            archive.writestr(name, data)
    return out.getvalue()


def anonymised_pdf(docx: bytes, names: list[str], candidate_code: str, renderer: Renderer) -> bytes:
    """The anonymised essay rendered to PDF, with the PDF's own metadata reduced to the candidate code."""
    pdf = renderer.render_pdf(anonymise(docx, names=names, candidate_code=candidate_code))
    return strip_pdf_metadata(pdf, title=candidate_code)


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


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for the candidate's name parts (≥ 2 letters), a run of them counting as one mention."""
    parts = {
        part
        for name in names
        for part in re.split(r"[\s\-‐‑–,.;:()'’]+", name)
        if sum(char.isalpha() for char in part) >= 2
    }
    if not parts:
        return None
    alternatives = "|".join(re.escape(part) for part in sorted(parts, key=len, reverse=True))
    one = rf"(?:{alternatives})"
    return re.compile(rf"(?<!\w){one}(?:[\s\-‐‑–]+{one})*(?!\w)", re.IGNORECASE)


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


def _anonymise_xml(data: bytes, pattern: re.Pattern[str] | None, text: str, code: str) -> bytes:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(data, parser)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in _AUTHOR_ATTRIBUTES:
            if element.get(attribute) is not None:
                element.set(attribute, code)
        if element.get(f"{W}initials") is not None:
            element.set(f"{W}initials", "")
        if element.tag == f"{W15}presenceInfo":  # the commenter's account (e-mail, user id)
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    if pattern is not None:
        _redact_runs(root, pattern, text)
        _redact_rest(root, pattern, text)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _redact_runs(root: Any, pattern: re.Pattern[str], text: str) -> None:
    """Redact names in the text Word splits into runs, joining each paragraph's pieces first."""
    for tag in _RUN_TEXTS:
        groups: dict[Any, list[Any]] = {}
        for node in root.iter(tag):
            paragraph = next(node.iterancestors(f"{W}p"), None)
            groups.setdefault(paragraph if paragraph is not None else node, []).append(node)
        for nodes in groups.values():
            _redact_group(nodes, pattern, text)


def _redact_group(nodes: list[Any], pattern: re.Pattern[str], text: str) -> None:
    texts = [node.text or "" for node in nodes]
    matches = list(pattern.finditer("".join(texts)))
    if not matches:
        return
    starts = []
    offset = 0
    for piece in texts:
        starts.append(offset)
        offset += len(piece)
    # From the last match back, so that the offsets of earlier matches stay true.
    for match in reversed(matches):
        for index, (start, piece) in enumerate(zip(starts, texts, strict=True)):
            end = start + len(piece)
            low, high = max(match.start(), start), min(match.end(), end)
            if low >= high:
                continue
            inserted = text if start <= match.start() < end else ""
            texts[index] = piece[: low - start] + inserted + piece[high - start :]
    for node, new in zip(nodes, texts, strict=True):
        if node.text != new:
            node.text = new
            node.set(XML_SPACE, "preserve")


def _redact_rest(root: Any, pattern: re.Pattern[str], text: str) -> None:
    """Everything else that can hold a name: other elements' text, attributes (link targets, ...)."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in _RUN_TEXTS and element.text:
            element.text = pattern.sub(text, element.text)
        for key, value in element.attrib.items():
            if pattern.search(value):
                element.set(key, pattern.sub(text, value))
