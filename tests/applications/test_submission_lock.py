"""Submissions to one vacancy go on side by side; whatever changes the vacancy waits for them."""

from __future__ import annotations

import threading

import pytest
from django.db import OperationalError, connection, transaction

from concours.applications.models import Application
from concours.applications.services import _vacancy_locked_for_submission, application_submit
from concours.vacancies.models import Vacancy
from concours.vacancies.services import vacancy_close
from factories import ProfileFactory, VacancyFactory, cv_upload


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: run with scripts/with-postgres.sh")
@pytest.mark.django_db(transaction=True)  # the submission under way holds its lock on a connection of its own
def test_a_submission_under_way_holds_up_closing_but_not_other_submissions() -> None:
    vacancy = VacancyFactory()
    candidate = ProfileFactory()
    locked, release = threading.Event(), threading.Event()

    def submission_under_way() -> None:
        try:
            with transaction.atomic():
                _vacancy_locked_for_submission(vacancy.pk)  # as a submission holds it until it commits
                locked.set()
                release.wait(20)
        finally:
            connection.close()

    thread = threading.Thread(target=submission_under_way)
    thread.start()
    try:
        assert locked.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # waiting longer than this is a failure
        application = application_submit(
            candidate=candidate, vacancy=vacancy, cv=cv_upload(), essay=None, actor=candidate.user
        )
        assert application.status == Application.Status.SUBMITTED
        with pytest.raises(OperationalError, match="lock timeout"):
            vacancy_close(vacancy=vacancy, actor=None)
        assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.PUBLISHED
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
        release.set()
        thread.join()
    vacancy_close(vacancy=vacancy, actor=None)  # once the submission under way is done
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.CLOSED
