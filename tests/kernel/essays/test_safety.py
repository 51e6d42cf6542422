"""The gate: hostile or wrong files are refused with a stable code and a reason a candidate understands."""

from __future__ import annotations

import io
import zipfile

import pytest

from concours.kernel.essays import EssayRefused, inspect, open_package
from concours.kernel.essays.safety import Limits, MiB

from .conftest import WORD_MAIN, content_types, essay, replace_parts, zipped

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def refusal(data: bytes, **kwargs: object) -> EssayRefused:
    with pytest.raises(EssayRefused) as caught:
        open_package(data, **kwargs)  # type: ignore[arg-type]
    return caught.value


def test_plain_docx_is_accepted() -> None:
    """A document written by python-docx passes the gate and its main part is found."""
    package = open_package(essay(1))
    assert package.main == "word/document.xml"


def test_the_same_bytes_are_opened_once() -> None:
    """A submission opens its essay at the gate and for its facts: the second open reads nothing again."""
    data = essay(3)
    first = open_package(data)
    assert open_package(bytes(data)) is first  # equal bytes, another object: found by their hash
    assert open_package(essay(4)) is not first


def test_a_package_opened_under_wider_limits_is_not_reused_under_narrower_ones() -> None:
    data = essay(5)
    open_package(data)
    assert refusal(data, limits=Limits(max_entries=2)).code == "zip_bomb"


def test_a_refusal_is_not_remembered() -> None:
    """Each open of a refused file refuses it again (only accepted packages are kept)."""
    data = zipped({"[Content_Types].xml": b"<not xml"})
    assert refusal(data).code == refusal(data).code


def test_empty_file_is_refused() -> None:
    """A 0-byte file is refused as empty."""
    error = refusal(b"")
    assert error.code == "empty"
    assert "empty" in error.reason


def test_too_large_file_is_refused_with_sizes() -> None:
    """A file over the size limit is refused, naming its size and the limit."""
    error = refusal(b"PK\x03\x04" + b"\x00" * (5 * MiB))
    assert error.code == "too_large"
    assert "5.0 MB" in error.reason


def test_size_limit_is_a_parameter() -> None:
    """The size limit can be lowered by the caller."""
    assert refusal(essay(1), limits=Limits(max_bytes=1000)).code == "too_large"


def test_large_file_on_disk_is_refused_before_reading(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A path to an oversized file is refused from its size on disk."""
    path = tmp_path / "big.docx"
    path.write_bytes(b"\x00" * 2000)
    with pytest.raises(EssayRefused) as caught:
        inspect(path, limits=Limits(max_bytes=1000))
    assert caught.value.code == "too_large"


def test_legacy_doc_is_refused() -> None:
    """An OLE2 file (Word 97-2003 .doc) is refused as legacy."""
    error = refusal(OLE2 + b"WordDocument".decode().encode("utf-16-le"))
    assert error.code == "legacy_doc"
    assert ".doc" in error.reason


def test_encrypted_document_is_refused() -> None:
    """An OLE2 container holding EncryptionInfo (a password-protected .docx) is refused as encrypted."""
    error = refusal(OLE2 + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le"))
    assert error.code == "encrypted"
    assert "password" in error.reason


def test_pdf_is_refused_as_not_docx() -> None:
    """A PDF renamed .docx is refused, saying it is a PDF."""
    error = refusal(b"%PDF-1.7\n" + b"\x00" * 100)
    assert error.code == "not_docx"
    assert "PDF" in error.reason


def test_renamed_zip_is_refused_as_not_docx() -> None:
    """A zip that is not a Word document is refused."""
    error = refusal(zipped({"notes.txt": b"hello"}))
    assert error.code == "not_docx"
    assert "ZIP" in error.reason


def test_other_office_document_is_refused_as_not_docx() -> None:
    """A spreadsheet (an Office zip without a Word main part) is refused."""
    sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    data = zipped(
        {"[Content_Types].xml": content_types(("/xl/workbook.xml", sheet)), "xl/workbook.xml": b"<a/>"}
    )
    assert refusal(data).code == "not_docx"


def test_macro_enabled_content_type_is_refused() -> None:
    """A .docm (macro-enabled main content type) is refused as macro."""
    docm = "application/vnd.ms-word.document.macroEnabled.main+xml"
    data = replace_parts(essay(1), {"[Content_Types].xml": content_types(("/word/document.xml", docm))})
    error = refusal(data)
    assert error.code == "macro"
    assert "macro" in error.reason


def test_vba_project_is_refused() -> None:
    """A document carrying vbaProject.bin is refused as macro, whatever its content types say."""
    error = refusal(replace_parts(essay(1), {"word/vbaProject.bin": b"\x00" * 64}))
    assert error.code == "macro"


def test_malformed_zip_is_refused() -> None:
    """A file that starts like a zip but is not one is refused as malformed."""
    error = refusal(b"PK\x03\x04" + b"\x17" * 300)
    assert error.code == "malformed"
    assert "damaged" in error.reason


def test_zip_bomb_by_size_is_refused() -> None:
    """One entry of 200 MB of zeros is refused from the central directory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types(("/word/document.xml", WORD_MAIN)))
        with archive.open("word/document.xml", "w") as entry:
            zeros = b"\x00" * MiB
            for _ in range(200):
                entry.write(zeros)
    error = refusal(out.getvalue())
    assert error.code == "zip_bomb"


