"""The one error the notice kernel raises: a file that cannot be read as a vacancy notice."""

from __future__ import annotations


class NoticeError(Exception):
    """A file is empty, binary, unreadable or not a vacancy notice; the message says which and why."""
