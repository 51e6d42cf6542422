"""Pages as LibreOffice renders them: the warm renderer's count is the known one, and the cold one's."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from concours.kernel.essays import EssayRefused, Renderer, RenderError, count_pages, inspect

from .conftest import essay, png

pytestmark = pytest.mark.libreoffice

A4_POINTS = (595, 842)


@pytest.mark.parametrize("pages", [1, 2, 3])
def test_a4_essay_renders_to_its_known_page_count(renderer: Renderer, pages: int) -> None:
    """Essays of 1, 2 and 3 A4 pages are counted as 1, 2 and 3, by the inspector and by the PDF."""
    data = essay(pages)
    pdf = renderer.render_pdf(data)
    facts = inspect(data, renderer=renderer)
    assert count_pages(pdf) == pages
    assert facts.pages == pages
    assert facts.paper == "A4"
    first = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == A4_POINTS


def test_table_and_image_keep_the_page_count(renderer: Renderer) -> None:
    """A two-page essay with a table and a picture still renders to two pages."""
    data = essay(2, table=True, image=True)
    assert inspect(data, renderer=renderer).pages == 2 == count_pages(renderer.render_pdf(data))


def test_letter_document_is_reported_as_letter(renderer: Renderer) -> None:
    """A US Letter document is read as Letter, portrait, and renders on Letter paper."""
    data = essay(1, paper="Letter")
    facts = inspect(data, renderer=renderer)
    assert (facts.paper, facts.orientation, facts.pages) == ("Letter", "portrait", 1)
    box = PdfReader(io.BytesIO(renderer.render_pdf(data))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_landscape_document_is_reported_as_landscape(renderer: Renderer) -> None:
    """An A4 landscape document is A4, landscape, and renders wider than high."""
    data = essay(1, landscape=True)
    facts = inspect(data, renderer=renderer)
    assert (facts.paper, facts.orientation, facts.pages) == ("A4", "landscape", 1)
    box = PdfReader(io.BytesIO(renderer.render_pdf(data))).pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_warm_and_cold_rendering_agree(renderer: Renderer) -> None:
    """The warm renderer counts the pages a cold `soffice --convert-to` gives."""
    data = essay(2, image=True)
    with Renderer(warm=False) as cold:
        assert cold.approach.startswith("cold")
        assert count_pages(cold.render_pdf(data)) == count_pages(renderer.render_pdf(data)) == 2


def test_renderer_refuses_unsafe_bytes_before_libreoffice(renderer: Renderer) -> None:
    """render_pdf runs the safety gate itself: a non-docx is refused and the next essay still renders."""
    with pytest.raises(EssayRefused) as caught:
        renderer.render_pdf(png(4, 4))
    assert caught.value.code == "not_docx"
    assert count_pages(renderer.render_pdf(essay(1))) == 1


def test_document_with_comments_renders_warm(renderer: Renderer) -> None:
    """A commented essay renders (comments crash LibreOffice's nogui view, so they are left out)."""
    document = Document()
    paragraph = document.add_paragraph("A remark is attached here.")
    document.add_comment(paragraph.runs, text="Shorten.", author="Reviewer", initials="R")
    out = io.BytesIO()
    document.save(out)
    assert inspect(out.getvalue(), renderer=renderer).pages == 1


def test_timeout_stops_libreoffice_and_the_next_render_restarts_it() -> None:
    """A render over the time limit raises RenderError; the renderer then starts afresh."""
    with Renderer(timeout=0.001) as hasty:
        with pytest.raises(RenderError, match="longer than"):
            hasty.render_pdf(essay(1))
        hasty.timeout = 120
        assert count_pages(hasty.render_pdf(essay(1))) == 1


def test_closing_removes_temporary_files() -> None:
    """A closed renderer leaves no temporary folder behind and refuses further work."""
    renderer = Renderer()
    renderer.render_pdf(essay(1))
    workdir = Path(renderer._state.workdir)
    assert workdir.exists()
    renderer.close()
    assert not workdir.exists()
    with pytest.raises(RenderError):
        renderer.render_pdf(essay(1))


def test_count_pages_refuses_bytes_that_are_not_a_pdf() -> None:
    """count_pages raises RenderError for bytes that are not a PDF."""
    with pytest.raises(RenderError):
        count_pages(b"not a pdf")
