"""`concours calibrate_genai_signal`: measure the signal on an organisation's own essays and store the
threshold, if one keeps the false-positive rate's upper 95 % bound at most 1 % in every language group.

Human essays must have been written before generative tools were common: before 30 November 2022 (the
day ChatGPT was opened to the public). Later ones may hold machine text and would make the false-positive
rate look worse or better than it is; `--allow-recent` takes them anyway, and the corpus says so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concours.genai.selectors import organisation_find
from concours.genai.services import CalibrationNotMet, calibration_of, calibration_store
from concours.kernel.genai import GroupFigures, load_model, score_many

COMMON_SINCE = dt.date(2022, 11, 30)
MACHINE = "machine"


@dataclass
class Corpus:
    """The essays read from the files: scores per human group and for the machine essays."""

    human: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    machine: list[float] = field(default_factory=list)
    not_assessable: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    written: list[dt.date] = field(default_factory=list)


def _lines(path: str) -> list[dict[str, Any]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommandError(f"{path}:{number}: not JSON ({error.msg})") from error
        if not isinstance(row, dict) or ("text" in row) == ("score" in row):
            raise CommandError(f'{path}:{number}: give either "text" or "score"')
        row["_where"] = f"{path}:{number}"
        rows.append(row)
    return rows


def _written(row: dict[str, Any]) -> dt.date:
    try:
        return dt.date.fromisoformat(str(row["written"]))
    except (KeyError, ValueError) as error:
        raise CommandError(f'{row["_where"]}: "written" must be a date, YYYY-MM-DD') from error


def _check_human(rows: list[dict[str, Any]], *, allow_recent: bool) -> list[dt.date]:
    dates = []
    recent = []
    for row in rows:
        if not str(row.get("group", "")).strip():
            raise CommandError(f'{row["_where"]}: a human essay needs its language "group"')
        written = _written(row)
        dates.append(written)
        if written >= COMMON_SINCE:
            recent.append(row["_where"])
    if recent and not allow_recent:
        raise CommandError(
            f"{len(recent)} human essay(s) written on or after {COMMON_SINCE.isoformat()}, when generative "
            f"tools were common (first: {recent[0]}): they may hold machine text. Leave them out, or pass "
            "--allow-recent to take them anyway."
        )
    return dates


def _scores(rows: list[dict[str, Any]], model: Any) -> list[float | None]:
    """Given scores as they are; texts scored with the model (loaded once); None: not assessable."""
    texts = [row["text"] for row in rows if "text" in row]
    assessed = iter(score_many(model(), texts)) if texts else iter(())
    scores: list[float | None] = []
    for row in rows:
        if "score" in row:
            scores.append(float(row["score"]))
        else:
            assessment = next(assessed)
            scores.append(assessment.score if assessment.assessable else None)
    return scores


def _group_json(figures: dict[str, GroupFigures]) -> dict[str, dict[str, Any]]:
    return {
        name: {"n": g.n, "flagged": g.flagged, "fpr": g.fpr, "fpr_upper": g.fpr_upper}
        for name, g in sorted(figures.items())
    }


class Command(BaseCommand):
    help = (
        "Calibrate the advisory generative-AI signal on an organisation's own essays (human ones tagged "
        "with a language group and written before 30 November 2022, machine ones on the same prompts); "
        "stores the calibration when every group's false-positive rate has an upper 95 % bound of 1 % "
        "at most, else says why and exits with 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="name or code of the organisation")
        parser.add_argument(
            "--human", required=True, help='JSON lines: {"text" or "score", "group", "written": "YYYY-MM-DD"}'
        )
        parser.add_argument("--machine", required=True, help='JSON lines: {"text" or "score"}')
        parser.add_argument(
            "--allow-recent", action="store_true", help="take human essays written on or after 2022-11-30"
        )
        parser.add_argument("--json", action="store_true", help="print a JSON summary")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_find(options["organisation"])
        if organisation is None:
            raise CommandError(f"No organisation named or coded {options['organisation']!r}.")
        human_rows = _lines(options["human"])
        machine_rows = _lines(options["machine"])
        dates = _check_human(human_rows, allow_recent=options["allow_recent"])
        if not human_rows or not machine_rows:
            raise CommandError("Both files must hold essays.")

        loaded: list[Any] = []

        def model() -> Any:  # loaded once, and only when some essay is given as text
            if not loaded:
                loaded.append(load_model())
            return loaded[0]

        corpus = Corpus()
        for row, score in zip(human_rows, _scores(human_rows, model), strict=True):
            group = str(row["group"]).strip()
            if score is None:
                corpus.not_assessable[group] += 1
            else:
                corpus.human[group].append(score)
        for score in _scores(machine_rows, model):
            if score is None:
                corpus.not_assessable[MACHINE] += 1
            else:
                corpus.machine.append(score)
        description = {
            "human": {group: len(scores) for group, scores in sorted(corpus.human.items())},
            "machine": len(corpus.machine),
            "not_assessable": dict(sorted(corpus.not_assessable.items())),
            "written_from": min(dates).isoformat(),
            "written_to": max(dates).isoformat(),
            "recent_allowed": bool(options["allow_recent"]),
        }
        summary: dict[str, Any] = {"organisation": organisation.name, "corpus": description}
        try:
            stored = calibration_store(
                organisation=organisation,
                human_scores_by_group=dict(corpus.human),
                machine_scores=corpus.machine,
                corpus=description,
                actor=None,
            )
        except CalibrationNotMet as refused:
            summary |= {
                "stored": False,
                "groups": _group_json(refused.refused.figures),
                "reasons": refused.reasons,
            }
            self._print(summary, as_json=options["json"])
            raise CommandError("Not stored, the switch stays off: " + "; ".join(refused.reasons)) from refused
        calibration = calibration_of(stored)
        summary |= {
            "stored": True,
            "calibration": stored.pk,
            "threshold": calibration.threshold,
            "detection_rate": calibration.detection_rate,
            "groups": _group_json(calibration.groups),
            "reasons": [],
        }
        self._print(summary, as_json=options["json"])

    def _print(self, summary: dict[str, Any], *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        corpus = summary["corpus"]
        self.stdout.write(
            f"{summary['organisation']}: human essays written "
            f"{corpus['written_from']} to {corpus['written_to']}"
            f"{' (recent ones allowed)' if corpus['recent_allowed'] else ''}; "
            f"{corpus['machine']} machine essays; not assessable: {corpus['not_assessable'] or 'none'}"
        )
        self.stdout.write(f"{'group':<20} {'n':>6} {'flagged':>8} {'FPR':>8} {'upper 95 %':>11}")
        for name, g in summary["groups"].items():
            self.stdout.write(
                f"{name:<20} {g['n']:>6} {g['flagged']:>8} {g['fpr']:>8.2%} {g['fpr_upper']:>11.2%}"
            )
        if summary["stored"]:
            self.stdout.write(f"detection rate: {summary['detection_rate']:.1%}")
            self.stdout.write(
                f"Stored as calibration {summary['calibration']}; "
                "an administrator may now switch the signal on."
            )
        else:
            for reason in summary["reasons"]:
                self.stderr.write(reason)
