"""The copy of an essay that LibreOffice renders: the candidate's document without its comments.

Comments never print (the PDF export leaves them out, and Word's page count ignores them), but the
headless LibreOffice 7.4 of Debian's `libreoffice-writer-nogui` aborts when a document loaded over UNO
has any: its comment sidebar needs UI files that package lacks. Removing the comment anchors changes
no layout, so the page count stays the document's own.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from concours.kernel.essays.safety import CONTENT_TYPES, DEFAULT_LIMITS, Limits, Package, open_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ANCHORS = (f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}commentReference")
_STORIES = ("word/",)


def printable_copy(docx: bytes, *, limits: Limits = DEFAULT_LIMITS, package: Package | None = None) -> bytes:
    """`docx` checked by the safety gate, with its comment anchors removed (unchanged if it has none).

    `package`: `docx` as the safety gate already opened it, to spare opening it again.
    """
    package = package or open_package(docx, limits=limits)
    changed = {name: data for name, data in _without_anchors(package)}
    if not changed:
        return docx
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in [CONTENT_TYPES, *(n for n in package.parts if n != CONTENT_TYPES)]:
            archive.writestr(name, changed.get(name, package.parts[name]))
    return out.getvalue()


def _without_anchors(package: Package) -> list[tuple[str, bytes]]:
    changed = []
    for name in package.xml_names():
        data = package.parts[name]
        if not name.startswith(_STORIES) or b"comment" not in data:
            continue
        # Safe to parse again: `open_package` has parsed every XML part with defusedxml already.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(data, parser)
        anchors = [node for tag in _ANCHORS for node in root.iter(tag)]
        for node in anchors:
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)
        if anchors:
            changed.append(
                (name, bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)))
            )
    return changed
