"""Shared builders for the assessment kernel's tests: a five-point scale and scores from compact rows."""

from __future__ import annotations

from concours.kernel.assessment import Point, Scale, Score

FIVE = Scale(
    (
        Point(1, "Showed none of the behaviours", "N'a montré aucun des comportements"),
        Point(2, "Showed few of the behaviours", "A montré peu des comportements"),
        Point(3, "Showed most of the behaviours", "A montré la plupart des comportements"),
        Point(4, "Showed all of the behaviours", "A montré tous les comportements"),
        Point(5, "Showed all of them and set an example", "Les a tous montrés et a servi d'exemple"),
    )
)


def scores(rows: list[tuple[str, str, str, int]]) -> list[Score]:
    """(candidate, member, criterion, value) rows -> Score values."""
    return [Score(candidate, member, criterion, value) for candidate, member, criterion, value in rows]


def scale_from(low: int, high: int) -> Scale:
    return Scale(tuple(Point(value, f"level {value}", f"niveau {value}") for value in range(low, high + 1)))
