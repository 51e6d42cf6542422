"""The gate in front of every parser: is this upload a plain .docx that is safe to open?

An uploaded Office file is an attack surface (zip bombs, path tricks, XML entities, macros), and
LibreOffice itself happily converts a 0-byte file, a macro-enabled document or a zip bomb. So this
module decides from the bytes alone, before anything is extracted or rendered: it reads the zip's
central directory first, refuses on the first problem with one `EssayRefused(code)`, and only then
reads each XML part, bounded, through defusedxml. What it hands back, a `Package`, is the only way the
rest of the kernel reads a document.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NoReturn
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from concours.kernel.essays.errors import EssayRefused

MiB = 1024 * 1024

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
CONTENT_TYPES = "[Content_Types].xml"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# An encrypted .docx is an OLE2 container whose directory names these streams (MS-OFFCRYPTO).
_ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
# Relationships whose external target LibreOffice would fetch while rendering (not hyperlinks, which
# it only displays, nor the attached template, which Word records for every document).
_FETCHED_EXTERNALLY = re.compile(r"/(image|oleObject|subDocument|frame|package|video|audio|media)$")
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class Limits:
    """What an essay may weigh. The defaults leave room for a few pictures in a two-page essay."""

    max_bytes: int = 5 * MiB
    max_entries: int = 1000
    max_uncompressed: int = 100 * MiB
    max_ratio: float = 100.0
    # Small XML parts legitimately compress very well; the ratio only matters for large ones.
    ratio_floor: int = 1 * MiB


DEFAULT_LIMITS = Limits()


@dataclass
class Package:
    """A checked .docx: its parts by name (bytes, as read), its content types and its main part."""

    parts: dict[str, bytes]
    content_types: dict[str, str]
    main: str
    _xml: dict[str, Element] = field(default_factory=dict, repr=False)

    def xml(self, name: str) -> Element | None:
        """The parsed XML part `name`, or None when the document has no such part."""
        if name not in self.parts:
            return None
        if name not in self._xml:
            self._xml[name] = parse_xml(name, self.parts[name])
        return self._xml[name]

    def xml_names(self) -> Iterator[str]:
        return (name for name in self.parts if _is_xml(name, self.content_types))

    def relationships(self, source: str) -> list[dict[str, str]]:
        """The relationships of part `source` ("" for the package), each {id, type, target, mode}."""
        folder, base = posixpath.split(source)
        root = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if root is None:
            return []
        return [
            {
                "id": rel.get("Id", ""),
                "type": rel.get("Type", ""),
                "target": rel.get("Target", ""),
                "mode": rel.get("TargetMode", "Internal"),
            }
            for rel in root.iter(f"{_RELS}Relationship")
        ]

    def related(self, source: str, type_suffix: str) -> list[str]:
        """The internal parts that `source` relates to with a type ending in `type_suffix`."""
        folder = posixpath.dirname(source)
        names = []
        for rel in self.relationships(source):
            if rel["mode"] == "Internal" and rel["type"].endswith(type_suffix):
                target = rel["target"]
                name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                names.append(posixpath.normpath(name))
        return names


# The few packages opened last, by the SHA-256 of their bytes and the limits they passed. A submission
# opens its essay at the upload gate and again for its facts; reading and scanning every part twice was
# a quarter of the web's CPU in a deadline rush. Only accepted packages are kept (a refusal is raised
# again each time), and few of them: each holds its parts unpacked.
_OPENED: OrderedDict[tuple[bytes, Limits], Package] = OrderedDict()
_OPENED_SIZE = 4
_OPENED_LOCK = threading.Lock()


def open_package(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> Package:
    """Check `data` is a safe, plain .docx and read it; raise `EssayRefused` otherwise.

    The same bytes under the same limits give the same `Package` while it is among the last few
    opened: callers read it and never change its parts.
    """
    key = (hashlib.sha256(data).digest(), limits)
    with _OPENED_LOCK:
        package = _OPENED.get(key)
        if package is not None:
            _OPENED.move_to_end(key)
            return package
    package = _open_package(data, limits)
    with _OPENED_LOCK:
        _OPENED[key] = package
        while len(_OPENED) > _OPENED_SIZE:
            _OPENED.popitem(last=False)
    return package


def _open_package(data: bytes, limits: Limits) -> Package:
    _check_envelope(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise EssayRefused("malformed", {"detail": f"not a readable ZIP archive: {error}"}) from error
    with archive:
        infos = archive.infolist()
        _check_directory(infos, len(data), limits)
        parts = _read_parts(archive, infos, limits)
    content_types = _content_types(parts)
    main = _main_part(parts, content_types)
    package = Package(parts=parts, content_types=content_types, main=main)
    for name in list(package.xml_names()):  # every XML part, before LibreOffice ever sees them
        scan_xml(name, parts[name])
    _check_external(package)
    return package


def parse_xml(name: str, data: bytes) -> Element:
    """Parse one part with defusedxml: a DTD or an entity is a refusal, broken XML is malformed."""
    try:
        root: Element = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise EssayRefused("xml_entities", {"name": name}) from error
    except (ParseError, ValueError) as error:
        raise EssayRefused("malformed", {"detail": f"{name} is not well-formed XML"}) from error
    return root


def scan_xml(name: str, data: bytes) -> None:
    """Check a part nobody builds a tree of (styles, theme, ...) is well-formed and has no DTD.

    The same refusals as defusedxml's (a DTD, an entity declaration, an external reference), on a bare
    expat parser that builds nothing: styles.xml alone can hold 10,000 elements.
    """
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _forbidden
    parser.EntityDeclHandler = _forbidden
    parser.UnparsedEntityDeclHandler = _forbidden
    parser.ExternalEntityRefHandler = _forbidden
    try:
        parser.Parse(data, True)
    except _Forbidden as error:
        raise EssayRefused("xml_entities", {"name": name}) from error
    except expat.ExpatError as error:
        raise EssayRefused("malformed", {"detail": f"{name} is not well-formed XML"}) from error


class _Forbidden(Exception):
    pass


def _forbidden(*args: object) -> NoReturn:
    raise _Forbidden


def _check_envelope(data: bytes, limits: Limits) -> None:
    if not data:
        raise EssayRefused("empty")
    if len(data) > limits.max_bytes:
        raise EssayRefused("too_large", {"size": len(data), "limit": limits.max_bytes})
    if data.startswith(_OLE2):
        if any(stream in data for stream in _ENCRYPTED_STREAMS):
            raise EssayRefused("encrypted")
        raise EssayRefused("legacy_doc")
    if not data.startswith(_ZIP):
        found = "pdf" if data.startswith(b"%PDF") else "rtf" if data.startswith(b"{\\rtf") else "unknown"
        raise EssayRefused("not_docx", {"found": found})


def _check_directory(infos: list[zipfile.ZipInfo], size: int, limits: Limits) -> None:
    """Refuse from the central directory alone, before a single byte is inflated."""
    if len(infos) > limits.max_entries:
        raise EssayRefused("zip_bomb", {"found": "entries"})
    seen: set[str] = set()
    total = 0
    for info in infos:
        _check_name(info.filename)
        if info.filename.casefold() in seen:  # two parts of one name: parsers disagree on which wins
            raise EssayRefused("malformed", {"detail": f"the part {info.filename} appears twice"})
        seen.add(info.filename.casefold())
        if info.flag_bits & 0x1:
            raise EssayRefused("encrypted")
        total += info.file_size
        if total > limits.max_uncompressed:
            raise EssayRefused("zip_bomb", {"found": "size"})
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise EssayRefused("zip_bomb", {"found": "ratio"})
    if total > limits.ratio_floor and total > limits.max_ratio * size:
        raise EssayRefused("zip_bomb", {"found": "ratio"})


def _check_name(name: str) -> None:
    segments = name.split("/")
    if (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or re.match(r"^[A-Za-z]:", name)
        or any(segment in ("..", ".") for segment in segments)
    ):
        raise EssayRefused("unsafe_path", {"name": repr(name)[1:-1][:80]})


def _read_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> dict[str, bytes]:
    parts: dict[str, bytes] = {}
    budget = limits.max_uncompressed
    for info in infos:
        if info.is_dir():
            continue
        # The directory can lie about sizes: read no more than it declared, and no more than the budget.
        allowed = min(info.file_size, budget)
        try:
            with archive.open(info) as stream:
                data = stream.read(allowed + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as error:
            raise EssayRefused("malformed", {"detail": f"the part {info.filename} cannot be read"}) from error
        except RuntimeError as error:  # zipfile's "encrypted, password required"
            raise EssayRefused("encrypted") from error
        if len(data) > allowed:
            raise EssayRefused("zip_bomb", {"found": "size"})
        budget -= len(data)
        parts[info.filename] = data
    return parts


def _content_types(parts: dict[str, bytes]) -> dict[str, str]:
    """Part name -> content type, from the Default (by extension) and Override entries."""
    if CONTENT_TYPES not in parts:
        raise EssayRefused("not_docx", {"found": "zip"})
    root = parse_xml(CONTENT_TYPES, parts[CONTENT_TYPES])
    defaults = {
        (item.get("Extension") or "").casefold(): item.get("ContentType") or ""
        for item in root.iter(f"{_CT}Default")
    }
    overrides = {
        (item.get("PartName") or "").lstrip("/"): item.get("ContentType") or ""
        for item in root.iter(f"{_CT}Override")
    }
    types = {}
    for name in parts:
        extension = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
        types[name] = overrides.get(name, defaults.get(extension, ""))
    # A declared macro part counts even when the part itself was left out of the zip.
    for name, kind in overrides.items():
        types.setdefault(name, kind)
    return types


def _main_part(parts: dict[str, bytes], content_types: dict[str, str]) -> str:
    for name, kind in content_types.items():
        if "macroenabled" in kind.casefold():
            raise EssayRefused("macro", {"found": "macro_enabled"})
        if "vbaproject" in kind.casefold():
            raise EssayRefused("macro", {"found": "vba"})
        if name.casefold().endswith("vbaproject.bin") or name.casefold().endswith("vbadata.xml"):
            raise EssayRefused("macro", {"found": "vba"})
        if name.casefold().startswith("word/activex/"):
            raise EssayRefused("macro", {"found": "activex"})
    for name in parts:
        if name.casefold().endswith("vbaproject.bin"):
            raise EssayRefused("macro", {"found": "vba"})
    mains = [name for name, kind in content_types.items() if kind == WORD_MAIN]
    if not mains:
        if WORD_TEMPLATE in content_types.values():
            raise EssayRefused("not_docx", {"found": "template"})
        office = any("openxmlformats-officedocument" in kind for kind in content_types.values())
        raise EssayRefused("not_docx", {"found": "office" if office else "zip"})
    if len(mains) > 1 or mains[0] not in parts:
        raise EssayRefused("malformed", {"detail": "the main document part is missing or repeated"})
    return mains[0]


def _check_external(package: Package) -> None:
    """Refuse parts LibreOffice would fetch from elsewhere while rendering (a file or a URL)."""
    for name in package.parts:
        if not name.endswith(".rels"):
            continue
        source = posixpath.join(posixpath.dirname(posixpath.dirname(name)), posixpath.basename(name)[:-5])
        for rel in package.relationships(source):
            if rel["mode"] == "External" and _FETCHED_EXTERNALLY.search(rel["type"]):
                raise EssayRefused("external_content", {"name": rel["target"][:80]})


def _is_xml(name: str, content_types: dict[str, str]) -> bool:
    kind = content_types.get(name, "")
    return name.endswith((".xml", ".rels")) or kind.endswith("+xml") or kind.endswith("/xml")
