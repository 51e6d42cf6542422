"""An edit of a draft carries the version its author opened: changed since, it is refused."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.core.audit import audit_events_for
from concours.core.errors import Conflict
from concours.vacancies.models import Vacancy
from concours.vacancies.notice_form import NoticeForm, notice_initial
from concours.vacancies.services import vacancy_edit
from factories import VacancyFactory, make_user

pytestmark = pytest.mark.django_db


def draft() -> Vacancy:
    return VacancyFactory(status=Vacancy.Status.DRAFT)


def edit(vacancy: Vacancy, title: str, **kwargs: object) -> Vacancy:
    return vacancy_edit(
        vacancy=vacancy,
        notice={**vacancy.notice, "title": title},
        title_fr=vacancy.title_fr,
        zone=vacancy.zone,
        deadline=vacancy.deadline,
        **kwargs,  # type: ignore[arg-type]
    )


def saved(vacancy: Vacancy) -> tuple[object, ...]:
    vacancy = Vacancy.objects.get(pk=vacancy.pk)
    return (vacancy.title, vacancy.notice, vacancy.updated_at, audit_events_for(vacancy).count())


def test_a_stale_edit_is_refused_and_changes_nothing() -> None:
    """Two recruiters open the draft; the first saves; the second's save is refused, naming them."""
    vacancy = draft()
    seen = vacancy.updated_at
    edit(
        vacancy,
        "Head of Section",
        actor=make_user(Role.RECRUITER, name="Ana Ferreira"),
        expected_updated_at=seen,
    )
    before = saved(vacancy)
    with pytest.raises(Conflict) as refused:
        edit(vacancy, "Section Head", actor=make_user(Role.RECRUITER), expected_updated_at=seen)
    assert "Ana Ferreira" in refused.value.message and "title" in refused.value.message
    assert saved(vacancy) == before and before[0] == "Head of Section"


def form_data(page: str, vacancy: Vacancy) -> dict[str, object]:
    form = NoticeForm(
        initial=notice_initial(
            vacancy.notice, title_fr=vacancy.title_fr, zone=vacancy.zone, deadline=vacancy.deadline
        )
    )
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    data["zone"] = vacancy.zone
    seen = re.search(r'name="seen" value="([^"]+)"', page)
    assert seen is not None
    data["seen"] = seen.group(1)
    return data


def test_the_page_keeps_the_input_of_a_stale_edit_and_saving_again_replaces_the_other(client) -> None:  # type: ignore[no-untyped-def]
    """Refused with 409 and who changed what; the recruiter's input stays in the form, which now
    carries the current version, so that saving again is a deliberate choice."""
    vacancy = draft()
    client.force_login(make_user(Role.RECRUITER))
    url = reverse("backoffice:review", args=[vacancy.pk])
    data = form_data(client.get(url).content.decode(), vacancy)
    edit(vacancy, "Head of Section", actor=make_user(Role.RECRUITER, name="Bo Lindqvist"))
    before = saved(vacancy)

    data["title"] = "Principal Policy Officer"
    response = client.post(url, data)

    assert response.status_code == 409, re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode())
    text = response.content.decode()
    assert "Bo Lindqvist" in text and "not saved" in text
    assert 'value="Principal Policy Officer"' in text
    assert saved(vacancy) == before
    again = {**data, "seen": re.search(r'name="seen" value="([^"]+)"', text).group(1)}  # type: ignore[union-attr]
    assert client.post(url, again).status_code == 302
    assert Vacancy.objects.get(pk=vacancy.pk).title == "Principal Policy Officer"
