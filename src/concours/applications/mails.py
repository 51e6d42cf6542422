"""Mails to applicants about their vacancy, each in the applicant's language, sent once the change is
committed (a change rolled back tells nobody)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from concours.applications.models import Application
from concours.applications.tasks import deadline_extended_mail
from concours.vacancies.models import Vacancy


def applicants_tell_deadline_extended(*, vacancy: Vacancy, old_deadline: dt.datetime, actor: Any) -> None:
    """Registered on `vacancies.hooks.on_deadline_extended`: every applicant but those who withdrew is
    told (a draft's author most of all: they have longer to finish it)."""
    ids = list(
        Application.objects.filter(vacancy=vacancy)
        .exclude(status=Application.Status.WITHDRAWN)
        .values_list("pk", flat=True)
    )
    if not ids:
        return
    old = old_deadline.isoformat()
    transaction.on_commit(
        lambda: deadline_extended_mail.enqueue(vacancy_id=vacancy.pk, application_ids=ids, old_deadline=old),
        robust=True,  # the extension is kept even when the mail cannot be queued; the error is logged
    )
