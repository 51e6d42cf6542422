"""Table tests over the seed notices' gold parses (../shared/seeds/gold beside the repository)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import validate

from concours.kernel.eligibility import compile_requirements, screen
from concours.kernel.eligibility.builders import degree, language, post, profile

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
GOLD = SHARED / "seeds" / "gold"

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/seeds/gold is not beside the repository")

ALL_TAGS = ["senior", "management", "diplomatic", "multilateral", "international_organisation", "policy",
            "political_analysis", "defence", "security", "change_management", "chairing"]  # fmt: skip


@cache
def gold(reference: str) -> dict[str, Any]:
    """The gold parse of the seed whose file name starts with `reference` (e.g. '002')."""
    (path,) = GOLD.glob(f"{reference}_*.json")
    notice: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return notice


@cache
def verdict_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (SHARED / "contracts" / "verdict.schema.json").read_text(encoding="utf-8")
    )
    return schema


def strong(**changes: Any) -> dict[str, Any]:
    """A candidate who meets every seed: 30 years in posts with every tag, VI English and VI French."""
    base: dict[str, Any] = {
        "nationalities": ["BE"],
        "languages": [language("en", "VI"), language("fr", "VI")],
        "education": [degree("master")],
        "experience": [post("1990-01", None, tags=ALL_TAGS)],
    }
    return profile(**{**base, **changes})


SEEDS = ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_strong_candidate_is_eligible_for_every_seed(seed: str) -> None:
    verdict = screen(strong(), gold(seed), on=date(2025, 1, 1))
    assert verdict.eligible == "yes", verdict.to_json()
    validate(json.loads(verdict.to_json()), verdict_schema())


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(
    ("code", "on", "expected"),
    [("FI", date(2023, 4, 3), "fail"), ("FI", date(2023, 4, 4), "pass"),
     ("SE", date(2024, 3, 6), "fail"), ("SE", date(2024, 3, 7), "pass"), ("AT", date(2025, 1, 1), "fail")],
)  # fmt: skip
def test_membership_edge_cases_for_every_seed(seed: str, code: str, on: date, expected: str) -> None:
    """Seeds 001 and 002 write no restriction: NATO's standing rule still decides."""
    verdict = screen(strong(nationalities=[code]), gold(seed), on=on)
    assert verdict.checks[0].criterion == "nationality"
    assert verdict.checks[0].result == expected


@pytest.mark.parametrize("seed", ["001", "002"])
def test_seeds_without_a_written_restriction_rest_on_the_standing_rule(seed: str) -> None:
    assert gold(seed)["nationality_restriction"] is None
    check = screen(strong(nationalities=["CH"]), gold(seed), on=date(2025, 1, 1)).checks[0]
    assert check.params["standing"] == "nato"


LANGUAGE_TABLE = [
    # seed, English, French, expected
    ("000", "VI", "II", "pass"), ("000", "II", "VI", "pass"),
    ("000", "VI", "I", "fail"), ("000", "V", "V", "fail"),
    ("001", "VI", "I", "pass"), ("001", "I", "VI", "pass"),
    ("001", "V", "VI", "pass"), ("001", "V", "V", "fail"),
    ("002", "I", "VI", "pass"), ("003", "VI", "I", "pass"),
    ("004", "V", "II", "pass"), ("004", "II", "V", "pass"),
    ("004", "IV", "VI", "pass"), ("004", "V", "I", "fail"),
]  # fmt: skip


@pytest.mark.parametrize(("seed", "english", "french", "expected"), LANGUAGE_TABLE)
def test_seed_languages_either_way_round(seed: str, english: str, french: str, expected: str) -> None:
    candidate = strong(languages=[language("en", english), language("fr", french)])
    (check,) = [
        c for c in screen(candidate, gold(seed), on=date(2025, 1, 1)).checks if c.criterion == "languages"
    ]
    assert check.result == expected


def test_seed_250443_accepts_an_equivalent_degree_for_review() -> None:
    assert gold("002")["reference"] == "250443"
    verdict = screen(strong(education=[degree("secondary")]), gold("002"), on=date(2025, 1, 1))
    (check,) = [c for c in verdict.checks if c.criterion == "degree"]
    assert (check.result, verdict.eligible) == ("review", "review")
    # The same candidate fails a seed that does not say "or equivalent".
    verdict = screen(strong(education=[degree("secondary")]), gold("000"), on=date(2025, 1, 1))
    assert verdict.eligible == "no"


EXPERIENCE_TABLE = [
    # seed, tags on a post held 2005-01..2024-12 (20 years), expected per requirement of the seed
    ("000", ["senior", "diplomatic", "management"], ["pass", "pass"]),
    ("000", ["diplomatic", "management"], ["fail", "fail"]),
    ("000", ["senior", "management"], ["fail", "pass"]),
    ("001", ["security"], ["pass"]),
    ("001", ["management"], ["fail"]),
    ("002", ["defence"], ["pass"]),
    ("003", ["senior", "policy"], ["pass"]),
    ("003", ["policy"], ["fail"]),
    ("004", ["political_analysis", "management"], ["pass", "pass"]),
    ("004", ["policy"], ["pass", "fail"]),
]


@pytest.mark.parametrize(("seed", "tags", "expected"), EXPERIENCE_TABLE)
def test_seed_experience_requirements_count_the_matching_posts(
    seed: str, tags: list[str], expected: list[str]
) -> None:
    candidate = strong(experience=[post("2005-01", "2024-12", tags=tags)])
    checks = [
        c for c in screen(candidate, gold(seed), on=date(2025, 1, 1)).checks if c.criterion == "experience"
    ]
    assert [check.result for check in checks] == expected


@pytest.mark.parametrize(
    ("seed", "last_in_time"),
    [
        ("000", datetime(2025, 7, 29, 21, 59, 59, tzinfo=UTC)),  # date alone: midnight in Brussels (UTC+2)
        ("002", datetime(2025, 4, 6, 19, 59, 0, tzinfo=UTC)),  # 21:59:00 in Brussels
        ("004", datetime(2025, 6, 18, 19, 59, 0, tzinfo=UTC)),
    ],
)
def test_seed_deadlines_at_the_second(seed: str, last_in_time: datetime) -> None:
    reqs = compile_requirements(gold(seed))
    on = date(2025, 1, 1)
    assert screen(strong(), reqs, on=on, submitted_at=last_in_time).eligible == "yes"
    assert screen(strong(), reqs, on=on, submitted_at=last_in_time + timedelta(seconds=1)).eligible == "no"
