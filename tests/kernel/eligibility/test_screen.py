from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from concours.kernel.eligibility import compile_requirements, load_profile, render, screen, screen_compiled
from concours.kernel.eligibility.builders import degree, language, notice, post, profile
from concours.kernel.eligibility.errors import InvalidInput

ON = date(2025, 7, 1)


def test_a_candidate_who_meets_everything_is_eligible() -> None:
    verdict = screen(profile(), notice(), on=ON)
    assert verdict.eligible == "yes"
    assert [check.criterion for check in verdict.checks] == [
        "nationality",
        "languages",
        "experience",
        "degree",
    ]


def test_any_failure_makes_the_verdict_no_even_beside_a_review() -> None:
    candidate = profile(nationalities=["CH"], languages=[language("en", "C2", "CEFR"), language("fr", "II")])
    verdict = screen(candidate, notice(), on=ON)
    assert {check.result for check in verdict.checks} >= {"fail", "review"}
    assert verdict.eligible == "no"


def test_a_review_without_failure_makes_the_verdict_review() -> None:
    candidate = profile(languages=[language("en", "C2", "CEFR"), language("fr", "II")])
    assert screen(candidate, notice(), on=ON).eligible == "review"


def test_the_deadline_is_checked_only_with_a_submission_time() -> None:
    late = datetime(2025, 7, 30, 12, 0, tzinfo=UTC)
    assert "deadline" not in [check.criterion for check in screen(profile(), notice(), on=ON).checks]
    verdict = screen(profile(), notice(), on=ON, submitted_at=late)
    assert verdict.eligible == "no" and verdict.checks[-1].criterion == "deadline"


def test_compiled_requirements_give_the_same_verdict() -> None:
    reqs = compile_requirements(notice())
    candidate = profile(experience=[post("2018-01", tags=["senior", "management"])])
    assert screen_compiled(candidate, reqs, on=ON) == screen(candidate, notice(), on=ON)
    assert screen_compiled(load_profile(candidate), reqs, on=ON) == screen(candidate, reqs, on=ON)


def test_every_check_has_a_reason_in_english_and_french_from_its_code() -> None:
    candidate = profile(
        nationalities=["FI"],
        languages=[language("en", "VI"), language("fr", "B1", "CEFR")],
        education=[degree("bachelor", None)],
        experience=[post("2019-01", tags=["management"])],
    )
    verdict = screen(candidate, notice(), on=date(2023, 4, 3), submitted_at=datetime(2025, 1, 1, tzinfo=UTC))
    english, french = verdict.to_dict("en"), verdict.to_dict("fr")
    for check, en, fr in zip(verdict.checks, english["checks"], french["checks"], strict=True):  # type: ignore[arg-type]
        assert en["reason"] == render(check.code, check.params, "en") and en["reason"].endswith(".")
        assert fr["reason"] == render(check.code, check.params, "fr") and fr["reason"] != en["reason"]
        assert en["code"] == check.code and json.loads(json.dumps(en["params"])) == check.params


def test_the_verdict_serialises_with_its_date() -> None:
    document = json.loads(screen(profile(), notice(), on=ON).to_json(lang="fr"))
    assert document["on"] == "2025-07-01" and document["eligible"] == "yes" and document["lang"] == "fr"


def test_invalid_notices_are_refused_naming_the_field() -> None:
    broken = notice()
    del broken["languages"]
    with pytest.raises(InvalidInput, match=r"^notice\.languages: is missing$"):
        compile_requirements(broken)
    with pytest.raises(InvalidInput, match=r"^notice\.experience\[0\]\.min_years"):
        compile_requirements(notice(experience=[{"min_years": "ten", "max_years": None, "of": "policy"}]))
    with pytest.raises(InvalidInput, match=r"^notice\.languages\.any_of\[0\]\[0\]\.min_level"):
        compile_requirements(notice(languages={"scale": "NATO", "any_of": [[{"language": "en"}]]}))


def test_the_kernel_imports_no_django() -> None:
    import subprocess
    import sys

    code = (
        "import sys, concours.kernel.eligibility.cli, concours.kernel.reference;"
        "sys.exit(any(name.split('.')[0] == 'django' for name in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
