"""The facts read from a document without rendering: paper, words, title, metadata, text."""

from __future__ import annotations

import io

from docx import Document

from concours.kernel.essays import inspect

from .conftest import add_tracked_insertion, essay, parts, replace_parts


def test_facts_without_renderer_leave_pages_unknown() -> None:
    """Without a renderer every fact is read but the page count, which stays None."""
    facts = inspect(essay(2, title="251082 Key challenges"))
    assert facts.format == "docx"
    assert facts.pages is None
    assert (facts.paper, facts.orientation) == ("A4", "portrait")
    assert facts.title == "251082 Key challenges"


def test_words_count_the_body_text() -> None:
    """The word count is the number of space-separated words of the body, tables included."""
    document = Document()
    document.add_paragraph("Four words are here.")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "two more"
    out = io.BytesIO()
    document.save(out)
    facts = inspect(out.getvalue())
    assert facts.words == 6
    assert "Four words are here." in facts.text


def test_metadata_names_author_editor_company_commenters_and_revisers() -> None:
    """Metadata gathers the author, last editor, company, comment authors and tracked-change authors."""
    document = Document()
    document.core_properties.author = "Ada Lovelace"
    document.core_properties.last_modified_by = "Charles Babbage"
    paragraph = document.add_paragraph("A sentence worth a remark.")
    document.add_comment(paragraph.runs, text="Shorten this.", author="Mary Somerville", initials="MS")
    add_tracked_insertion(document, "Inserted words.", "Augustus De Morgan")
    out = io.BytesIO()
    document.save(out)
    app = parts(out.getvalue())["docProps/app.xml"].replace(
        b"<Company/>", b"<Company>Analytical Engines Ltd</Company>"
    )
    facts = inspect(replace_parts(out.getvalue(), {"docProps/app.xml": app}))
    assert facts.metadata["author"] == "Ada Lovelace"
    assert facts.metadata["last_modified_by"] == "Charles Babbage"
    assert facts.metadata["company"] == "Analytical Engines Ltd"
    assert facts.metadata["comment_authors"] == ["Mary Somerville"]
    assert facts.metadata["revision_authors"] == ["Augustus De Morgan"]


def test_unknown_paper_is_given_in_millimetres() -> None:
    """A page size that is no named paper is reported as width×height in millimetres."""
    data = essay(1)
    xml = parts(data)["word/document.xml"]
    start = xml.index(b"<w:pgSz")
    end = xml.index(b"/>", start) + 2
    odd = xml[:start] + b'<w:pgSz w:w="9000" w:h="9000"/>' + xml[end:]
    facts = inspect(replace_parts(data, {"word/document.xml": odd}))
    assert facts.paper == "159×159 mm"


def test_file_name_comes_from_the_path(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Inspecting a path checks the title rule against that file's name."""
    path = tmp_path / "250875 Key challenges.docx"
    path.write_bytes(essay(1))
    facts = inspect(path, rules={"title_must_include": ["250875", "Key challenges"]})
    assert [(c.rule, c.result) for c in facts.checks] == [("title", "pass")]
