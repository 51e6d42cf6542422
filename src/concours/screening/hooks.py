"""What screening does when `applications` reports an event (registered in `ScreeningConfig.ready`)."""

from __future__ import annotations

from typing import Any

from concours.applications.models import Application
from concours.notifications.outcomes import Outcome
from concours.notifications.rendering import language_of
from concours.notifications.services import mail_queue
from concours.screening.selectors import check_lines, verdict_for
from concours.screening.tasks import application_screen


def screen_on_submission(*, application_id: int, has_essay: bool) -> None:
    """Every submission is screened by a worker, against the vacancy's requirements."""
    application_screen.enqueue(application_id)


def mail_screened_out(*, application: Application, from_status: str, to_status: str, actor: Any) -> None:
    """Tell the candidate their application is screened out, with the verdict's reasons as written for
    candidates, in their language (the requirements they did not show; those left to review when none
    failed). The recruiter's own reason for a decision is theirs and stays out of the mail."""
    if to_status != Application.Status.SCREENED_OUT:
        return
    verdict = verdict_for(application=application)
    lines = check_lines(verdict.checks, language_of(application)) if verdict else []
    reasons = [line.reason for line in lines if line.result == "fail" and line.reason]
    if not reasons:
        reasons = [line.reason for line in lines if line.result == "review" and line.reason]
    mail_queue(
        application=application, outcome=Outcome.SCREENED_OUT, context={"reasons": reasons}, actor=actor
    )
