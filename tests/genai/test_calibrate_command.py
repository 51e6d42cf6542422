"""`concours calibrate_genai_signal`: scores read from JSON lines, the figures printed, the calibration
stored or refused with the reason; human essays written once generative tools were common refused; essays
given as text scored with the packaged model (marked genai: 21 s, measured on a busy shared machine,
of which 4 s load the model)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from concours.genai.model_file import model_identity
from concours.genai.models import SignalCalibration
from concours.kernel.genai import TOO_SHORT, assess, calibrate, load_model
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


# The essays of Liang et al. (2023), read where they are (see their README), never copied here.
GENAI_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "genai-eval"
# The shortest native essay and GPT-3 essay that the signal assesses (158 and 165 words: it needs 150),
# and two TOEFL essays, shorter than that (every TOEFL essay is).
REAL = {
    "native": ("Human_Data_HewlettStudentEssay_real_88", [18]),
    "non-native": ("Human_Data_TOEFL_real_91", [0, 1]),
    "machine": ("GPT_Data_CollegeEssay_gpt3_31", [27]),
}
# Neither set is dated in its README; both were published before generative tools were common.
WRITTEN = "2020-01-06"


def _real_essays(which: str) -> list[str]:
    name, indexes = REAL[which]
    essays = json.loads((GENAI_EVAL / f"{name}.json").read_text(encoding="utf-8"))
    return [essays[index]["document"] for index in indexes]


def _lines_of(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


@pytest.mark.genai
def test_the_command_scores_essays_given_as_text_with_the_packaged_model(tmp_path: Path) -> None:
    """Real essays go through the model, among scores given as numbers in the same files.

    A group needs 299 human essays before its bound can reach 1 % (minutes of scoring), so each group is
    topped up with 400 made-up scores far below any the model gives, and the machine essays with 100 far
    above: some threshold always meets the bound, and where it stops depends on the real essays' scores.
    The stored figures must be the kernel's on the scores the worker's `assess` gives the same texts,
    each in its group; the TOEFL essays, too short, are counted as not assessable, not scored.
    """
    if not GENAI_EVAL.is_dir():
        pytest.skip(f"{GENAI_EVAL} is not there")
    model = load_model()
    real = {which: _real_essays(which) for which in REAL}
    native, machine = assess(model, real["native"][0]), assess(model, real["machine"][0])
    assert native.score is not None and machine.score is not None
    assert [assess(model, text).reason for text in real["non-native"]] == [TOO_SHORT] * 2
    made_up = [-20 - i / 100 for i in range(400)]
    machine_made_up = [20 + i / 100 for i in range(100)]

    def human(group: str, scores: list[float]) -> list[dict[str, object]]:
        return [{"score": score, "group": group, "written": WRITTEN} for score in scores]

    def text(group: str, essay: str) -> dict[str, object]:
        return {"text": essay, "group": group, "written": WRITTEN}

    # Texts first, in the middle and last: each must get its own score back, and in its own group.
    human_file, machine_file = tmp_path / "human.jsonl", tmp_path / "machine.jsonl"
    human_file.write_text(
        _lines_of(
            [text("non-native", essay) for essay in real["non-native"]]
            + human("non-native", made_up)
            + human("native", made_up[:200])
            + [text("native", real["native"][0])]
            + human("native", made_up[200:])
        )
    )
    machine_file.write_text(
        _lines_of([{"score": score} for score in machine_made_up] + [{"text": real["machine"][0]}])
    )
    unit = organisation()
    out = StringIO()
    call_command(
        "calibrate_genai_signal",
        organisation=unit.code,
        human=str(human_file),
        machine=str(machine_file),
        json=True,
        stdout=out,
    )
    summary = json.loads(out.getvalue())
    assert summary["corpus"] == {
        "human": {"native": 401, "non-native": 400},
        "machine": 101,
        "not_assessable": {"non-native": 2},
        "written_from": WRITTEN,
        "written_to": WRITTEN,
        "recent_allowed": False,
    }
    expected = calibrate(
        {"native": [*made_up, native.score], "non-native": made_up}, [*machine_made_up, machine.score]
    )
    stored = SignalCalibration.objects.get(organisation=unit)
    assert stored.pk == summary["calibration"] and stored.model == model_identity()
    assert stored.figures == expected.to_json()
    assert (summary["threshold"], summary["detection_rate"]) == (expected.threshold, expected.detection_rate)
