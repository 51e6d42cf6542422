"""The error raised for assessment input that breaks its contract (a score off the scale, a duplicate)."""

from __future__ import annotations


class InvalidAssessment(ValueError):
    """Input that cannot be scored or ranked; `field` names where, e.g. 'scores[12].value'."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
