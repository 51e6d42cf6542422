from __future__ import annotations

import pytest

from concours.kernel.reference.language_scales import language_scale, language_scales


def test_the_four_scales_are_kept_apart() -> None:
    assert set(language_scales()) == {"NATO", "CEFR", "STANAG6001", "UN"}


@pytest.mark.parametrize(
    ("scale", "order"),
    [
        ("NATO", ["I", "II", "III", "IV", "V", "VI"]),
        ("CEFR", ["A1", "A2", "B1", "B2", "C1", "C2"]),
        ("STANAG6001", ["0", "0+", "1", "1+", "2", "2+", "3", "3+", "4", "4+", "5"]),
        ("UN", ["basic", "working", "fluent"]),
    ],
)
def test_levels_are_ordered(scale: str, order: list[str]) -> None:
    table = language_scale(scale)
    ranks = [table.parse(level) for level in order]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


def test_nato_level_names_say_which_are_confirmed() -> None:
    """The seeds confirm I Beginner, II Elementary, V Advanced and VI Proficiency; not III and IV."""
    nato = language_scale("NATO")
    names = {level.code: (level.name("en"), level.confirmed) for level in nato.levels}
    assert names == {
        "I": ("Beginner", True),
        "II": ("Elementary", True),
        "III": ("Intermediate", False),
        "IV": ("Upper intermediate", False),
        "V": ("Advanced", True),
        "VI": ("Proficiency", True),
    }


def test_an_slp_gives_four_skills_in_order() -> None:
    """SLP 3321: Listening 3, Speaking 3, Reading 2, Writing 1 (ranks count half-steps)."""
    assert language_scale("STANAG6001").parse("3321") == (6, 6, 4, 2)


@pytest.mark.parametrize(
    ("scale", "level"), [("STANAG6001", "5+"), ("STANAG6001", "3361"), ("NATO", "VII"), ("CEFR", "D1")]
)
def test_levels_off_the_scale_are_unknown(scale: str, level: str) -> None:
    assert language_scale(scale).parse(level) is None


def test_levels_are_read_whatever_their_case() -> None:
    assert language_scale("NATO").normalise("vi") == "VI"
    assert language_scale("UN").normalise("Fluent") == "fluent"
    assert language_scale("CEFR").normalise("c1") == "C1"


@pytest.mark.parametrize(
    ("scale", "name", "code"),
    [
        ("UN", "working knowledge", "working"),
        ("UN", "Connaissance pratique", "working"),
        ("UN", "fluency", "fluent"),
        ("UN", "maîtrise", "fluent"),
        ("NATO", "Advanced", "V"),
    ],
)
def test_a_level_written_by_its_name_reads_as_its_code(scale: str, name: str, code: str) -> None:
    """Notices write UN levels by name ("working knowledge of French"): the name has the code's ranks,
    but is not offered as a level of its own."""
    table = language_scale(scale)
    assert table.parse(name) == table.parse(code) is not None
    assert name.upper() not in table.written_levels()
