"""Mails leave the request: each is sent by a worker once the change that caused it is committed."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django_tasks import task


@task()
def mail_send(*, subject: str, body: str, to: list[str], ics: str = "", ics_method: str = "REQUEST") -> int:
    """One mail, with an iCalendar attachment when `ics` is given (invitations, changes, cancellations)."""
    message = EmailMessage(subject=subject, body=body, to=to)
    if ics:
        message.attach("invitation.ics", ics.encode(), f"text/calendar; charset=utf-8; method={ics_method}")
    return message.send()
