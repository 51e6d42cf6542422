"""Domain errors: services raise them; views turn them into messages or HTTP answers in one place."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the recruitment process refused the change; the message is shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(DomainError):
    """The user may not do this to this object."""


class Conflict(DomainError):
    """Someone else changed the object since the user saw it: nothing was changed; the message says what."""
