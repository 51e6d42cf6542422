"""The upload gate: clean PDFs and .docx pass; hostile or wrong files are refused with a stable code."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile_files as hostile
from concours.kernel.documents import CheckedDocument, DocumentRefused, Limits, check_document

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "notices"


def refusal(data: bytes, **kwargs: object) -> DocumentRefused:
    with pytest.raises(DocumentRefused) as caught:
        check_document(data, **kwargs)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    "build",
    [hostile.pdf, hostile.pdf_link_uri, hostile.pdf_open_on_first_page],
    ids=["blank", "web link", "opens on its first page"],
)
def test_inert_pdfs_pass_and_their_pages_are_counted(build: Callable[[], bytes]) -> None:
    """A plain PDF, one with an ordinary web link and one that opens fitted on page 1 all pass."""
    assert check_document(build()) == CheckedDocument(format="pdf", content_type="application/pdf", pages=1)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.pdf")), ids=lambda path: path.name)
def test_our_sample_pdfs_pass(path: Path) -> None:
    """PDFs written by another program than pypdf (our sample notices) pass."""
    assert check_document(path.read_bytes()).format == "pdf"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_pdf_exported_by_libreoffice_passes(tmp_path: Path) -> None:
    """A CV written in Word and exported to PDF by LibreOffice, with its bookmarks, passes."""
    (tmp_path / "cv.docx").write_bytes(hostile.docx("Curriculum vitae: https://www.linkedin.com/in/example"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            'pdf:writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"true"}}',
            "--outdir",
            str(tmp_path),
            str(tmp_path / "cv.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert check_document((tmp_path / "cv.pdf").read_bytes()).pages == 1


def test_a_plain_docx_passes_without_a_page_count() -> None:
    """A .docx passes the essays' safety gate; its pages are known only once rendered."""
    document = check_document(hostile.docx())
    assert (document.format, document.pages) == ("docx", None)
    assert document.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("build", "code", "found"),
    [
        (hostile.pdf_open_action_javascript, "javascript", None),
        (hostile.pdf_escaped_javascript, "javascript", None),
        (hostile.pdf_hidden_javascript, "javascript", None),
        (hostile.pdf_launch, "launch", "launch"),
        (hostile.pdf_link_launch, "launch", "launch"),
        (hostile.pdf_open_action_uri, "automatic_action", "open_action"),
        (hostile.pdf_page_additional_action, "automatic_action", "additional_actions"),
        (hostile.pdf_submit_form, "active_content", "form_submission"),
        (hostile.pdf_embedded_exe, "embedded_file", None),
        (hostile.pdf_xfa, "xfa", None),
        (hostile.pdf_encrypted, "encrypted", None),
        (hostile.pdf_html_polyglot, "polyglot", "pdf_offset"),
        (hostile.pdf_header_after_junk, "polyglot", "pdf_offset"),
        (hostile.pdf_with_markup_in_its_head, "polyglot", "markup"),
    ],
    ids=lambda value: value.__name__ if callable(value) else None,
)
def test_hostile_pdfs_are_refused(build: Callable[[], bytes], code: str, found: str | None) -> None:
    """Scripts, launches, automatic actions, attachments, XFA, encryption and polyglots are refused."""
    error = refusal(build())
    assert error.code == code
    assert error.params.get("found") == found


@pytest.mark.parametrize(
    ("build", "code", "found"),
    [
        (hostile.docx_zip_bomb, "zip_bomb", "ratio"),
        (hostile.docm_renamed, "macro", "macro_enabled"),
        (hostile.docx_xxe, "xml_entities", None),
    ],
    ids=lambda value: value.__name__ if callable(value) else None,
)
def test_hostile_word_documents_are_refused(build: Callable[[], bytes], code: str, found: str | None) -> None:
    """The essays' gate refuses zip bombs, macro documents and XML entities for every upload."""
    error = refusal(build())
    assert error.code == code
    assert error.params.get("found") == found


def test_the_page_limit_is_a_parameter() -> None:
    """A PDF of more pages than allowed is refused, naming both counts."""
    assert check_document(hostile.pdf(3), limits=Limits(max_pdf_pages=3)).pages == 3
    error = refusal(hostile.pdf(4), limits=Limits(max_pdf_pages=3))
    assert (error.code, error.params) == ("too_many_pages", {"pages": 4, "max_pages": 3})
    assert error.reason == "The PDF has 4 pages; at most 3 pages are accepted."


def test_empty_and_oversized_files_are_refused_before_anything_parses_them() -> None:
    """0 bytes is empty; one byte over the limit is too large, even for a file that is no PDF at all."""
    assert refusal(b"").code == "empty"
    error = refusal(b"%PDF-" + b"\x00" * 1000, limits=Limits(max_bytes=1000))
    assert (error.code, error.params) == ("too_large", {"size": 1005, "limit": 1000})


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "doc"),
        (b"<!DOCTYPE html><html><body>CV</body></html>", "html"),
        (b"MZ\x90\x00" + b"\x00" * 60, "program"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 60, "image"),
        (b"{\\rtf1\\ansi CV}", "rtf"),
        (b"Curriculum vitae\nAna Silva\n", "text"),
    ],
    ids=["doc", "html", "exe", "png", "rtf", "text"],
)
def test_anything_but_pdf_and_docx_is_refused_as_a_cv(data: bytes, found: str) -> None:
    """Whatever else a file is, it is refused, saying what it is and what is accepted."""
    error = refusal(data, accept={"pdf"})
    assert (error.code, error.params) == ("not_accepted", {"found": found, "expected": ["pdf"]})


def test_an_essay_must_be_a_docx() -> None:
    """Where only .docx is accepted, a clean PDF is refused as a PDF."""
    error = refusal(hostile.pdf(), accept={"docx"})
    assert (error.code, error.params) == ("not_accepted", {"found": "pdf", "expected": ["docx"]})
    assert error.reason == "The file is a PDF file; accepted: Word (.docx)."
    assert error.reason_in("fr") == "Le fichier est un fichier PDF ; formats acceptés : Word (.docx)."


def test_a_zip_that_is_no_word_document_is_refused_as_not_accepted() -> None:
    """A spreadsheet or any other zip renamed .docx is not a Word document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    error = refusal(out.getvalue())
    assert (error.code, error.params["found"]) == ("not_accepted", "zip")


def test_a_damaged_pdf_is_refused_as_malformed() -> None:
    """A file that starts like a PDF but is not one is refused as damaged, not as a server error."""
    error = refusal(b"%PDF-1.7\n" + b"\x17" * 300)
    assert error.code == "malformed"
    assert error.reason_in("fr").startswith("Le fichier est endommagé")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_pdf_never_raises_anything_but_a_refusal(data: st.DataObject) -> None:
    """Bytes of a clean PDF cut or overwritten anywhere either pass or are refused; nothing else."""
    original = hostile.pdf_link_uri()
    at = data.draw(st.integers(0, len(original) - 1))
    junk = data.draw(st.binary(min_size=0, max_size=40))
    mutated = original[:at] + junk + original[at + len(junk) :] if data.draw(st.booleans()) else original[:at]
    try:
        check_document(mutated)
    except DocumentRefused as refused:
        assert refused.reason and refused.reason_in("fr")
