"""Ten simultaneous submissions on the demo's SQLite database all succeed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ten_simultaneous_submissions_on_a_sqlite_file_all_succeed(tmp_path: Path) -> None:
    """Run in a process of its own on a SQLite file with the demo's settings (WAL, busy timeout,
    transactions that take the write lock when they begin): the test suite's own SQLite database is in
    memory, where none of these apply. Every submission is kept once, with its profile as submitted."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")])}
    run = subprocess.run(
        [sys.executable, str(ROOT / "tests/applications/sqlite_rush.py"), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    assert (outcome["transaction_mode"], outcome["journal_mode"]) == ("IMMEDIATE", "wal")
    assert outcome["answers"] == ["submitted"] * 10, outcome["answers"]
    assert outcome["all_at_once"] is True
    assert outcome["stored"] == outcome["with_snapshot"] == 10
