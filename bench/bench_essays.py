"""Essays: documents inspected per second (safety gate + facts, no rendering) and renders per minute of
1- and 2-page A4 essays with one warm renderer.

    .venv/bin/python bench/bench_essays.py
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from docx import Document  # noqa: E402
from docx.enum.text import WD_BREAK  # noqa: E402
from docx.shared import Mm  # noqa: E402

from concours.kernel.essays import Renderer, count_pages, inspect  # noqa: E402

PARAGRAPH = (
    "Strengthening the organisation's political role calls for steady engagement with partners,"
    " clear priorities and a management culture that rewards initiative and accountability. "
) * 3


def essay(pages: int) -> bytes:
    """An A4 essay of `pages` pages, about 450 words a page."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.core_properties.title = "250875 Key challenges"
    for page in range(pages):
        document.add_heading(f"Key challenges {page + 1}", level=2)
        for _ in range(5):
            document.add_paragraph(PARAGRAPH)
        if page < pages - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def per_second(work: object, seconds: float) -> float:
    assert callable(work)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        work()
        count += 1
    return count / (time.perf_counter() - start)


def main() -> int:
    one, two = essay(1), essay(2)
    rules = {
        "max_pages": 2,
        "paper": "A4",
        "format": "docx",
        "title_must_include": ["250875", "Key challenges"],
    }
    inspected = per_second(lambda: inspect(two, rules=rules, file_name="250875 Key challenges.docx"), 3.0)
    with Renderer() as renderer:
        start = time.perf_counter()
        assert count_pages(renderer.render_pdf(one)) == 1  # starts LibreOffice
        startup = time.perf_counter() - start
        rendered = {}
        for pages, data in ((1, one), (2, two)):
            runs, start = 10, time.perf_counter()
            for _ in range(runs):
                assert count_pages(renderer.render_pdf(data)) == pages
            rendered[pages] = runs / (time.perf_counter() - start) * 60
        approach = "warm LibreOffice" if renderer.warm else "cold LibreOffice"
    with Renderer(warm=False) as cold:
        runs, start = 3, time.perf_counter()
        for _ in range(runs):
            count_pages(cold.render_pdf(one))
        cold_per_minute = runs / (time.perf_counter() - start) * 60
    print(
        f"essays: inspected {inspected:.0f}/s; rendered {rendered[1]:.0f}/min (1 page),"
        f" {rendered[2]:.0f}/min (2 pages), {approach}"
    )
    print(
        f"essays: warm start {startup:.1f} s once;"
        f" cold soffice --convert-to {cold_per_minute:.0f}/min (1 page)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
