"""Work that leaves the request: telling candidates that their reserve list closed."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from concours.selection.models import ReserveEntry


@task()
def reserve_expired_mail(*, entry_ids: list[int]) -> int:
    """One mail per closed entry, in the candidate's language; returns how many were sent."""
    entries = ReserveEntry.objects.filter(pk__in=entry_ids).select_related(
        "application__candidate__user", "recommendation__vacancy"
    )
    mails = []
    for entry in entries:
        user = entry.application.candidate.user
        vacancy = entry.recommendation.vacancy
        with translation.override(user.language or settings.LANGUAGE_CODE):
            context = {
                "name": entry.application.candidate.name or user.get_full_name(),
                "title": vacancy.localized_title(),
                "reference": vacancy.reference,
                "expires_on": entry.expires_on,
                "link": settings.CONCOURS_SITE_URL + reverse("vacancies:list"),
            }
            subject = render_to_string("selection/mail/reserve_expired_subject.txt", context)
            body = render_to_string("selection/mail/reserve_expired_body.txt", context)
        # One line (a mail header), keeping French no-break spaces.
        one_line = " ".join(line.strip() for line in subject.splitlines() if line.strip())
        mails.append(EmailMessage(subject=one_line, body=body, to=[user.email]))
    with get_connection() as connection:
        return connection.send_messages(mails) or 0
