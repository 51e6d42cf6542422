"""Publishing and closing a vacancy, each with an audit record of what it changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from concours.accounts.models import Role
from concours.core.audit import audit_events_for
from concours.core.models import AuditEventType
from concours.vacancies.models import Vacancy
from concours.vacancies.services import vacancies_close_expired, vacancy_close, vacancy_publish
from factories import VacancyFactory, make_user

pytestmark = pytest.mark.django_db

DEADLINE = dt.datetime(2030, 3, 1, 22, 59, 59, tzinfo=dt.UTC)


def test_publishing_records_the_old_and_new_status_publication_and_deadline() -> None:
    """The event shows draft → published, when, and the deadline it was published with."""
    recruiter = make_user(Role.RECRUITER)
    vacancy = vacancy_publish(
        vacancy=VacancyFactory(status=Vacancy.Status.DRAFT, deadline=DEADLINE), actor=recruiter
    )
    event = audit_events_for(vacancy).get(event_type=AuditEventType.VACANCY_PUBLISHED)
    assert event.actor == recruiter
    assert event.extra["old"] == {"status": "draft", "published_at": None, "deadline": DEADLINE.isoformat()}
    assert event.extra["new"] == {
        "status": "published",
        "published_at": vacancy.published_at.isoformat(),  # type: ignore[union-attr]
        "deadline": DEADLINE.isoformat(),
    }


def test_closing_records_the_old_and_new_status_and_when_it_closed() -> None:
    """The event shows published → closed, the publication and deadline kept, and the closing time."""
    recruiter = make_user(Role.RECRUITER)
    published_at = dt.datetime(2030, 1, 10, 9, tzinfo=dt.UTC)
    vacancy = VacancyFactory(deadline=DEADLINE, published_at=published_at)
    before = timezone.now()
    vacancy_close(vacancy=vacancy, actor=recruiter)
    event = audit_events_for(vacancy).get(event_type=AuditEventType.VACANCY_CLOSED)
    kept = {"published_at": published_at.isoformat(), "deadline": DEADLINE.isoformat()}
    assert event.extra["old"] == {"status": "published", "closed_at": None, **kept}
    new = dict(event.extra["new"])
    closed_at = dt.datetime.fromisoformat(new.pop("closed_at"))
    assert new == {"status": "closed", **kept}
    assert before <= closed_at <= timezone.now()


def test_closing_at_the_deadline_is_recorded_without_an_actor() -> None:
    """The periodic close is nobody's act: the event has no actor and the same old and new values."""
    vacancy = VacancyFactory(deadline=timezone.now() - dt.timedelta(minutes=1))
    vacancies_close_expired()
    event = audit_events_for(vacancy).get(event_type=AuditEventType.VACANCY_CLOSED)
    assert event.actor is None
    assert (event.extra["old"]["status"], event.extra["new"]["status"]) == ("published", "closed")
