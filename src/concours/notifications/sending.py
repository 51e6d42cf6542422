"""Sending one mail of the outbox, and keeping what became of it."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db.models import F
from django.utils import timezone

from concours.notifications.models import OutboxMail


def outbox_send(*, outbox_id: int) -> OutboxMail:
    """Send the mail unless it was sent already (a task may run twice); a failure keeps its error text.

    The mail is claimed first, by counting the attempt on the row as it was read: of two workers given
    the same mail, one only sends it. No transaction is held while the mail server answers (on SQLite,
    that would keep every other write waiting).
    """
    mail = OutboxMail.objects.get(pk=outbox_id)
    if mail.state != OutboxMail.State.QUEUED:
        return mail
    claimed = OutboxMail.objects.filter(
        pk=mail.pk, state=OutboxMail.State.QUEUED, attempts=mail.attempts
    ).update(attempts=F("attempts") + 1)
    if not claimed:
        mail.refresh_from_db()
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
    mail.save(update_fields=["state", "error", "sent_at"])
    return mail
