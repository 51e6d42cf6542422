"""The deadline is judged at the instant a submission arrived, not when its processing ends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications import hooks
from concours.applications.models import Application
from concours.applications.services import application_submit
from concours.core.errors import DomainError
from concours.vacancies.models import Vacancy
from concours.vacancies.services import vacancies_close_expired, vacancy_close
from factories import ESSAY_RULES, ProfileFactory, VacancyFactory, cv_upload, essay_upload, make_user

pytestmark = pytest.mark.django_db

DEADLINE = dt.datetime(2026, 3, 1, 22, 59, tzinfo=dt.UTC)  # 23:59 in Brussels
ARRIVAL = DEADLINE - dt.timedelta(milliseconds=49)


class SlowLink(FileUploadHandler):
    """Each uploaded file takes two seconds to come in, on the frozen clock of the test."""

    clock: Any = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        SlowLink.clock.shift(2)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data  # the next handler keeps the bytes

    def file_complete(self, file_size: int) -> None:
        return None


def test_a_submission_that_arrived_before_the_deadline_is_kept_however_long_its_upload_takes(
    client,  # type: ignore[no-untyped-def]
    settings,  # type: ignore[no-untyped-def]
) -> None:
    """49 ms before the deadline, with files that take four seconds to arrive: accepted, submitted at
    the instant it arrived."""
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.SlowLink", *django_settings.FILE_UPLOAD_HANDLERS]
    assert settings.MIDDLEWARE[0] == "concours.core.middleware.ArrivalMiddleware"
    profile, vacancy = ProfileFactory(), VacancyFactory(deadline=DEADLINE)
    client.force_login(profile.user)
    with time_machine.travel(ARRIVAL, tick=False) as clock:
        SlowLink.clock = clock
        response = client.post(
            reverse("applications:apply", args=[vacancy.pk]),
            {"cv": cv_upload(), "essay": essay_upload(), "confirm": "on"},
        )
        finished = dt.datetime.now(tz=dt.UTC)
    assert finished > DEADLINE  # the processing did end after the deadline
    assert response.status_code == 302, response.content.decode()[-2000:]
    application = Application.objects.get(candidate=profile)
    assert application.status == Application.Status.SUBMITTED
    assert application.submitted_at == ARRIVAL == response.wsgi_request.arrived_at


def test_a_submission_that_arrived_after_the_deadline_is_refused_however_fast(client) -> None:  # type: ignore[no-untyped-def]
    """One millisecond late is late."""
    profile, vacancy = ProfileFactory(), VacancyFactory(deadline=DEADLINE)
    client.force_login(profile.user)
    with time_machine.travel(DEADLINE + dt.timedelta(milliseconds=1), tick=False):
        response = client.post(
            reverse("applications:apply", args=[vacancy.pk]),
            {"cv": cv_upload(), "essay": essay_upload(), "confirm": "on"},
        )
    assert response.status_code == 200 and "deadline" in response.content.decode()
    assert not Application.objects.exists()


def test_the_essay_check_does_not_count_and_a_vacancy_closed_meanwhile_still_takes_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The essay's check takes five seconds, during which cron closes the vacancy at its deadline:
    the submission arrived before both, so it is kept, at its arrival."""
    vacancy = VacancyFactory(deadline=DEADLINE, notice={"title": "T", "essay": ESSAY_RULES})
    profile = ProfileFactory()
    with time_machine.travel(ARRIVAL, tick=False) as clock:

        def slow_check(**kwargs: Any) -> None:
            clock.shift(5)
            assert [v.pk for v in vacancies_close_expired()] == [vacancy.pk]

        monkeypatch.setattr(hooks, "essay_checks", [slow_check])
        application = application_submit(
            candidate=profile,
            vacancy=vacancy,
            cv=cv_upload(),
            essay=essay_upload(),
            actor=profile.user,
            now=dt.datetime.now(tz=dt.UTC),
        )
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.CLOSED
    assert application.status == Application.Status.SUBMITTED and application.submitted_at == ARRIVAL


def test_a_vacancy_closed_before_the_submission_arrived_refuses_it() -> None:
    """Closed early by a recruiter: a submission arriving afterwards, before the deadline, is refused."""
    vacancy = VacancyFactory(deadline=DEADLINE)
    profile = ProfileFactory()
    with time_machine.travel(DEADLINE - dt.timedelta(hours=2), tick=False):
        vacancy_close(vacancy=vacancy, actor=make_user(Role.RECRUITER))
    with (
        time_machine.travel(DEADLINE - dt.timedelta(hours=1), tick=False),
        pytest.raises(DomainError, match="not open"),
    ):
        application_submit(candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user)
    assert not Application.objects.exists()