def test_zip_bomb_by_ratio_is_refused() -> None:
    """A 20 MB entry that compresses a thousandfold is refused for its ratio."""
    data = zipped({"[Content_Types].xml": content_types(), "word/media/pad.bin": b"\x00" * (20 * MiB)})
    error = refusal(data)
    assert error.code == "zip_bomb"
    assert error.params == {"found": "ratio"}


def test_zip_bomb_by_entry_count_is_refused() -> None:
    """A zip of more entries than a document has is refused."""
    data = zipped({f"word/part{n}.xml": b"<a/>" for n in range(1001)})
    assert refusal(data).code == "zip_bomb"


@pytest.mark.parametrize(
    "name", ["../evil.xml", "/etc/evil.xml", "word\\..\\evil.xml", "word/./x.xml", "C:/x.xml"]
)
def test_path_tricks_are_refused(name: str) -> None:
    """Absolute paths, '..', backslashes and drive letters in entry names are refused as unsafe."""
    error = refusal(replace_parts(essay(1), {name: b"<a/>"}))
    assert error.code == "unsafe_path"


def test_xxe_in_document_is_refused() -> None:
    """A document.xml with a DTD declaring an external entity is refused before anything reads it."""
    payload = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    error = refusal(replace_parts(essay(1), {"word/document.xml": payload}))
    assert error.code == "xml_entities"
    assert "word/document.xml" in error.reason


def test_entity_expansion_in_any_part_is_refused() -> None:
    """A billion-laughs DTD in a part nobody renders (custom XML) is refused too."""
    laughs = b'<!DOCTYPE a [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;">]><a>&l2;</a>'
    assert refusal(replace_parts(essay(1), {"customXml/item1.xml": laughs})).code == "xml_entities"


def test_broken_xml_is_refused_as_malformed() -> None:
    """A main part that is not well-formed XML is refused as malformed."""
    assert refusal(replace_parts(essay(1), {"word/document.xml": b"<w:document"})).code == "malformed"


def test_linked_picture_is_refused() -> None:
    """A picture fetched from a URL while rendering is refused as external content."""
    rels = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId99" TargetMode="External" Target="http://attacker.example/p.png"'
        b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/></Relationships>'
    )
    error = refusal(replace_parts(essay(1), {"word/_rels/document.xml.rels": rels}))
    assert error.code == "external_content"


def test_refusal_reason_is_available_in_french() -> None:
    """Each refusal renders in French from the same code and parameters."""
    error = refusal(b"")
    assert error.reason_in("fr").startswith("Le fichier est vide")
