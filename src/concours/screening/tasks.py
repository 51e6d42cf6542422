"""Screening leaves the request: a worker screens each new application, and whole vacancies on demand."""

from __future__ import annotations

from django_tasks import task

from concours.accounts.models import User
from concours.applications.models import Application
from concours.screening import services
from concours.vacancies.models import Vacancy


@task()
def application_screen(application_id: int) -> str:
    application = Application.objects.get(pk=application_id)
    return services.application_screen(application=application).eligible


@task()
def vacancy_screen_all(vacancy_id: int, actor_id: int | None) -> int:
    vacancy = Vacancy.objects.get(pk=vacancy_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return services.vacancy_screen_all(vacancy=vacancy, actor=actor).screened
