"""A parser rule that fails: raised under tests, contained (logged, listed in `warnings`) in production."""

from __future__ import annotations

import ast
import importlib
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from concours.kernel.notices import parse_notice_text, read_notice_file, role, rules
from concours.kernel.notices.cli import main
from concours.kernel.notices.rules import RULES, STRICT_ENV

from .conftest import ROOT, SAMPLES, notice_files

# Its report counts (4 direct, 7 indirect) show whether the rule patched below ran.
REPORTING = SAMPLES / "nato_is_energy_security_fr.txt"
TEXTS = {path.name: read_notice_file(path) for path in notice_files()}
PACKAGE = ROOT / "src" / "concours" / "kernel" / "notices"


class Broken(Exception):
    """What a patched rule raises: an exception no real rule raises, so a test can tell it apart."""


def _broken(*args: object, **kwargs: object) -> Any:
    raise Broken("rule broken by the test")


def _break(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the rule listed as `name` ("module.attribute") raise wherever the parser calls it."""
    module, attribute = name.split(".")
    target = importlib.import_module(f"concours.kernel.notices.{module}")
    assert callable(getattr(target, attribute)), name
    monkeypatch.setattr(target, attribute, _broken)


@pytest.fixture
def lenient(monkeypatch: pytest.MonkeyPatch) -> None:
    """Production behaviour for one test: failing rules are contained."""
    monkeypatch.setenv(STRICT_ENV, "0")


def test_the_suite_runs_the_parser_strict() -> None:
    """tests/conftest.py turns strict mode on for every test, so no rule failure can pass unseen."""
    assert rules.strict()


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("0", False), ("", False)])
def test_strict_mode_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    """`CONCOURS_PARSER_STRICT` is read at each failure, so a test (or a subprocess) may set it late."""
    monkeypatch.setenv(STRICT_ENV, value)
    assert rules.strict() is expected


def test_a_failing_rule_raises_in_strict_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under tests the rule's own exception reaches the caller."""
    monkeypatch.setattr(role, "report_counts", _broken)
    with pytest.raises(Broken):
        parse_notice_text(read_notice_file(REPORTING))


@pytest.mark.usefixtures("lenient")
def test_a_failing_rule_costs_its_fields_and_is_named_and_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """In production the notice keeps every other field; `warnings` and the log name the rule and error."""
    text = read_notice_file(REPORTING)
    whole = parse_notice_text(text, source_file="energy.txt")
    assert (whole["direct_reports"], whole["indirect_reports"], whole["warnings"]) == (4, 7, [])

    monkeypatch.setattr(role, "report_counts", _broken)
    with caplog.at_level(logging.ERROR, logger="concours.kernel.notices"):
        broken = parse_notice_text(text, source_file="energy.txt")

    assert broken["warnings"] == [
        {
            "rule": "role.report_counts",
            "fields": ["direct_reports", "indirect_reports", "posts"],
            "error": "Broken",
            "message": "rule broken by the test",
        }
    ]
    assert (broken["direct_reports"], broken["indirect_reports"]) == (None, None)
    same = {key for key in whole if key not in ("direct_reports", "indirect_reports", "posts", "warnings")}
    assert {key: broken[key] for key in same} == {key: whole[key] for key in same}
    assert broken["title"] and broken["reference"] == "251377"
    [record] = caplog.records
    assert "role.report_counts" in record.getMessage() and "energy.txt" in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is Broken


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_that_raises_fails_a_strict_parse(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Whichever rule is broken, parsing a notice raises under tests: no rule can fail without a red test."""
    _break(monkeypatch, name)
    with pytest.raises(Broken):
        parse_notice_text(read_notice_file(REPORTING))


@pytest.mark.usefixtures("lenient")
@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_that_raises_costs_only_the_fields_it_lists(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Contained, a broken rule leaves every field outside its listed ones as the whole parse gives it, and
    is the one warning."""
    wholes = {file: parse_notice_text(text) for file, text in TEXTS.items()}
    _break(monkeypatch, name)
    for file, text in TEXTS.items():
        broken = parse_notice_text(text)
        assert [(w["rule"], w["error"]) for w in broken["warnings"]] == [(name, "Broken")], file
        kept = [key for key in wholes[file] if key not in (*RULES[name], "warnings")]
        assert {key: broken[key] for key in kept} == {key: wholes[file][key] for key in kept}, file


def test_every_listed_rule_runs_on_every_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The list of rules is the list the parser runs: none is dead, so each test above patches a live one."""
    seen: set[str] = set()
    run = rules.Rules.run

    def spy(self: rules.Rules, name: str, *args: Any, **kwargs: Any) -> Any:
        seen.add(name)
        return run(self, name, *args, **kwargs)

    monkeypatch.setattr(rules.Rules, "run", spy)
    for file, text in TEXTS.items():
        seen.clear()
        parse_notice_text(text)
        assert seen == set(RULES), file


def _broad_handlers(path: Path) -> list[ast.ExceptHandler]:
    broad = {"Exception", "BaseException"}
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.ExceptHandler):
            continue
        types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
        if any(t is None or (isinstance(t, ast.Name) and t.id in broad) for t in types):
            found.append(node)
    return found


def test_no_other_catch_all_in_the_parser() -> None:
    """Only rules.py may contain a failure; text.py's catch-alls turn a damaged file into a NoticeError."""
    handlers = {path.name: _broad_handlers(path) for path in sorted(PACKAGE.glob("*.py"))}
    assert {name: len(found) for name, found in handlers.items() if found} == {"rules.py": 1, "text.py": 2}
    for handler in handlers["text.py"]:
        assert isinstance(handler.body[-1], ast.Raise)


def test_cli_prints_no_warnings_for_a_clean_parse(capsys: pytest.CaptureFixture[str]) -> None:
    """A notice every rule reads gives `"warnings": []` and nothing on stderr."""
    assert main([str(REPORTING)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["warnings"] == [] and err == ""


@pytest.mark.usefixtures("lenient")
def test_cli_names_each_warning_on_stderr_and_keeps_its_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A failing rule: every notice is still printed, with its warnings, each named on stderr; exit 0."""
    monkeypatch.setattr(role, "report_counts", _broken)
    paths = [str(REPORTING), str(SAMPLES / "ncia_cloud_engineer.txt")]
    assert main(paths) == 0
    out, err = capsys.readouterr()
    printed = [json.loads(line) for line in out.splitlines()]
    assert [p["source_file"] for p in printed] == paths
    assert all([w["rule"] for w in p["warnings"]] == ["role.report_counts"] for p in printed)
    lines = err.splitlines()
    assert len(lines) == 2
    for path, line in zip(paths, lines, strict=True):
        assert line.startswith(f"concours parse_notice: {path}: warning:")
        assert "role.report_counts" in line and "Broken" in line
