"""The parser as a whole: the schema's shape, robustness on arbitrary and truncated input.

The suite runs the parser strict (tests/conftest.py): a rule that raises on any generated input fails the
test that generated it, instead of quietly costing a field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concours.kernel.notices import parse_notice_text, read_notice_file
from concours.kernel.notices.parse import parse_header

from .conftest import SHARED, notice_files

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
# Every key the parser prints: the schema's, and the rules that failed (always present, [] when none).
KEYS = sorted([*REQUIRED, "warnings"])
HEADER_FIELDS = ("title", "reference", "deadline", "grade", "location")
TEXTS = {path.name: read_notice_file(path) for path in notice_files()}
NOISE = [
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


@pytest.fixture(scope="module")
def schema() -> Any:
    """A validator for the shared contract, or None without ../shared (the other checks still run)."""
    if not SHARED.is_dir():
        return None
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads((SHARED / "contracts" / "notice.schema.json").read_text()))


def _well_formed(notice: dict[str, Any], schema: Any) -> None:
    """Every key is there, the document satisfies the contract, and no rule failed on the way."""
    assert sorted(notice) == KEYS
    if schema is not None:
        schema.validate(notice)
    assert notice["warnings"] == []


def test_every_key_is_always_present() -> None:
    """Even an empty text gives every key of the schema, with null or []."""
    notice = parse_notice_text("")
    assert sorted(notice) == KEYS
    assert notice["warnings"] == []
    assert notice["posts"] == [{"title": "", "reference": None, "grade": None, "direct_reports": None}]


def test_outputs_match_the_shared_schema(shared: Path, schema: Any) -> None:
    """Every sample and seed parses to a document valid against notice.schema.json, without warnings."""
    for name, text in TEXTS.items():
        _well_formed(parse_notice_text(text, source_file=name), schema)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(schema: Any, text: str) -> None:
    """Random text gives a document valid against the contract, and no rule fails on it."""
    _well_formed(parse_notice_text(text), schema)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(NOISE), max_size=60))
def test_notice_shaped_noise_never_raises(schema: Any, parts: list[str]) -> None:
    """Fragments of notice vocabulary in any order give a valid document, and no rule fails on them."""
    _well_formed(parse_notice_text("".join(parts)), schema)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(TEXTS)), st.lists(st.sampled_from(NOISE), min_size=1, max_size=40))
def test_noise_after_a_notice_keeps_its_title_and_reference(schema: Any, name: str, parts: list[str]) -> None:
    """Board debris after the notice's end changes neither its title nor its reference, and fails no rule."""
    text = TEXTS[name]
    whole = parse_notice_text(text)
    noisy = parse_notice_text(text + "\n" + "".join(parts))
    _well_formed(noisy, schema)
    assert (noisy["title"], noisy["reference"]) == (whole["title"], whole["reference"])


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
