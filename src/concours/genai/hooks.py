"""What genai does when `applications` reports an event (registered in `GenaiConfig.ready`)."""

from __future__ import annotations

from django.db import transaction

from concours.genai.services import signal_start
from concours.genai.tasks import essay_signal_make


def signal_on_submission(*, application_id: int, has_essay: bool) -> None:
    """Where the organisation switched the signal on, a worker assesses the submitted essay."""
    if has_essay and signal_start(application_id=application_id) is not None:
        transaction.on_commit(lambda: essay_signal_make.enqueue(application_id))
