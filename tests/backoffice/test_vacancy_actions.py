"""The review page cannot lose a recruiter's work: publishing saves the edits first; a published vacancy
is edited, extended or unpublished there; every action refuses the wrong role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.core.audit import audit_events_for
from concours.core.models import AuditEventType
from concours.vacancies.models import Vacancy
from factories import ApplicationFactory, VacancyFactory, make_user
from review_form import review_data

pytestmark = pytest.mark.django_db


def test_save_and_publish_keeps_the_edits_made_before_publishing(client) -> None:  # type: ignore[no-untyped-def]
    """The bug: Publish was a form of its own, so the edits typed in the review form were lost and the
    notice went live as imported. Now one form saves them, then publishes."""
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT, title="Policy Officer")
    client.force_login(make_user(Role.RECRUITER))
    later = timezone.localtime(timezone.now() + dt.timedelta(days=40), vacancy.local_deadline.tzinfo)  # type: ignore[union-attr]
    data = {
        **review_data(vacancy),
        "title": "Policy Officer",
        "deadline": later.strftime("%Y-%m-%dT%H:%M"),
        "action": "publish",
    }
    response = client.post(reverse("backoffice:review", args=[vacancy.pk]), data)
    assert response.status_code == 302 and response.url == reverse("backoffice:vacancy", args=[vacancy.pk])
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED and vacancy.title == "Policy Officer"
    assert vacancy.local_deadline.strftime("%Y-%m-%dT%H:%M") == data["deadline"]  # type: ignore[union-attr]


def test_a_notice_with_last_years_deadline_is_saved_but_not_published(client) -> None:  # type: ignore[no-untyped-def]
    """The edits are kept; the page says why it was not published."""
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT)
    client.force_login(make_user(Role.RECRUITER))
    data = {
        **review_data(vacancy),
        "title": "Head of Section",
        "deadline": "2025-01-15T12:00",
        "action": "publish",
    }
    response = client.post(reverse("backoffice:review", args=[vacancy.pk]), data, follow=True)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT and vacancy.title == "Head of Section"
    assert (
        "saved but not published" in response.content.decode() and "has passed" in response.content.decode()
    )


def test_a_published_vacancy_is_edited_on_the_review_page_and_keeps_its_deadline(client) -> None:  # type: ignore[no-untyped-def]
    """Saving a published notice changes its text; the deadline field is disabled (a posted one is
    ignored): only an extension moves the deadline."""
    vacancy = VacancyFactory()
    deadline = vacancy.deadline
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:review", args=[vacancy.pk])).content.decode()
    assert 'id="save"' in page and 'id="save-and-publish"' not in page and 'id="extend-form"' in page
    data = {
        **review_data(vacancy),
        "key_challenges": "Renew the partnership tools.",
        "deadline": "2040-01-01T12:00",
    }
    response = client.post(reverse("backoffice:review", args=[vacancy.pk]), data)
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.notice["key_challenges"] == ["Renew the partnership tools."]
    assert vacancy.deadline == deadline and vacancy.status == Vacancy.Status.PUBLISHED
    assert audit_events_for(vacancy).filter(event_type=AuditEventType.VACANCY_UPDATED).count() == 1


def test_the_recruiter_extends_the_deadline_and_the_applicants_are_told(
    client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    application = ApplicationFactory(vacancy=vacancy, status=Application.Status.SUBMITTED)
    client.force_login(make_user(Role.RECRUITER))
    later = vacancy.local_deadline + dt.timedelta(days=14)  # type: ignore[operator]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("backoffice:extend", args=[vacancy.pk]), {"deadline": later.strftime("%Y-%m-%dT%H:%M")}
        )
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.local_deadline.strftime("%Y-%m-%d %H:%M") == later.strftime("%Y-%m-%d %H:%M")  # type: ignore[union-attr]
    assert [message.to for message in mail.outbox] == [[application.candidate.user.email]]


def test_an_earlier_deadline_is_refused_on_the_page_with_the_reason(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    before = vacancy.deadline
    client.force_login(make_user(Role.RECRUITER))
    earlier = vacancy.local_deadline - dt.timedelta(days=1)  # type: ignore[operator]
    response = client.post(
        reverse("backoffice:extend", args=[vacancy.pk]), {"deadline": earlier.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 400 and "must be later" in response.content.decode()
    assert Vacancy.objects.get(pk=vacancy.pk).deadline == before


def test_the_recruiter_unpublishes_a_vacancy_which_leaves_the_portal(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    application = ApplicationFactory(vacancy=vacancy, status=Application.Status.SUBMITTED)
    client.force_login(make_user(Role.RECRUITER))
    assert client.post(reverse("backoffice:unpublish", args=[vacancy.pk]), {"reason": ""}).status_code == 400
    response = client.post(reverse("backoffice:unpublish", args=[vacancy.pk]), {"reason": "Post frozen"})
    assert response.status_code == 302
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.DRAFT
    assert Application.objects.filter(pk=application.pk).exists()
    client.logout()
    assert client.get(reverse("vacancies:detail", args=[vacancy.pk])).status_code == 404
    assert vacancy.title not in client.get(reverse("vacancies:list")).content.decode()


@pytest.mark.parametrize("role", list(Role))
def test_the_recruiters_actions_on_a_vacancy_refuse_every_other_role(client, role: Role) -> None:  # type: ignore[no-untyped-def]
    """Publishing, extending and unpublishing: recruiters and administrators only; nothing changes else."""
    draft, published = VacancyFactory(status=Vacancy.Status.DRAFT), VacancyFactory()
    client.force_login(make_user(role))
    later = (published.local_deadline + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")  # type: ignore[operator]
    statuses = [
        client.post(
            reverse("backoffice:review", args=[draft.pk]), {**review_data(draft), "action": "publish"}
        ),
        client.post(reverse("backoffice:extend", args=[published.pk]), {"deadline": later}),
        client.post(reverse("backoffice:unpublish", args=[published.pk]), {"reason": "x"}),
    ]
    codes = [response.status_code for response in statuses]
    if role in {Role.RECRUITER, Role.ADMINISTRATOR}:
        assert codes == [302, 302, 302]
    else:
        assert codes == [403, 403, 403]
        assert Vacancy.objects.get(pk=draft.pk).status == Vacancy.Status.DRAFT
        assert Vacancy.objects.get(pk=published.pk).deadline == published.deadline
        assert Vacancy.objects.get(pk=published.pk).status == Vacancy.Status.PUBLISHED
