"""Sending one mail of the outbox, and keeping what became of it."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from concours.notifications.models import OutboxMail


def outbox_send(*, outbox_id: int) -> OutboxMail:
    """Send the mail unless it was sent already (a task may run twice); a failure keeps its error text.

    The row stays locked while the mail leaves, so that two workers never send it twice.
    """
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().get(pk=outbox_id)
        if mail.state == OutboxMail.State.SENT:
            return mail
        mail.attempts += 1
        try:
            EmailMessage(subject=mail.subject, body=mail.body, to=[mail.to]).send()
        except Exception as error:  # whatever the mail server or the network said: shown in the outbox
            mail.state = OutboxMail.State.FAILED
            mail.error = f"{type(error).__name__}: {error}"[:2000]
        else:
            mail.state = OutboxMail.State.SENT
            mail.error = ""
            mail.sent_at = timezone.now()
        mail.save(update_fields=["state", "error", "attempts", "sent_at"])
    return mail
