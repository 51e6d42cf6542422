"""What genai does when `applications` or `essays` reports an event (registered in `GenaiConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from concours.applications.models import Application, Attachment
from concours.genai.services import signal_start, signal_start_for
from concours.genai.tasks import essay_signal_make


def signal_on_submission(*, application: Application, essay: Attachment | None) -> None:
    """Where the organisation switched the signal on, a worker assesses the submitted essay: the signal is
    pending in the submission's transaction, and the worker queued once it commits."""
    if essay is not None and signal_start_for(application) is not None:
        transaction.on_commit(lambda: essay_signal_make.enqueue(application.pk))


def signal_on_essay_replaced(*, application: Application, actor: Any) -> None:
    """The candidate replaced their essay: the signal was the old essay's. Where the switch is on, it is
    pending again (the old state no longer shows, nor counts) and a worker assesses the new essay once
    the replacement commits. Off, the old signal stays for the record, and no page shows it: it is not
    the essay's any more (`selectors.signal_for`)."""
    if signal_start(application_id=application.pk) is not None:
        transaction.on_commit(lambda: essay_signal_make.enqueue(application.pk))
