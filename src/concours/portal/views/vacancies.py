"""The public side of vacancies: search the published ones and read a notice."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from concours.applications.selectors import application_for_vacancy
from concours.vacancies import selectors
from concours.vacancies.forms import VacancySearchForm


def vacancy_list(request: HttpRequest) -> HttpResponse:
    form = VacancySearchForm(request.GET or None, facets=selectors.vacancy_facets())
    filters = form.filters()
    now = timezone.now()
    listed = selectors.vacancy_list_published(**filters, now=now)
    page = Paginator(listed, 20).get_page(request.GET.get("page"))
    # The search as a query string, for the pages' links (without the page number).
    search = request.GET.copy()
    search.pop("page", None)
    return render(
        request,
        "portal/vacancy_list.html",
        {"page": page, "form": form, "query": filters["query"], "search": search.urlencode(), "now": now},
    )


def vacancy_detail(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = selectors.vacancy_get_published(vacancy_id=vacancy_id)
    user: Any = request.user
    application = (
        application_for_vacancy(candidate_user=user, vacancy=vacancy) if user.is_authenticated else None
    )
    return render(
        request,
        "portal/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "is_open": vacancy.is_open_at(timezone.now()),
            "application": application,
            "unit_path": vacancy.unit.path() if vacancy.unit else [],
            "sections": selectors.vacancy_sections(vacancy),
        },
    )
