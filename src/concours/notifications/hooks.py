"""The outcomes `applications` reports that notifications tells candidates about (registered in
`NotificationsConfig.ready`).

Screened out is told by screening, which knows the verdict's reasons (see screening/hooks.py); invitations
by assessment; the decisions (not selected, reserve, selected, reserve offer) by selection. A move that is
none of these outcomes sends nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from concours.applications.models import Application, Attachment
from concours.notifications.outcomes import Outcome
from concours.notifications.services import mail_queue

# The moves whose mail needs nothing but the application.
MOVES_TOLD = {Application.Status.SHORTLISTED: Outcome.SHORTLISTED}

logger = logging.getLogger(__name__)


def mail_on_submission(*, application: Application, essay: Attachment | None) -> None:
    """Application received: queued once the submission is committed, so a refused or rolled-back one
    tells nobody; rendered after the commit (on SQLite, the submission's transaction holds the write
    lock), from the application as the submission left it, with its candidate and vacancy (not read
    again).

    The submission stands whatever happens to its mail: an error is logged, not shown to the candidate.
    """
    transaction.on_commit(lambda: _mail_received(application))


def _mail_received(application: Application) -> None:
    try:
        mail_queue(
            application=application, outcome=Outcome.RECEIVED, context={"submitted": application.submitted_at}
        )
    except Exception:
        logger.exception(
            "The mail telling application %s it was received could not be queued", application.pk
        )


def mail_on_moved(*, application: Application, from_status: str, to_status: str, actor: Any) -> None:
    outcome = MOVES_TOLD.get(Application.Status(to_status))
    if outcome is not None:
        mail_queue(application=application, outcome=outcome, actor=actor)
