"""What screening does when `applications` reports an event (registered in `ScreeningConfig.ready`)."""

from __future__ import annotations

from concours.screening.tasks import application_screen


def screen_on_submission(*, application_id: int, has_essay: bool) -> None:
    """Every submission is screened by a worker, against the vacancy's requirements."""
    application_screen.enqueue(application_id)
