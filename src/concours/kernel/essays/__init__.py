"""Essays: is the uploaded .docx safe, what are its facts (pages as rendered on A4, title, metadata,
text), does it meet the notice's rules, and the panel's anonymised copy.

    facts = inspect(data, rules=notice["essay"], file_name=upload.name)       # on upload, no rendering
    facts = inspect(data, renderer=renderer, rules=..., file_name=...)        # in a task: pages counted
    pdf = anonymised_pdf(data, names, candidate_code, renderer, extra_terms=...)  # for the panel
"""

from __future__ import annotations

from concours.kernel.essays.anonymise import anonymise, anonymised_pdf
from concours.kernel.essays.checks import EssayCheck, check_essay
from concours.kernel.essays.errors import EssayRefused, RenderError
from concours.kernel.essays.facts import EssayFacts, inspect
from concours.kernel.essays.render import Renderer, count_pages, default_renderer, render_pdf
from concours.kernel.essays.safety import Limits, open_package

__all__ = [
    "EssayCheck",
    "EssayFacts",
    "EssayRefused",
    "Limits",
    "RenderError",
    "Renderer",
    "anonymise",
    "anonymised_pdf",
    "check_essay",
    "count_pages",
    "default_renderer",
    "inspect",
    "open_package",
    "render_pdf",
]
