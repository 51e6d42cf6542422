"""The blind list of a vacancy links to its assessment only for those the assessment admits: a hiring
manager assigned to the vacancy but not on its panel sees the candidates, and no link to a page that
would refuse them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.assessment.models import PanelMember
from concours.vacancies.models import VacancyAssignment
from factories import AssignmentFactory, VacancyFactory, make_user

pytestmark = pytest.mark.django_db


def test_the_assessment_link_is_shown_only_to_whom_the_page_opens(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory()
    off_panel, on_panel = make_user(Role.HIRING_MANAGER), make_user(Role.HIRING_MANAGER)
    for manager in (off_panel, on_panel):
        AssignmentFactory(vacancy=vacancy, user=manager, role=VacancyAssignment.Role.HIRING_MANAGER)
    PanelMember.objects.create(vacancy=vacancy, user=on_panel, role=PanelMember.Role.HIRING_MANAGER)
    assessment = reverse("backoffice:assessment", args=[vacancy.pk])

    client.force_login(off_panel)
    page = client.get(reverse("backoffice:vacancy", args=[vacancy.pk]))
    assert page.status_code == 200 and 'id="applications"' in page.content.decode()
    assert assessment not in page.content.decode() and 'id="assessment-link"' not in page.content.decode()
    assert client.get(assessment).status_code == 404  # the page it would have led to

    client.force_login(on_panel)
    page = client.get(reverse("backoffice:vacancy", args=[vacancy.pk]))
    assert page.status_code == 200 and 'id="assessment-link"' in page.content.decode()
    assert f'href="{assessment}"' in page.content.decode()
    assert client.get(assessment).status_code == 200
