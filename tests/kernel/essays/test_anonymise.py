"""The panel's copy: no name of the candidate, no metadata, in the .docx and in its PDF."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from concours.kernel.essays import Renderer, anonymise, anonymised_pdf, count_pages, inspect

from .conftest import add_tracked_insertion, parts, replace_parts

NAMES = ["Marie Curie-Dupont"]
CODE = "C-0042"
NAME_PARTS = re.compile(rb"marie|curie|dupont", re.IGNORECASE)


def marie_essay() -> bytes:
    """An essay by Marie Curie-Dupont: her name in the text (split across runs), properties and a comment."""
    document = Document()
    properties = document.core_properties
    properties.author = properties.last_modified_by = "Marie Curie-Dupont"
    properties.title = "250875 Key challenges - Marie Curie-Dupont"
    document.add_heading("Key challenges", level=1)
    paragraph = document.add_paragraph("My name is ")
    paragraph.add_run("Marie Cu").bold = True
    paragraph.add_run("rie-DUPONT, and I have led teams for ten years.")
    document.add_paragraph("Signed: M. Curie-Dupont, Brussels. Contact marie.dupont@example.org.")
    document.add_comment(
        paragraph.runs[0], text="Marie: check this", author="Marie Curie-Dupont", initials="MCD"
    )
    add_tracked_insertion(document, "An insertion.", "Marie Curie-Dupont")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Curie-Dupont - essay"
    out = io.BytesIO()
    document.save(out)
    app = parts(out.getvalue())["docProps/app.xml"].replace(
        b"<Company/>", b"<Company>Curie Consulting</Company>"
    )
    return replace_parts(out.getvalue(), {"docProps/app.xml": app})


def test_anonymised_docx_holds_no_name_anywhere() -> None:
    """No part of the anonymised document mentions any part of the candidate's name."""
    anonymous = anonymise(marie_essay(), names=NAMES, candidate_code=CODE)
    leaks = {name for name, data in parts(anonymous).items() if NAME_PARTS.search(data)}
    assert leaks == set()


def test_anonymised_docx_has_empty_metadata_and_coded_authors() -> None:
    """Properties are emptied; comment and tracked-change authors become the candidate code."""
    facts = inspect(anonymise(marie_essay(), names=NAMES, candidate_code=CODE))
    assert facts.title == ""
    assert (facts.metadata["author"], facts.metadata["last_modified_by"], facts.metadata["company"]) == (
        "",
        "",
        "",
    )
    assert facts.metadata["comment_authors"] == [CODE]
    assert facts.metadata["revision_authors"] == [CODE]


def test_name_split_across_runs_is_replaced_once() -> None:
    """A name Word split over runs reads as the code once, the rest of the sentence intact."""
    facts = inspect(anonymise(marie_essay(), names=NAMES, candidate_code=CODE))
    assert f"My name is {CODE}, and I have led teams for ten years." in facts.text
    assert f"Signed: M. {CODE}, Brussels. Contact [e-mail]." in facts.text


def test_replacement_can_be_redacted() -> None:
    """A caller may ask for "[redacted]" rather than the code in the text."""
    facts = inspect(anonymise(marie_essay(), names=NAMES, candidate_code=CODE, replacement="[redacted]"))
    assert "My name is [redacted]," in facts.text


def test_single_letter_name_parts_are_left_alone() -> None:
    """Name parts under two letters (an initial) are not treated as names."""
    document = Document()
    document.add_paragraph("J wrote a plan.")
    out = io.BytesIO()
    document.save(out)
    facts = inspect(anonymise(out.getvalue(), names=["J Smith"], candidate_code=CODE))
    assert "J wrote a plan." in facts.text


@pytest.mark.libreoffice
def test_anonymised_pdf_shows_neither_name_nor_author(renderer: Renderer) -> None:
    """The panel's PDF has the essay's pages, no name in its text and no author in its metadata."""
    pdf = anonymised_pdf(marie_essay(), NAMES, CODE, renderer)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert CODE in text
    assert not NAME_PARTS.search(text.encode())
    assert reader.metadata is not None
    assert reader.metadata.author is None
    assert reader.metadata.title == CODE
    assert not NAME_PARTS.search(pdf)
    assert count_pages(pdf) == 1
