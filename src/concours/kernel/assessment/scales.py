"""Rating scales with behavioural anchors: each point of a scale says, in English and French, what a
candidate at that level did.

A score at either end of the scale needs a comment: the panel must say what it saw that earns the best
or the worst mark (`needs_comment`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from concours.kernel.assessment.errors import InvalidAssessment


@dataclass(frozen=True, slots=True)
class Point:
    """One point of a scale and its behavioural anchor in each language."""

    value: int
    anchor_en: str
    anchor_fr: str

    def anchor(self, lang: str = "en") -> str:
        """The anchor in 'en' or 'fr' (anything else gets English)."""
        return self.anchor_fr if lang == "fr" else self.anchor_en


@dataclass(frozen=True, slots=True)
class Scale:
    """Points in increasing order, at least two, each with an anchor in English and French."""

    points: tuple[Point, ...]
    _values: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        points = tuple(self.points)
        object.__setattr__(self, "points", points)
        if len(points) < 2:
            raise InvalidAssessment("scale.points", "a scale needs at least two points")
        for index, point in enumerate(points):
            where = f"scale.points[{index}]"
            if not _is_int(point.value):
                raise InvalidAssessment(f"{where}.value", f"a point is a whole number, not {point.value!r}")
            if index and point.value <= points[index - 1].value:
                raise InvalidAssessment(f"{where}.value", "points must be given in increasing order")
            for lang, anchor in (("en", point.anchor_en), ("fr", point.anchor_fr)):
                if not isinstance(anchor, str) or not anchor.strip():
                    raise InvalidAssessment(f"{where}.anchor_{lang}", "every point needs its anchor")
        object.__setattr__(self, "_values", frozenset(point.value for point in points))

    @property
    def minimum(self) -> int:
        return self.points[0].value

    @property
    def maximum(self) -> int:
        return self.points[-1].value

    def __contains__(self, value: object) -> bool:
        return _is_int(value) and value in self._values

    def point(self, value: int) -> Point:
        """The point of this value; InvalidAssessment when the value is not on the scale."""
        for point in self.points:
            if _is_int(value) and point.value == value:
                return point
        raise InvalidAssessment("score", f"{value!r} is not a point of the scale {self.describe()}")

    def describe(self) -> str:
        """The points, for error messages: '1, 2, 3, 4, 5'."""
        return ", ".join(str(point.value) for point in self.points)


def needs_comment(scale: Scale, value: int) -> bool:
    """True when the score is the lowest or the highest point of the scale, where a comment is required."""
    scale.point(value)  # refuses a value off the scale rather than answer for it
    return value in (scale.minimum, scale.maximum)


def _is_int(value: object) -> bool:
    # bool is an int to Python, never a score.
    return isinstance(value, int) and not isinstance(value, bool)
