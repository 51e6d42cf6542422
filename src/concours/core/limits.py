"""Length limits of the free texts people type, in one place so that forms and services agree."""

from __future__ import annotations

from django.utils.translation import gettext as _

from concours.core.errors import DomainError

# A reason for a move or a decision: a few sentences, kept on every transition and in the audit trail.
REASON_MAX_LENGTH = 2000


def reason_checked(reason: str) -> str:
    """`reason` without surrounding spaces; a DomainError when it is longer than REASON_MAX_LENGTH."""
    reason = reason.strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(
            _("A reason has at most %(limit)d characters (this one has %(length)d).")
            % {"limit": REASON_MAX_LENGTH, "length": len(reason)}
        )
    return reason
