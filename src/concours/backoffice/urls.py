"""The back office: every staff page under one namespace, `backoffice:`."""

from __future__ import annotations

from django.urls import path

from concours.backoffice.views import applications, screening, vacancies

app_name = "backoffice"
urlpatterns = [
    path("", applications.vacancy_list, name="vacancies"),
    path("vacancies/<int:vacancy_id>/", applications.vacancy_applications, name="vacancy"),
    path("applications/<int:application_id>/", applications.application_detail, name="application"),
    path("applications/<int:application_id>/move/", applications.application_move, name="move"),
    path("applications/<int:application_id>/essay.pdf", applications.essay_pdf, name="essay"),
    path(
        "applications/<int:application_id>/files/<str:kind>/",
        applications.attachment_download,
        name="attachment",
    ),
    path("notices/import/", vacancies.notice_import, name="import"),
    path("vacancies/<int:vacancy_id>/review/", vacancies.vacancy_review, name="review"),
    path("vacancies/<int:vacancy_id>/publish/", vacancies.vacancy_publish, name="publish"),
    path("vacancies/<int:vacancy_id>/screen/", screening.vacancy_screen, name="screen"),
    path("applications/<int:application_id>/eligibility/", screening.verdict_decide, name="decide"),
]
