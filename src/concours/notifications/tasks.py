"""Mails to candidates leave the request: a worker sends each once its outcome is committed."""

from __future__ import annotations

from django_tasks import task

from concours.notifications import sending


@task()
def outbox_send(outbox_id: int) -> str:
    """Send one mail of the outbox; returns its state afterwards (sent, or failed with the error kept)."""
    return sending.outbox_send(outbox_id=outbox_id).state
