"""Shared paths for the notice-parser tests: the repository, the project's samples, the shared seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "samples" / "notices"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def notice_files() -> list[Path]:
    """Every sample notice, and every shared seed when ../shared is there."""
    files = sorted(
        p for p in SAMPLES.iterdir() if p.is_file() and p.suffix in (".txt", ".html", ".pdf", ".docx")
    )
    if SEEDS.is_dir():
        files += sorted(SEEDS.glob("*.txt"))
    return files


@pytest.fixture
def shared() -> Path:
    """The shared directory beside the repository; the test is skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared seeds and scoring tool come with the project's checkout")
    return SHARED
