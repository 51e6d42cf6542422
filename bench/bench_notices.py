"""Notices parsed per second on one core, and the parser's scores on the seeds, on the samples and on
the real notices (../shared/notices-real, read where they are).

    .venv/bin/python bench/bench_notices.py

The corpus is the project's samples and the shared seeds, multiplied with variations (shuffled bullets,
other numbers and dates, board noise around the text) so that no two texts are equal. The real notices
(page openings and whole notices as organisations and boards publish them) are timed on their own.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from concours.kernel.notices import parse_notice_text, read_notice_file  # noqa: E402

SAMPLES = ROOT / "samples" / "notices"
SHARED = ROOT.parent / "shared"
CORPUS_SIZE = 1000
NOISE = (
    "Apply now Apply later",
    "1766 total views, 5 today",
    "We use cookies. Accept all",
    "Share  Print Job",
)


def _sources() -> list[str]:
    files = [p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html", ".pdf", ".docx")]
    if (SHARED / "seeds").is_dir():
        files += list((SHARED / "seeds").glob("*.txt"))
    return [read_notice_file(p) for p in sorted(files)]


def _vary(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    bullets = [i for i, line in enumerate(lines) if line.lstrip().startswith(("•", "*", "-"))]
    shuffled = [lines[i] for i in bullets]
    rng.shuffle(shuffled)
    for i, line in zip(bullets, shuffled, strict=True):
        lines[i] = line
    text = "\n".join(lines)
    text = re.sub(r"\b(\d{1,2}) years", lambda m: f"{int(m.group(1)) + rng.randint(0, 3)} years", text)
    text = re.sub(r"\b20(2\d)\b", lambda m: f"20{int(m.group(1)) + rng.randint(0, 2)}", text)
    return f"{rng.choice(NOISE)}\n{text}\n{rng.choice(NOISE)}"


def _real_notices() -> list[str]:
    real = SHARED / "notices-real"
    return [read_notice_file(p) for part in ("prefixes", "full") for p in sorted((real / part).glob("*.txt"))]


def _per_second(texts: list[str], passes: int = 3) -> float:
    # CPU time of this process, best of `passes`: other processes on the machine only slow a pass down.
    elapsed = float("inf")
    for _ in range(passes):
        started = time.process_time()
        for text in texts:
            parse_notice_text(text)
        elapsed = min(elapsed, time.process_time() - started)
    return len(texts) / elapsed


def _real_score() -> str:
    """The last lines of score-notices-real: the page openings' recall and precision, the whole notices'
    mean."""
    tool = SHARED / "tools" / "score-notices-real"
    if not tool.exists():
        return "(../shared absent)"
    command = [str(tool), "--", str(ROOT / ".venv/bin/concours"), "parse_notice"]
    out = subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()
    return out.splitlines()[-1] if out else "(no output)"


def _score(gold: Path, notices: Path) -> str:
    tool = SHARED / "tools" / "score-notices"
    if not tool.exists():
        return "(../shared absent)"
    command = [
        str(tool),
        "--quiet",
        "--gold",
        str(gold),
        "--notices",
        str(notices),
        "--",
        str(ROOT / ".venv/bin/concours"),
        "parse_notice",
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()


def main() -> None:
    """Print the throughput and the two score lines."""
    rng = random.Random(20251)
    sources = _sources()
    corpus = [_vary(sources[i % len(sources)], rng) for i in range(CORPUS_SIZE)]
    print(f"corpus: {len(corpus)} notices from {len(sources)} sources, {sum(map(len, corpus)) // 1024} KiB")
    print(f"notices parsed per second: {_per_second(corpus):.0f}")
    real = _real_notices() if (SHARED / "notices-real").is_dir() else []
    if real:
        print(
            f"real notices: {len(real)} ({sum(map(len, real)) // 1024} KiB), parsed per second:"
            f" {_per_second(real * 10):.0f}"
        )
    print(f"seeds:   {_score(SHARED / 'seeds' / 'gold', SHARED / 'seeds')}")
    print(f"samples: {_score(SAMPLES / 'gold', SAMPLES)}")
    print(f"real:    {_real_score()}")


if __name__ == "__main__":
    main()
