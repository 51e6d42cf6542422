from __future__ import annotations

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.core.audit import audit_events_for
from concours.vacancies.models import Vacancy
from factories import ApplicationFactory, ProfileFactory, VacancyFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [
        "vacancies/vacancy",
        "vacancies/post",
        "vacancies/orgunit",
        "vacancies/vacancyassignment",
        "candidates/candidateprofile",
        "applications/application",
        "applications/transition",
        "applications/attachment",
        "core/auditevent",
        "accounts/user",
    ],
)
def test_every_model_has_an_admin_list_with_search(admin_client, model: str) -> None:  # type: ignore[no-untyped-def]
    """Each model's admin list opens and accepts a search."""
    ApplicationFactory(candidate=ProfileFactory(), vacancy=VacancyFactory())
    response = admin_client.get(f"/admin/{model}/", {"q": "a"})
    assert response.status_code == 200


def test_publishing_from_the_admin_goes_through_the_service(client) -> None:  # type: ignore[no-untyped-def]
    """The admin action publishes a draft and leaves an audit record."""
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT)
    user = make_user(Role.ADMINISTRATOR, is_superuser=True, is_staff=True)
    client.force_login(user)
    client.post(
        reverse("admin:vacancies_vacancy_changelist"),
        {"action": "publish", "_selected_action": [vacancy.pk]},
    )
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert audit_events_for(vacancy).filter(event_type="VACANCY_PUBLISHED", actor=user).exists()


def test_a_recruiter_cannot_change_applications_in_the_admin(client) -> None:  # type: ignore[no-untyped-def]
    """States change only through the workflow: the admin shows applications read-only."""
    application = ApplicationFactory()
    client.force_login(make_user(Role.RECRUITER))
    assert client.get(f"/admin/applications/application/{application.pk}/change/").status_code == 200
    assert (
        client.post(
            f"/admin/applications/application/{application.pk}/change/", {"status": "selected"}
        ).status_code
        == 403
    )
