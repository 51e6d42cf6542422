"""Reading a checked .docx (`safety.Package`): its sections' paper, its body text, its properties and
the names it carries (authors, editors, commenters).

Everything here reads XML that `safety` has already parsed with defusedxml; nothing is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element

from concours.kernel.essays.safety import Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

TWIPS_PER_MM = 1440 / 25.4
# Named papers in millimetres (short side, long side); Word stores them in whole twips.
PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4), "Legal": (215.9, 355.6), "A5": (148.0, 210.0)}
PAPER_TOLERANCE_MM = 2.0
# The elements of a tracked change or a revision of formatting, each with its w:author.
_REVISIONS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange")


@dataclass(frozen=True)
class Section:
    """One section's page: its size in millimetres, the paper's name and the orientation."""

    width_mm: float
    height_mm: float
    paper: str
    orientation: str


def sections(package: Package) -> list[Section]:
    """Each section's page setup, in document order (the body's own sectPr is the last section)."""
    root = package.xml(package.main)
    if root is None:
        return []
    result = []
    for sect in root.iter(f"{W}sectPr"):
        size = sect.find(f"{W}pgSz")
        if size is None:
            continue
        width, height = _twips(size.get(f"{W}w")), _twips(size.get(f"{W}h"))
        if not width or not height:
            continue
        orient = size.get(f"{W}orient")
        landscape = orient == "landscape" if orient in ("landscape", "portrait") else width > height
        width_mm, height_mm = width / TWIPS_PER_MM, height / TWIPS_PER_MM
        result.append(
            Section(
                width_mm=round(width_mm, 1),
                height_mm=round(height_mm, 1),
                paper=paper_name(width_mm, height_mm),
                orientation="landscape" if landscape else "portrait",
            )
        )
    return result


def paper_name(width_mm: float, height_mm: float) -> str:
    """ "A4", "Letter", ... when the size is one (either way round), else "W×H mm"."""
    short, long = sorted((width_mm, height_mm))
    for name, (paper_short, paper_long) in PAPERS.items():
        if abs(short - paper_short) <= PAPER_TOLERANCE_MM and abs(long - paper_long) <= PAPER_TOLERANCE_MM:
            return name
    return f"{width_mm:.0f}×{height_mm:.0f} mm"


def body_text(package: Package) -> str:
    """The main part's text, one line per paragraph (tables included, deleted text left out)."""
    root = package.xml(package.main)
    body = root.find(f"{W}body") if root is not None else None
    if body is None:
        return ""
    return "\n".join(paragraph_text(paragraph) for paragraph in body.iter(f"{W}p"))


def paragraph_text(paragraph: Element) -> str:
    pieces = []
    for node in paragraph.iter():
        if node.tag == f"{W}t":
            pieces.append(node.text or "")
        elif node.tag == f"{W}tab":
            pieces.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            pieces.append("\n")
        elif node.tag == f"{W}noBreakHyphen":
            pieces.append("-")
    return "".join(pieces)


def word_count(text: str) -> int:
    """Words as Word counts them: runs of characters between spaces."""
    return len(text.split())


def core_properties(package: Package) -> dict[str, str]:
    """title, subject, creator, last_modified_by, keywords, description (empty ones left out)."""
    root = _first(package, package.related("", "/core-properties"), "docProps/core.xml")
    if root is None:
        return {}
    fields = {
        "title": f"{DC}title",
        "subject": f"{DC}subject",
        "creator": f"{DC}creator",
        "last_modified_by": f"{CP}lastModifiedBy",
        "keywords": f"{CP}keywords",
        "description": f"{DC}description",
    }
    values = {key: (_text(root.find(tag))) for key, tag in fields.items()}
    return {key: value for key, value in values.items() if value}


def app_properties(package: Package) -> dict[str, str]:
    """company, manager, application, template (empty ones left out)."""
    root = _first(package, package.related("", "/extended-properties"), "docProps/app.xml")
    if root is None:
        return {}
    fields = {
        "company": "Company",
        "manager": "Manager",
        "application": "Application",
        "template": "Template",
    }
    values = {key: _text(root.find(f"{EP}{tag}")) for key, tag in fields.items()}
    return {key: value for key, value in values.items() if value}


def comment_authors(package: Package) -> list[str]:
    """Who wrote the document's comments (and who Word's people part names), in order of appearance."""
    names: list[str] = []
    for part in package.related(package.main, "/comments"):
        root = package.xml(part)
        if root is not None:
            names += [comment.get(f"{W}author") or "" for comment in root.iter(f"{W}comment")]
    for part in package.related(package.main, "/people"):
        root = package.xml(part)
        if root is not None:
            names += [person.get(f"{W15}author") or "" for person in root.iter(f"{W15}person")]
    return _unique(names)


def revision_authors(package: Package) -> list[str]:
    """Who made the tracked changes of the main part, in order of appearance."""
    root = package.xml(package.main)
    if root is None:
        return []
    tags = {f"{W}{name}" for name in _REVISIONS}
    return _unique([node.get(f"{W}author") or "" for node in root.iter() if node.tag in tags])


def _first(package: Package, names: list[str], fallback: str) -> Element | None:
    for name in [*names, fallback]:
        root = package.xml(name)
        if root is not None:
            return root
    return None


def _text(node: Element | None) -> str:
    return (node.text or "").strip() if node is not None else ""


def _twips(value: str | None) -> float:
    try:
        return float(value) if value is not None else 0.0
    except ValueError:
        return 0.0


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        if name.strip():
            seen.setdefault(name.strip(), None)
    return list(seen)
