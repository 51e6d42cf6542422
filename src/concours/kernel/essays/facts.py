"""The facts of an essay: `inspect` checks the upload is safe, reads it, and (given a renderer) counts
its pages as LibreOffice lays them out.

Without a renderer the facts are complete but for `pages` (None): that is the quick check to run while
the candidate waits; the page count comes from a background task with the warm renderer. Either way a
document that would cost too much to lay out is refused first (`cost.py`), so that the quick check
already tells the candidate.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from concours.kernel.essays import docx
from concours.kernel.essays.checks import EssayCheck, check_essay
from concours.kernel.essays.cost import DEFAULT_RENDER_LIMITS, RenderLimits, check_layout, check_markup
from concours.kernel.essays.errors import EssayRefused
from concours.kernel.essays.messages import JSON
from concours.kernel.essays.render import Renderer, count_pages
from concours.kernel.essays.safety import DEFAULT_LIMITS, Limits, open_package


@dataclass(frozen=True)
class EssayFacts:
    """What an accepted essay is. `paper`/`orientation` are the first section's; `sections` lists all."""

    format: str
    paper: str | None
    orientation: str | None
    sections: list[docx.Section]
    pages: int | None
    words: int
    title: str
    metadata: dict[str, JSON]
    text: str
    size: int
    checks: list[EssayCheck] = field(default_factory=list)

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """The facts as JSON-ready data; the text is left out unless asked for (it can be long)."""
        data: dict[str, Any] = {
            "format": self.format,
            "pages": self.pages,
            "paper": self.paper,
            "orientation": self.orientation,
            "sections": [
                {
                    "paper": s.paper,
                    "orientation": s.orientation,
                    "width_mm": s.width_mm,
                    "height_mm": s.height_mm,
                }
                for s in self.sections
            ],
            "words": self.words,
            "title": self.title,
            "size": self.size,
            "metadata": self.metadata,
        }
        if with_text:
            data["text"] = self.text
        if self.checks:
            data["checks"] = [check.to_dict() for check in self.checks]
        return data

    def to_json(self, *, with_text: bool = False) -> str:
        return json.dumps(self.to_dict(with_text=with_text), ensure_ascii=False, indent=2)


def inspect(
    source: bytes | str | os.PathLike[str],
    *,
    renderer: Renderer | None = None,
    rules: Mapping[str, Any] | None = None,
    file_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    cost: RenderLimits = DEFAULT_RENDER_LIMITS,
) -> EssayFacts:
    """The facts of the essay in `source` (its bytes, or a path); `EssayRefused` when it is unsafe.

    With `renderer` the pages are counted as rendered; with `rules` (a notice's `essay` object) the
    facts carry the checks against them, the file name being `file_name` or the path's name. `cost`
    bounds what the document may hold (`EssayRefused("too_costly")` beyond it), rendered or not.
    """
    data = _read(source, limits)
    if file_name is None and not isinstance(source, bytes):
        file_name = Path(source).name
    check_markup(data, cost)  # before anything is inflated
    package = open_package(data, limits=limits)
    sections = docx.sections(package)
    text = docx.body_text(package)
    check_layout(package, text, cost)
    core = docx.core_properties(package)
    app = docx.app_properties(package)
    metadata: dict[str, JSON] = {
        "author": core.get("creator", ""),
        "last_modified_by": core.get("last_modified_by", ""),
        "company": app.get("company", ""),
        "manager": app.get("manager", ""),
        "application": app.get("application", ""),
        "comment_authors": list(docx.comment_authors(package)),
        "revision_authors": list(docx.revision_authors(package)),
    }
    pages = count_pages(renderer.render_pdf(data)) if renderer is not None else None
    first = sections[0] if sections else None
    facts = EssayFacts(
        format="docx",
        paper=first.paper if first else None,
        orientation=first.orientation if first else None,
        sections=sections,
        pages=pages,
        words=docx.word_count(text),
        title=core.get("title", ""),
        metadata=metadata,
        text=text,
        size=len(data),
    )
    if rules is None:
        return facts
    checks = check_essay(facts, rules, file_name=file_name or "")
    return replace(facts, checks=checks)


def _read(source: bytes | str | os.PathLike[str], limits: Limits) -> bytes:
    if isinstance(source, bytes):
        return source
    path = Path(source)
    size = path.stat().st_size  # before reading: a huge upload is refused without loading it
    if size > limits.max_bytes:
        raise EssayRefused("too_large", {"size": size, "limit": limits.max_bytes})
    return path.read_bytes()
