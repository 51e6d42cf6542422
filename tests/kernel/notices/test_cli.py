"""`concours parse_notice FILE...`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from concours.kernel.notices.cli import main

from .conftest import SAMPLES


def test_json_lines_one_per_notice_with_source_file(capsys: pytest.CaptureFixture[str]) -> None:
    """Each notice prints one JSON object on its own line, with the path as given."""
    paths = [str(SAMPLES / "ncia_cloud_engineer.txt"), str(SAMPLES / "osce_budget_officer.pdf")]
    assert main(paths) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["source_file"] for line in lines] == paths


def test_bad_files_are_named_on_stderr_and_the_rest_still_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Empty, binary and non-notice files are reported by name; the good notice is printed; exit is 1."""
    empty, binary, chat = tmp_path / "empty.txt", tmp_path / "photo.jpg", tmp_path / "chat.txt"
    empty.write_bytes(b"")
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 20)
    chat.write_text("Hello, are we still on for lunch tomorrow?")
    good = str(SAMPLES / "un_political_affairs_officer.txt")
    assert main([str(empty), good, str(binary), str(chat)]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["source_file"] for line in out.splitlines()] == [good]
    for bad in (empty, binary, chat):
        assert str(bad) in err


def test_no_arguments_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Without files the command prints its usage on stderr and exits 2."""
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
