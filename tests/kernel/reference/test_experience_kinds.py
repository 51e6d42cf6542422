from __future__ import annotations

import json
from pathlib import Path

import pytest

from concours.kernel.reference.experience_kinds import POST_TAGS, kind_phrases

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def test_the_table_uses_only_the_tags_of_the_contract() -> None:
    assert {phrase.tag for phrase in kind_phrases()} <= set(POST_TAGS)


def test_post_tags_are_those_of_candidate_schema() -> None:
    schema_file = SHARED / "contracts" / "candidate.schema.json"
    if not schema_file.exists():
        pytest.skip("../shared is not beside the repository")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    tags = schema["properties"]["experience"]["items"]["properties"]["tags"]["items"]["enum"]
    assert tuple(tags) == POST_TAGS


def test_longer_phrases_are_read_first() -> None:
    lengths = [len(phrase.phrase) for phrase in kind_phrases()]
    assert lengths == sorted(lengths, reverse=True)
