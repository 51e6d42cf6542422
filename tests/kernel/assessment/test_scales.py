"""Scales: points with anchors in English and French; a comment at either end."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concours.kernel.assessment import InvalidAssessment, Point, Scale, needs_comment

from .conftest import FIVE, scale_from


def test_a_score_at_either_end_needs_a_comment() -> None:
    """The lowest and the highest point need a comment; the points between do not."""
    assert [needs_comment(FIVE, value) for value in (1, 2, 3, 4, 5)] == [True, False, False, False, True]


@given(st.integers(-5, 5), st.integers(1, 6), st.data())
def test_only_the_extremes_need_a_comment(low: int, width: int, data: st.DataObject) -> None:
    """On any scale, a value needs a comment exactly when it is the scale's minimum or maximum."""
    scale = scale_from(low, low + width)
    value = data.draw(st.integers(low, low + width))
    assert needs_comment(scale, value) is (value in (low, low + width))


def test_a_value_off_the_scale_is_refused() -> None:
    """needs_comment does not answer for 0 or 6 on a 1-5 scale, nor for 2.5 or True."""
    for value in (0, 6, 2.5, True):
        with pytest.raises(InvalidAssessment, match="not a point of the scale 1, 2, 3, 4, 5"):
            needs_comment(FIVE, value)  # type: ignore[arg-type]


def test_each_point_has_its_anchor_in_english_and_french() -> None:
    """The anchor is read in the reader's language; another language gets English."""
    point = FIVE.point(5)
    assert point.anchor("en") == "Showed all of them and set an example"
    assert point.anchor("fr") == "Les a tous montrés et a servi d'exemple"
    assert point.anchor("de") == point.anchor("en")
    assert (FIVE.minimum, FIVE.maximum) == (1, 5)


@pytest.mark.parametrize(
    ("points", "field"),
    [
        ((Point(1, "one", "un"),), "scale.points"),
        ((Point(1, "one", "un"), Point(1, "one", "un")), "scale.points[1].value"),
        ((Point(2, "two", "deux"), Point(1, "one", "un")), "scale.points[1].value"),
        ((Point(1, "one", "un"), Point(2, "two", " ")), "scale.points[1].anchor_fr"),
        ((Point(1, "", "un"), Point(2, "two", "deux")), "scale.points[0].anchor_en"),
        ((Point(1, "one", "un"), Point(2.5, "two", "deux")), "scale.points[1].value"),  # type: ignore[arg-type]
    ],
)
def test_a_malformed_scale_is_refused(points: tuple[Point, ...], field: str) -> None:
    """Fewer than two points, points out of order or repeated, a missing anchor, a fraction: refused."""
    with pytest.raises(InvalidAssessment) as refused:
        Scale(points)
    assert refused.value.field == field
