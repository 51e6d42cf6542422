"""A published vacancy can be edited, its deadline extended (applicants told) or unpublished; each is
audited, and a notice whose deadline has passed is never published."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.core.audit import audit_events_for
from concours.core.errors import DomainError
from concours.core.models import AuditEventType
from concours.vacancies.models import Vacancy
from concours.vacancies.services import (
    vacancy_deadline_extend,
    vacancy_edit,
    vacancy_publish,
    vacancy_unpublish,
)
from factories import ApplicationFactory, ProfileFactory, VacancyFactory, make_user

pytestmark = pytest.mark.django_db
S = Application.Status


def test_a_notice_whose_deadline_has_passed_is_not_published() -> None:
    """Last year's deadline: refused, with the deadline named; the draft stays a draft."""
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT, deadline=timezone.now() - dt.timedelta(days=1))
    with pytest.raises(DomainError, match="has passed"):
        vacancy_publish(vacancy=vacancy, actor=make_user(Role.RECRUITER))
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT and vacancy.published_at is None


def test_a_published_vacancy_is_edited_with_its_old_and_new_values_audited() -> None:
    recruiter = make_user(Role.RECRUITER)
    vacancy = VacancyFactory()
    old_challenges = vacancy.notice["key_challenges"]
    vacancy_edit(
        vacancy=vacancy,
        notice={**vacancy.notice, "key_challenges": ["Renew the partnership tools."]},
        title_fr="Chargé de politique",
        zone=vacancy.zone,
        deadline=vacancy.deadline,
        actor=recruiter,
        expected_updated_at=vacancy.updated_at,
    )
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert vacancy.notice["key_challenges"] == ["Renew the partnership tools."]
    event = audit_events_for(vacancy).get(event_type=AuditEventType.VACANCY_UPDATED)
    assert event.actor == recruiter and event.extra["status"] == "published"
    assert event.extra["old"]["key_challenges"] == old_challenges
    assert event.extra["new"]["key_challenges"] == ["Renew the partnership tools."]
    assert event.extra["new"]["title_fr"] == "Chargé de politique"
    assert sorted(event.extra["changed"]) == ["key_challenges", "title_fr"]


def test_a_published_vacancys_deadline_is_not_moved_by_an_edit() -> None:
    """Only an extension moves it (applicants are told); an edit carrying another deadline is refused."""
    vacancy = VacancyFactory()
    before = vacancy.deadline
    with pytest.raises(DomainError, match="extending"):
        vacancy_edit(
            vacancy=vacancy,
            notice=vacancy.notice,
            title_fr=vacancy.title_fr,
            zone=vacancy.zone,
            deadline=before + dt.timedelta(days=3),  # type: ignore[operator]
            actor=make_user(Role.RECRUITER),
        )
    vacancy.refresh_from_db()
    assert vacancy.deadline == before and not audit_events_for(vacancy).exists()


def _applicant(vacancy: Vacancy, status: str, language: str) -> Application:
    profile = ProfileFactory()
    profile.user.language = language
    profile.user.save(update_fields=["language"])
    return ApplicationFactory(candidate=profile, vacancy=vacancy, status=status)


def test_extending_the_deadline_tells_each_applicant_in_their_language(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    """One mail per applicant (drafts too), in English or French; none to who withdrew; audited."""
    recruiter = make_user(Role.RECRUITER)
    vacancy = VacancyFactory(
        title="Policy Officer", title_fr="Chargé de politique", location="Brussels, Belgium"
    )
    english = _applicant(vacancy, S.SUBMITTED, "en")
    french = _applicant(vacancy, S.DRAFT, "fr")
    _applicant(vacancy, S.WITHDRAWN, "en")
    old = vacancy.deadline
    new = dt.datetime(2031, 3, 2, 12, 0, tzinfo=dt.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        vacancy_deadline_extend(vacancy=vacancy, deadline=new, actor=recruiter)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {english.candidate.user.email, french.candidate.user.email}
    en, fr = by_address[english.candidate.user.email], by_address[french.candidate.user.email]
    assert en.subject == "Deadline extended: Policy Officer"
    assert (
        "New deadline: 2 March 2031, 13:00 (Brussels time)" in en.body and "nothing you need to do" in en.body
    )
    assert fr.subject == "Date limite prolongée\u00a0: Chargé de politique"
    assert "2 mars 2031, 13\u00a0h\u00a000 (heure de Bruxelles)" in fr.body and "pas encore soumis" in fr.body
    event = audit_events_for(vacancy).get(event_type=AuditEventType.VACANCY_DEADLINE_EXTENDED)
    assert event.actor == recruiter
    assert (event.extra["old"]["deadline"], event.extra["new"]["deadline"]) == (
        old.isoformat(),
        new.isoformat(),
    )  # type: ignore[union-attr]


@pytest.mark.parametrize("days", [-1, 0])
def test_a_deadline_is_only_extended_later(days: int, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    """An earlier or equal deadline is refused; nothing changes and nobody is told."""
    vacancy = VacancyFactory()
    _applicant(vacancy, S.SUBMITTED, "en")
    before = vacancy.deadline
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError, match="later"):
        vacancy_deadline_extend(
            vacancy=vacancy,
            deadline=before + dt.timedelta(days=days),  # type: ignore[operator]
            actor=make_user(Role.RECRUITER),
        )
    vacancy.refresh_from_db()
    assert vacancy.deadline == before and mail.outbox == []


def test_unpublishing_takes_the_vacancy_off_the_portal_and_keeps_its_applications() -> None:
    recruiter = make_user(Role.RECRUITER)
    vacancy = VacancyFactory()
    application = _applicant(vacancy, S.SUBMITTED, "en")
    vacancy_unpublish(vacancy=vacancy, actor=recruiter, reason="The post was frozen")
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT and vacancy.published_at is None
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED
    event = audit_events_for(vacancy).get(event_type=AuditEventType.VACANCY_UNPUBLISHED)
    assert event.extra["reason"] == "The post was frozen"
    assert (event.extra["old"]["status"], event.extra["new"]["status"]) == ("published", "draft")
    with pytest.raises(DomainError):
        vacancy_unpublish(vacancy=vacancy, actor=recruiter)
    vacancy_publish(vacancy=vacancy, actor=recruiter)  # and back, with the same applications
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.PUBLISHED
