"""The vacancy admin: panels picked among the staff only, and the notice edited on the review page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from concours.accounts.models import Role, User
from concours.vacancies.models import VacancyAssignment
from factories import VacancyFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(make_user(Role.ADMINISTRATOR, is_superuser=True))
    return client


def offered(page: str, user: User) -> bool:
    return f'<option value="{user.pk}"' in page


@pytest.mark.parametrize(
    "url",
    [
        lambda vacancy: reverse("admin:vacancies_vacancy_change", args=[vacancy.pk]),
        lambda vacancy: reverse("admin:vacancies_vacancyassignment_add"),
    ],
    ids=["vacancy inline", "assignment"],
)
def test_a_panel_is_picked_among_the_staff_only(admin_client: Client, url) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    panel = make_user(Role.PANEL_MEMBER)
    manager = make_user(Role.HIRING_MANAGER)
    candidate = make_user(Role.CANDIDATE)
    nobody = User.objects.create_user(email="no-role@example.org", password="x")
    page = admin_client.get(url(vacancy)).content.decode()
    assert offered(page, panel) and offered(page, manager)
    assert not offered(page, candidate) and not offered(page, nobody)


def test_a_candidate_typed_in_is_refused(admin_client: Client) -> None:
    vacancy = VacancyFactory()
    candidate = make_user(Role.CANDIDATE)
    response = admin_client.post(
        reverse("admin:vacancies_vacancyassignment_add"),
        {"vacancy": vacancy.pk, "user": candidate.pk, "role": VacancyAssignment.Role.PANEL_MEMBER},
    )
    assert response.status_code == 200  # the form again, with its error
    assert not VacancyAssignment.objects.exists()
    panel = make_user(Role.PANEL_MEMBER)
    response = admin_client.post(
        reverse("admin:vacancies_vacancyassignment_add"),
        {"vacancy": vacancy.pk, "user": panel.pk, "role": VacancyAssignment.Role.PANEL_MEMBER},
    )
    assert response.status_code == 302
    assert VacancyAssignment.objects.get().user == panel


def test_the_notice_is_not_edited_as_json_but_on_the_review_page(admin_client: Client) -> None:
    vacancy = VacancyFactory(status="draft")
    page = admin_client.get(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])).content.decode()
    assert 'name="notice"' not in page
    assert f'href="{reverse("backoffice:review", args=[vacancy.pk])}"' in page
