"""An essay's facts against the seed notices' essay rules: pages, paper, format and title."""

from __future__ import annotations

from dataclasses import replace

import pytest

from concours.kernel.essays import EssayFacts, Renderer, check_essay, inspect
from concours.kernel.essays.checks import title_includes

from .conftest import essay, seed_rules

RULES = seed_rules()


def results(facts: EssayFacts, rules: dict[str, object], file_name: str) -> dict[str, str]:
    return {check.rule: check.result for check in check_essay(facts, rules, file_name=file_name)}


def test_seed_rules_are_the_ones_the_notices_state() -> None:
    """The seeds ask for 2 pages (251082, 250443) or 1 page (250875) of A4, with the title rule."""
    assert {ref: rules["max_pages"] for ref, rules in RULES.items()} == {
        "251082": 2,
        "250443": 2,
        "250875": 1,
    }
    for reference, rules in RULES.items():
        assert rules["paper"] == "A4"
        assert rules["title_must_include"] == [reference, "Key challenges"]


@pytest.mark.libreoffice
@pytest.mark.parametrize("reference", sorted(RULES))
def test_essay_of_the_allowed_length_passes_every_rule(reference: str, renderer: Renderer) -> None:
    """An A4 essay of exactly the allowed pages, well named, passes every rule of its notice."""
    rules = RULES[reference]
    facts = inspect(essay(int(rules["max_pages"])), renderer=renderer)
    assert results(facts, rules, f"{reference} - Key challenges.docx") == {
        "format": "pass",
        "pages": "pass",
        "paper": "pass",
        "title": "pass",
    }


@pytest.mark.libreoffice
@pytest.mark.parametrize("reference", sorted(RULES))
def test_essay_one_page_too_long_fails_the_page_rule(reference: str, renderer: Renderer) -> None:
    """An essay one page longer than the notice allows fails the page rule, saying both counts."""
    rules = RULES[reference]
    allowed = int(rules["max_pages"])
    facts = inspect(essay(allowed + 1), renderer=renderer)
    checks = {c.rule: c for c in check_essay(facts, rules, file_name=f"{reference} Key challenges.docx")}
    assert checks["pages"].result == "fail"
    assert f"at most {allowed} page" in checks["pages"].reason
    assert f"fills {allowed + 1} pages" in checks["pages"].reason
    assert "pages" in checks["pages"].reason_fr


def test_letter_paper_fails_the_a4_rule() -> None:
    """A Letter-size essay fails the A4 rule, naming both papers in both languages."""
    facts = inspect(essay(1, paper="Letter"))
    check = next(c for c in check_essay(facts, RULES["250875"], file_name="x") if c.rule == "paper")
    assert check.result == "fail"
    assert "A4" in check.reason and "Letter" in check.reason
    assert check.reason_fr.startswith("L'avis demande le format A4")


def test_pages_are_pending_until_rendered() -> None:
    """Without a rendering the page rule is pending, not passed."""
    facts = inspect(essay(1))
    assert results(facts, RULES["250875"], "250875 Key challenges.docx")["pages"] == "pending"


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("251082 Key challenges.docx", "pass"),
        ("251082_key_CHALLENGES.docx", "pass"),
        ("Key-challenges (251082).docx", "pass"),
        ("Key challenges.docx", "fail"),
        ("251082 essay.docx", "fail"),
        ("2510823 Key challenges.docx", "fail"),
    ],
)
def test_title_rule_reads_the_file_name(file_name: str, expected: str) -> None:
    """The file name must include the reference and "Key challenges", whatever the case or separators."""
    facts = replace(inspect(essay(1)), pages=1)
    assert results(facts, RULES["251082"], file_name)["title"] == expected


def test_title_property_informs_but_does_not_decide() -> None:
    """A document titled correctly but badly named fails; the reason quotes the title property."""
    facts = inspect(essay(1, title="251082 Key challenges"))
    check = next(c for c in check_essay(facts, RULES["251082"], file_name="essay.docx") if c.rule == "title")
    assert check.result == "fail"
    assert "“251082” and “Key challenges”" in check.reason
    assert "“251082 Key challenges”" in check.reason
    assert check.params["title_property_includes"] is True


def test_missing_phrases_are_named_in_the_reason() -> None:
    """A failed title rule names exactly the missing phrases, in English and French."""
    facts = inspect(essay(1))
    check = next(c for c in check_essay(facts, RULES["250443"], file_name="250443.docx") if c.rule == "title")
    assert check.params["missing"] == ["Key challenges"]
    assert "lacks “Key challenges”" in check.reason
    assert "il manque « Key challenges »" in check.reason_fr


def test_notice_without_rules_checks_nothing() -> None:
    """Empty rules give no checks."""
    assert check_essay(inspect(essay(1)), {}, file_name="x.docx") == []


def test_title_includes_needs_whole_words() -> None:
    """A reference inside a longer number does not count."""
    assert title_includes("ref 250443 key challenges", "250443")
    assert not title_includes("ref 1250443", "250443")
