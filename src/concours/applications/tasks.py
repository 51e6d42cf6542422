"""Work that leaves the request: mails to applicants."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from concours.applications.models import Application
from concours.vacancies.models import Vacancy


@task()
def deadline_extended_mail(*, vacancy_id: int, application_ids: list[int], old_deadline: str) -> int:
    """Tell each applicant that the vacancy's deadline was extended, in their language; returns how many
    mails were sent."""
    vacancy = Vacancy.objects.get(pk=vacancy_id)
    applications = Application.objects.filter(pk__in=application_ids).select_related("candidate__user")
    mails = []
    for application in applications:
        user = application.candidate.user
        with translation.override(user.language or settings.LANGUAGE_CODE):
            context = {
                "name": application.candidate.name or user.get_full_name(),
                "title": vacancy.localized_title(),
                "reference": vacancy.reference,
                "zone": vacancy.zone,
                "location": vacancy.location,
                "old": dt.datetime.fromisoformat(old_deadline),
                "new": vacancy.deadline,
                "draft": application.status == Application.Status.DRAFT,
                "link": settings.CONCOURS_SITE_URL + reverse("vacancies:detail", args=[vacancy.pk]),
            }
            subject = render_to_string("applications/mail/deadline_extended_subject.txt", context)
            body = render_to_string("applications/mail/deadline_extended_body.txt", context)
        # One line (a mail header); split() would also break the no-break spaces of French typography.
        one_line = " ".join(line.strip() for line in subject.splitlines() if line.strip())
        mails.append(EmailMessage(subject=one_line, body=body, to=[user.email]))
    with get_connection() as connection:  # one connection for the whole batch
        return connection.send_messages(mails) or 0
