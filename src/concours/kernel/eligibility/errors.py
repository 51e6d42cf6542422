"""The error raised for input that cannot be screened (a malformed profile or notice)."""

from __future__ import annotations


class InvalidInput(ValueError):
    """Input that breaks its contract; `field` names where, e.g. 'candidate.experience[2].start'."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
