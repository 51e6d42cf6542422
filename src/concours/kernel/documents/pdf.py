"""Is this PDF inert? Refuse what a viewer would run, launch, unpack or fetch.

pypdf reads the cross-reference table (and the object streams) and hands back every object with its
names decoded (`/J#61vaScript` is `/JavaScript`); each dictionary and array is then looked at, so an
action hidden in an annotation, an outline item or a form field is found as surely as one in the
catalogue. Viewers that repair a damaged file read objects the table does not list, so the raw bytes
are also searched for the names no inert PDF needs.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NoReturn

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

from concours.kernel.documents.errors import DocumentRefused

# Action types (/S) by what they do; /GoTo, /URI (a link in a CV) and /Named (next page, ...) are inert.
_ACTIONS = {
    "/JavaScript": ("javascript", None),
    "/Launch": ("launch", "launch"),
    "/GoToR": ("launch", "remote_go_to"),
    "/GoToE": ("launch", "remote_go_to"),
    "/SubmitForm": ("active_content", "form_submission"),
    "/ImportData": ("active_content", "form_submission"),
    "/Rendition": ("active_content", "multimedia"),
    "/Movie": ("active_content", "multimedia"),
    "/Sound": ("active_content", "multimedia"),
    "/RichMediaExecute": ("active_content", "multimedia"),
}
_MULTIMEDIA = {"/RichMedia", "/3D", "/Movie", "/Sound", "/Screen"}
# Names no inert PDF uses, long enough never to turn up by chance in compressed bytes.
_RAW_NAMES = {
    b"JavaScript": ("javascript", None),
    b"Launch": ("launch", "launch"),
    b"EmbeddedFile": ("embedded_file", None),
    b"EmbeddedFiles": ("embedded_file", None),
    b"RichMedia": ("active_content", "multimedia"),
}
_RAW_NAME = re.compile(rb"/((?:[A-Za-z]|#[0-9A-Fa-f]{2}){6,13})(?=[\s/\[\]()<>{}%]|$)")
_MAX_DEPTH = 64


@dataclass(frozen=True)
class PdfLimits:
    max_pages: int = 30
    max_objects: int = 100_000


def check_pdf(data: bytes, limits: PdfLimits) -> int:
    """The number of pages of an inert PDF; `DocumentRefused` for anything a viewer would run."""
    _scan_raw(data)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentRefused("encrypted")
        for item in _objects(reader, limits):
            _check_object(item, depth=0)
        pages = len(reader.pages)
    except DocumentRefused:
        raise
    except Exception as error:  # pypdf raises many kinds on hostile input; all mean "cannot be read"
        raise DocumentRefused("malformed", {"detail": type(error).__name__}) from error
    if pages < 1:
        raise DocumentRefused("malformed", {"detail": "no pages"})
    if pages > limits.max_pages:
        raise DocumentRefused("too_many_pages", {"pages": pages, "max_pages": limits.max_pages})
    return pages


def _scan_raw(data: bytes) -> None:
    for match in _RAW_NAME.finditer(data):
        name = _unescape(match.group(1))
        if name in _RAW_NAMES:
            code, found = _RAW_NAMES[name]
            _refuse(code, found)


def _unescape(name: bytes) -> bytes:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)


def _objects(reader: PdfReader, limits: PdfLimits) -> Iterator[PdfObject]:
    """The trailer and every object the cross-reference table lists, object streams included."""
    yield reader.trailer
    numbers = {(number, generation) for generation, table in reader.xref.items() for number in table}
    numbers |= {(number, 0) for number in reader.xref_objStm}
    if len(numbers) > limits.max_objects:
        raise DocumentRefused("malformed", {"detail": "too many objects"})
    for number, generation in sorted(numbers):
        if number == 0:
            continue
        item = reader.get_object(IndirectObject(number, generation, reader))
        if item is not None:
            yield item


def _check_object(item: PdfObject, *, depth: int) -> None:
    """Look at one object and the direct objects inside it (indirect ones are visited on their own).

    The inside first, so that an action is named for what it does before the trigger that holds it.
    """
    if depth > _MAX_DEPTH:
        raise DocumentRefused("malformed", {"detail": "nesting too deep"})
    if isinstance(item, ArrayObject | DictionaryObject):  # a stream is a dictionary: its data stays encoded
        for value in item.values() if isinstance(item, DictionaryObject) else item:
            if not isinstance(value, IndirectObject):
                _check_object(value, depth=depth + 1)
    if isinstance(item, DictionaryObject):
        _check_dictionary(item)


def _check_dictionary(item: DictionaryObject) -> None:
    keys = set(item.keys())
    if "/JS" in keys or "/JavaScript" in keys:
        _refuse("javascript")
    kind = _name(item.get("/S"))
    if kind in _ACTIONS:
        code, found = _ACTIONS[kind]
        _refuse(code, found)
    if "/OpenAction" in keys and not _opens_on_a_page(item["/OpenAction"]):
        _check_action(item["/OpenAction"])
        _refuse("automatic_action", "open_action")
    if "/AA" in keys:
        triggers = _resolved(item["/AA"])
        for action in triggers.values() if isinstance(triggers, DictionaryObject) else []:
            _check_action(action)
        _refuse("automatic_action", "additional_actions")
    if "/EF" in keys or "/EmbeddedFiles" in keys or _name(item.get("/Type")) == "/EmbeddedFile":
        _refuse("embedded_file")
    subtype = _name(item.get("/Subtype"))
    if subtype == "/FileAttachment":
        _refuse("embedded_file")
    if subtype in _MULTIMEDIA:
        _refuse("active_content", "multimedia")
    if "/XFA" in keys or "/NeedsRendering" in keys:
        _refuse("xfa")


def _check_action(action: PdfObject) -> None:
    """An action held by a trigger elsewhere in the file: refused for what it does, if it does harm."""
    target = _resolved(action)
    if isinstance(target, DictionaryObject):
        _check_dictionary(target)


def _resolved(value: PdfObject | None) -> PdfObject | None:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _opens_on_a_page(action: PdfObject | None) -> bool:
    """An open action that only shows a page (a destination, or /GoTo) is what viewers do anyway."""
    target = _resolved(action)
    if isinstance(target, ArrayObject):
        return True
    return isinstance(target, DictionaryObject) and _name(target.get("/S")) == "/GoTo"


def _name(value: PdfObject | None) -> str | None:
    target = _resolved(value)
    return str(target) if isinstance(target, NameObject) else None


def _refuse(code: str, found: str | None = None) -> NoReturn:
    raise DocumentRefused(code, {"found": found} if found else None)
