"""`concours inspect_essay FILE [--notice N.json]`: facts as JSON, refusals on stderr with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from concours.kernel.essays.cli import main

from .conftest import GOLD, essay

NOTICE_250875 = next(p for p in GOLD.glob("*.json") if json.loads(p.read_text())["reference"] == "250875")


def test_prints_the_facts_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without a notice the JSON holds the facts and no checks."""
    path = tmp_path / "essay.docx"
    path.write_bytes(essay(1, title="A title"))
    assert main([str(path), "--no-render"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert {"format", "pages", "paper", "orientation", "words", "title", "metadata"} <= set(facts)
    assert (facts["format"], facts["paper"], facts["title"], facts["pages"]) == (
        "docx",
        "A4",
        "A title",
        None,
    )
    assert "checks" not in facts


@pytest.mark.libreoffice
def test_notice_adds_the_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --notice the pages are rendered and every rule of the notice's essay is checked."""
    path = tmp_path / "250875 Key challenges.docx"
    path.write_bytes(essay(2))
    assert main([str(path), "--notice", str(NOTICE_250875)]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["pages"] == 2
    assert {c["rule"]: c["result"] for c in facts["checks"]} == {
        "format": "pass",
        "pages": "fail",
        "paper": "pass",
        "title": "pass",
    }
    assert all({"rule", "result", "reason"} <= set(c) for c in facts["checks"])


def test_refused_file_exits_2_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A refused file prints nothing on stdout, its code and reason on stderr, and exits 2."""
    path = tmp_path / "essay.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "refused (legacy_doc)" in captured.err
    assert "Word 97-2003" in captured.err


def test_refusal_can_be_given_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--lang fr gives the refusal's reason in French."""
    path = tmp_path / "vide.docx"
    path.write_bytes(b"")
    assert main([str(path), "--lang", "fr"]) == 2
    assert "Le fichier est vide" in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that does not exist is reported on stderr with exit 2."""
    assert main([str(tmp_path / "nowhere.docx"), "--no-render"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_unreadable_notice_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A notice that is not JSON is reported on stderr with exit 2."""
    path, notice = tmp_path / "essay.docx", tmp_path / "notice.json"
    path.write_bytes(essay(1))
    notice.write_text("not json")
    assert main([str(path), "--notice", str(notice), "--no-render"]) == 2
    assert "not a JSON notice" in capsys.readouterr().err
