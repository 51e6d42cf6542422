"""The parser as a whole: the schema's shape, robustness on arbitrary and truncated input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concours.kernel.notices import parse_notice_text, read_notice_file
from concours.kernel.notices.parse import parse_header

from .conftest import notice_files

REQUIRED = [
    "source_file",
    "organisation",
    "body",
    "division",
    "title",
    "reference",
    "posts",
    "grade",
    "location",
    "deadline",
    "posted",
    "schedule",
    "salary",
    "contract",
    "reports_to",
    "direct_reports",
    "indirect_reports",
    "staff_managed",
    "principal_issues",
    "key_challenges",
    "essential_qualifications",
    "desirable_qualifications",
    "experience",
    "min_years_experience",
    "degree",
    "languages",
    "competencies",
    "nationality_restriction",
    "essay",
    "genai_prohibited",
    "selection_timeline",
]
HEADER_FIELDS = ("title", "reference", "deadline", "grade", "location")
TEXTS = {path.name: read_notice_file(path) for path in notice_files()}


def test_every_key_is_always_present() -> None:
    """Even an empty text gives every key of the schema, with null or []."""
    notice = parse_notice_text("")
    assert sorted(notice) == sorted(REQUIRED)
    assert notice["posts"] == [{"title": "", "reference": None, "grade": None, "direct_reports": None}]


def test_outputs_match_the_shared_schema(shared: Path) -> None:
    """Every sample and seed parses to a document valid against notice.schema.json."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared / "contracts" / "notice.schema.json").read_text())
    for name, text in TEXTS.items():
        jsonschema.validate(parse_notice_text(text, source_file=name), schema)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    """Random text gives a notice-shaped dict, never an exception."""
    assert sorted(parse_notice_text(text)) == sorted(REQUIRED)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "• ",
                "1. SUMMARY\n",
                "ESSENTIAL\n",
                "Grade: G",
                "Deadline: 3 June ",
                "2025",
                "\n",
                ":",
                "(",
                "VI in one and ",
                "years",
                "-",
                " ",
            ]
        ),
        max_size=60,
    )
)
def test_notice_shaped_noise_never_raises(parts: list[str]) -> None:
    """Fragments of notice vocabulary in any order never make the parser raise."""
    parse_notice_text("".join(parts))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(TEXTS)), st.floats(min_value=0.0, max_value=1.0))
def test_a_cut_notice_keeps_the_header_fields_before_the_cut(name: str, where: float) -> None:
    """Cut anywhere, a notice still gives, unchanged, each header field whose evidence precedes the cut."""
    text = TEXTS[name]
    full = parse_notice_text(text)
    ends = parse_header(text).ends
    cut = int(len(text) * where)
    prefix = parse_notice_text(text[:cut])
    for field in HEADER_FIELDS:
        if field in ends and ends[field] <= cut:
            assert prefix[field] == full[field], (field, cut)
