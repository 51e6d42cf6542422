"""`concours calibrate_genai_signal`: scores read from JSON lines, the figures printed, the calibration
stored or refused with the reason; human essays written once generative tools were common refused."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from concours.genai.models import SignalCalibration
from genai_scenario import HUMAN, MACHINE, organisation

pytestmark = pytest.mark.django_db


def _files(tmp_path: Path, human: dict[str, list[float]], *, written: str = "2020-03-02") -> tuple[str, str]:
    human_file, machine_file = tmp_path / "human.jsonl", tmp_path / "machine.jsonl"
    human_file.write_text(
        "".join(
            json.dumps({"score": score, "group": group, "written": written}) + "\n"
            for group, scores in human.items()
            for score in scores
        )
    )
    machine_file.write_text("".join(json.dumps({"score": score}) + "\n" for score in MACHINE))
    return str(human_file), str(machine_file)


def test_the_command_stores_a_calibration_and_prints_its_figures_as_json(tmp_path: Path) -> None:
    unit = organisation()
    human, machine = _files(tmp_path, HUMAN)
    out = StringIO()
    call_command(
        "calibrate_genai_signal", organisation=unit.code, human=human, machine=machine, json=True, stdout=out
    )
    summary = json.loads(out.getvalue())
    assert summary["stored"] is True and summary["detection_rate"] == 1.0
    assert summary["groups"]["non-native"]["n"] == 400 and summary["groups"]["non-native"]["flagged"] == 0
    assert summary["corpus"]["written_to"] == "2020-03-02"
    stored = SignalCalibration.objects.get(organisation=unit)
    assert stored.pk == summary["calibration"] and stored.corpus["human"] == {
        "native": 400,
        "non-native": 400,
    }


def test_the_command_refuses_a_group_too_small_and_says_how_many_are_needed(tmp_path: Path) -> None:
    unit = organisation()
    human, machine = _files(tmp_path, {"native": HUMAN["native"], "non-native": HUMAN["non-native"][:80]})
    out = StringIO()
    with pytest.raises(CommandError, match=r"group non-native: 80 essays .* at least 299 are needed"):
        call_command(
            "calibrate_genai_signal",
            organisation=unit.name,
            human=human,
            machine=machine,
            stdout=out,
            stderr=StringIO(),
        )
    assert "non-native" in out.getvalue()  # the figures per group are printed all the same
    assert not SignalCalibration.objects.exists()


def test_human_essays_written_once_generative_tools_were_common_are_refused_unless_allowed(
    tmp_path: Path,
) -> None:
    unit = organisation()
    human, machine = _files(tmp_path, HUMAN, written="2023-05-01")
    with pytest.raises(CommandError, match="2022-11-30"):
        call_command(
            "calibrate_genai_signal", organisation=unit.code, human=human, machine=machine, stdout=StringIO()
        )
    assert not SignalCalibration.objects.exists()
    call_command(
        "calibrate_genai_signal",
        organisation=unit.code,
        human=human,
        machine=machine,
        allow_recent=True,
        stdout=StringIO(),
    )
    assert SignalCalibration.objects.get().corpus["recent_allowed"] is True


def test_an_unknown_organisation_is_refused(tmp_path: Path) -> None:
    human, machine = _files(tmp_path, HUMAN)
    with pytest.raises(CommandError, match="No organisation"):
        call_command("calibrate_genai_signal", organisation="Nowhere", human=human, machine=machine)
