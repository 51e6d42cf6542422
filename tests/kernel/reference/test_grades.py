from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.reference.grades import grade_levels, same_or_higher


@pytest.mark.parametrize(
    ("grade", "levels"),
    [
        ("NATO Grade G15", {"G": (15, 15)}),
        ("G22", {"G": (22, 22)}),
        ("NATO SSS Grade G15 (ABCL A2)", {"G": (15, 15), "A": (2, 2)}),
        ("A.6", {"A": (6, 6)}),
        ("A-2", {"A": (2, 2)}),
        ("A1/A2", {"A": (1, 2)}),
        ("A2-A4", {"A": (2, 4)}),
        ("A2-4", {"A": (2, 4)}),
        ("B-4/G-10", {"B": (4, 4), "G": (10, 10)}),
        ("C.3", {"C": (3, 3)}),
        ("P-3", {"P": (3, 3)}),
        ("P5", {"P": (5, 5)}),
        ("D-1", {"P": (6, 6)}),
        ("ASG", {"P": (8, 8)}),
        ("G-6", {"G": (6, 6)}),
        ("GS-5", {"G": (5, 5)}),
        ("NO-A", {"NO": (1, 1)}),
        ("NOA", {"NO": (1, 1)}),
        ("NO-2", {"NO": (2, 2)}),
        ("NPSA5", {"NPSA": (5, 5)}),
        ("IICA 1", {"IICA": (1, 1)}),
        ("AD8", {"AD": (8, 8)}),
        ("AST2", {"AST": (2, 2)}),
        ("AST/SC 1", {"AST/SC": (1, 1)}),
        ("FGIII.08", {"FG": (3, 3)}),
        ("CST II", {"CST": (2, 2)}),
        ("GF", {"WB": (6, 6)}),
        ("PR4", {"PR": (4, 4)}),
        ("F1 - F1", {"F": (1, 1)}),
        ("Unclassified", {}),
        ("Consultant", {}),
        ("", {}),
    ],
)
def test_grades_as_organisations_write_them(grade: str, levels: dict[str, tuple[int, int]]) -> None:
    assert grade_levels(grade) == levels


@pytest.mark.parametrize(
    ("grade", "than", "expected"),
    [
        ("G17", "G15", True),
        ("NATO Grade G15", "G15", True),
        ("G15", "G17", False),
        ("A.4", "A3", True),
        ("A3", "A.4", False),
        ("D-1", "P-5", True),  # directors sit above the professional ladder
        ("P-5", "D-1", False),
        ("A4", "B3", False),  # another scale says nothing
        ("A3", "A2-A4", False),  # the post may be filled at A4
        ("A2-A4", "A4", True),
        ("B-4/G-10", "G-9", True),
        ("Consultant", "G10", False),
        ("G10", "Unclassified", False),
    ],
)
def test_same_or_higher_within_a_scale(grade: str, than: str, expected: bool) -> None:
    assert same_or_higher(grade, than) is expected


SCALES = st.sampled_from(["G", "A", "B", "C", "P", "AD", "AST", "NPSA"])
SEPARATORS = st.sampled_from(["", "-", ".", " "])


@given(SCALES, SEPARATORS, st.integers(1, 30), st.integers(1, 30))
def test_one_scale_is_ordered_by_its_level(scale: str, separator: str, one: int, other: int) -> None:
    grade, than = f"{scale}{separator}{one}", f"{scale}{other}"
    assert same_or_higher(grade, than) is (one >= other)
    assert same_or_higher(grade, grade)
    if one != other:  # never both ways between different levels
        assert same_or_higher(grade, than) != same_or_higher(than, grade)


@given(st.integers(1, 20), st.integers(1, 20), st.integers(1, 20))
def test_the_order_is_transitive(a: int, b: int, c: int) -> None:
    grades = [f"G{a}", f"G{b}", f"G{c}"]
    if same_or_higher(grades[0], grades[1]) and same_or_higher(grades[1], grades[2]):
        assert same_or_higher(grades[0], grades[2])


@given(st.text(max_size=40))
def test_any_text_is_read_without_error(text: str) -> None:
    for low, high in grade_levels(text).values():
        assert 0 <= low <= high


def test_nato_agency_and_french_eu_spellings_share_their_scales() -> None:
    """NCIA's 'NG 17' is on NATO's G scale; the French 'GF III' is the function group FG III."""
    assert grade_levels("NG 17") == {"G": (17, 17)}
    assert grade_levels("GF III") == {"FG": (3, 3)}
    assert same_or_higher("NG 17", "NATO Grade G15")
    assert not same_or_higher("GF II", "FG III")
