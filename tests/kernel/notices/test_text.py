"""Reading notices from text, HTML, PDF and .docx files, and refusing what is not a notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from concours.kernel.notices import NoticeError, parse_notice_text, read_notice_file
from concours.kernel.notices.text import html_to_text

from .conftest import SAMPLES


def test_html_board_noise_is_dropped() -> None:
    """Cookie banners, navigation, related jobs and view counters do not reach the notice text."""
    text = read_notice_file(SAMPLES / "nato_is_two_posts_board.html")
    for noise in ("We use cookies", "Sign in", "Similar jobs", "total views", "Translator (French)"):
        assert noise not in text
    assert "Head, Arms Control Section (1 post)" in text


def test_html_lists_and_label_cells() -> None:
    """<li> becomes a bullet; a table row's label and value stay on one line, apart."""
    text = html_to_text(
        "<main><table><tr><th>Grade</th><td>G15</td></tr></table><ul><li>one</li></ul></main>"
    )
    assert "Grade  G15" in text and "• one" in text


def test_pdf_text_layer() -> None:
    """A PDF's text layer is read and parses like the text it was made from."""
    notice = parse_notice_text(read_notice_file(SAMPLES / "osce_budget_officer.pdf"))
    assert (notice["title"], notice["reference"], notice["location"]) == (
        "Budget Officer",
        "VNSECC01987",
        "Vienna",
    )


def test_docx_list_paragraphs_become_bullets() -> None:
    """Word list paragraphs carry no bullet character; they are read as bullets all the same."""
    notice = parse_notice_text(read_notice_file(SAMPLES / "nspa_procurement_officer.docx"))
    assert len(notice["essential_qualifications"]) == 4
    assert notice["body"] == "NATO Support and Procurement Agency"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary\x00data" * 50, "binary"),
        (b"%PDF-1.4 this is not really a pdf", "unreadable PDF"),
        (b"PK\x03\x04 not a zip", "zip"),
        (b"Shopping list: eggs, milk, bread.", "does not look like a vacancy notice"),
    ],
)
def test_files_that_are_not_notices_are_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    """Empty, binary, damaged and unrelated files raise NoticeError saying why."""
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(NoticeError, match=reason):
        read_notice_file(path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    """A path that does not exist raises NoticeError, not OSError."""
    with pytest.raises(NoticeError, match="cannot read"):
        read_notice_file(tmp_path / "absent.txt")
