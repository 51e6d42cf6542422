from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import validate

from concours.kernel.eligibility.builders import notice, post, profile
from concours.kernel.eligibility.cli import main

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
VERDICT_SCHEMA = SHARED / "contracts" / "verdict.schema.json"


def write(tmp_path: Path, name: str, content: Any) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def run(tmp_path: Path, candidate: Any, the_notice: Any = None, *extra: str) -> list[str]:
    return [
        "--notice", write(tmp_path, "notice.json", notice() if the_notice is None else the_notice),
        "--candidate", write(tmp_path, "candidate.json", candidate),
        *extra,
    ]  # fmt: skip


def test_a_valid_run_prints_a_verdict_matching_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(run(tmp_path, profile(nationalities=["FI"]), None, "--on", "2023-04-03")) == 0
    verdict = json.loads(capsys.readouterr().out)
    if VERDICT_SCHEMA.exists():
        validate(verdict, json.loads(VERDICT_SCHEMA.read_text(encoding="utf-8")))
    assert verdict["eligible"] == "no" and verdict["on"] == "2023-04-03"
    assert verdict["checks"][0]["code"] == "nationality.fail_not_yet"


def test_reasons_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(run(tmp_path, profile(), None, "--on", "2025-01-01", "--lang", "fr")) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["eligible"] == "yes"
    assert verdict["checks"][0]["reason"].startswith("Le poste est ouvert aux ressortissants")


def test_the_application_date_defaults_to_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import datetime

    assert main(run(tmp_path, profile())) == 0
    assert json.loads(capsys.readouterr().out)["on"] == datetime.now().astimezone().date().isoformat()


def test_a_submission_time_checks_the_deadline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = run(tmp_path, profile(), None, "--on", "2025-07-01", "--submitted-at", "2025-07-30T00:00:00+02:00")
    assert main(args) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["checks"][-1]["criterion"] == "deadline" and verdict["eligible"] == "no"


def _profile_with(**changes: Any) -> dict[str, Any]:
    return {**profile(), **changes}


@pytest.mark.parametrize(
    ("candidate", "the_notice", "extra", "words"),
    [
        ("{not json", None, (), "candidate: "),
        ({"languages": [], "education": [], "experience": []}, None, (),
         "candidate.nationalities: is missing"),
        (_profile_with(nationalities=["XX"]), None, (),
         'candidate.nationalities[0]: "XX" is not an ISO 3166-1'),
        (
            _profile_with(experience=[post("2010-01"), post("2015-01"), post("2019-13")]),
            None, (), 'candidate.experience[2].start: "2019-13" is not a valid date',
        ),
        (_profile_with(experience=[post("2010-01", fte=1.2)]), None, (), "candidate.experience[0].fte: 1.2"),
        (profile(), "[1, 2", (), "notice: "),
        (profile(), {"title": "no keys"}, (), "notice.organisation: is missing"),
        (profile(), notice(deadline="2025-02-30"), (), "notice.deadline: "),
        (profile(), None, ("--on", "2023-02-30"), '--on: "2023-02-30" is not a valid date'),
        (profile(), None, ("--submitted-at", "2025-07-01T12:00"), "--submitted-at: "),
    ],
)  # fmt: skip
def test_invalid_input_exits_2_naming_the_field(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    candidate: Any,
    the_notice: Any,
    extra: tuple[str, ...],
    words: str,
) -> None:
    assert main(run(tmp_path, candidate, the_notice, *extra)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--notice", str(tmp_path / "nowhere.json"), "--candidate", write(tmp_path, "c.json", profile())]
    assert main(args) == 2
    assert "notice: cannot read" in capsys.readouterr().err


def test_missing_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--notice", "n.json"]) == 2
    assert "--candidate" in capsys.readouterr().err


def test_the_concours_command_dispatches_here_without_django(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "import sys; from concours.cli import main; sys.exit(main())"]
    args = run(tmp_path, profile(), None, "--on", "2025-01-01")
    done = subprocess.run([*command, "check_eligibility", *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["eligible"] == "yes"
    args = run(tmp_path, "nope")
    failed = subprocess.run(
        [*command, "check_eligibility", *args], capture_output=True, text=True, check=False
    )
    assert failed.returncode == 2 and "candidate: " in failed.stderr


def test_a_deadline_at_a_station_of_unknown_zone_is_left_to_a_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Late in Kabul, in time in Brussels: with the zone unknown, the verdict asks for a review, in shape."""
    the_notice = notice(location="Mazar-i-Sharif, Afghanistan", deadline="2025-07-29T23:59:00")
    args = run(
        tmp_path, profile(), the_notice, "--on", "2025-07-29", "--submitted-at", "2025-07-29T21:00:00Z"
    )
    assert main(args) == 0
    verdict = json.loads(capsys.readouterr().out)
    if VERDICT_SCHEMA.exists():
        validate(verdict, json.loads(VERDICT_SCHEMA.read_text(encoding="utf-8")))
    deadline = next(check for check in verdict["checks"] if check["criterion"] == "deadline")
    assert deadline["result"] == "review" and verdict["eligible"] == "review"
    assert "time zone is not known" in deadline["reason"]


def _deadline_check(tmp_path: Path, capsys: pytest.CaptureFixture[str], the_notice: Any, *extra: str) -> Any:
    assert main(run(tmp_path, profile(), the_notice, *extra)) == 0
    verdict = json.loads(capsys.readouterr().out)
    if VERDICT_SCHEMA.exists():
        validate(verdict, json.loads(VERDICT_SCHEMA.read_text(encoding="utf-8")))
    checks = [check for check in verdict["checks"] if check["criterion"] == "deadline"]
    return verdict["eligible"], (checks[0]["code"] if checks else None)


@pytest.mark.parametrize(
    ("deadline", "on", "expected"),
    [
        ("2025-07-29", "2025-07-28", ("yes", "deadline.pass")),
        ("2025-07-29", "2025-07-29", ("yes", "deadline.pass")),  # the end of the deadline's day
        ("2025-07-29", "2025-07-30", ("no", "deadline.fail")),
        ("2025-04-06T21:59:00", "2025-04-06", ("yes", "deadline.pass")),
        ("2025-04-06T21:59:00", "2025-04-07", ("no", "deadline.fail")),
    ],
)
def test_the_application_date_is_checked_against_the_deadline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], deadline: str, on: str, expected: tuple[str, str]
) -> None:
    the_notice = notice(location="Brussels, Belgium", deadline=deadline)
    assert _deadline_check(tmp_path, capsys, the_notice, "--on", on) == expected


def test_the_application_date_at_a_station_of_unknown_zone_is_compared_day_with_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    the_notice = notice(location="Mazar-i-Sharif, Afghanistan", deadline="2025-07-29")
    assert _deadline_check(tmp_path, capsys, the_notice, "--on", "2025-07-29") == ("yes", "deadline.pass")
    assert _deadline_check(tmp_path, capsys, the_notice, "--on", "2025-07-30") == ("no", "deadline.fail")


def test_the_submission_time_is_checked_rather_than_the_application_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    the_notice = notice(location="Brussels, Belgium", deadline="2025-07-29")
    extra = ("--on", "2025-07-29", "--submitted-at", "2025-07-30T00:00:00+02:00")
    assert _deadline_check(tmp_path, capsys, the_notice, *extra) == ("no", "deadline.fail")


def test_without_a_date_or_a_time_the_deadline_is_not_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    the_notice = notice(location="Brussels, Belgium", deadline="2020-01-31")
    assert _deadline_check(tmp_path, capsys, the_notice) == ("yes", None)
