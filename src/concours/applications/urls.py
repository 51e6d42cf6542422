from __future__ import annotations

from django.urls import path

from concours.applications import backoffice, views
from concours.essays import views as essay_views
from concours.screening import views as screening_views
from concours.vacancies import backoffice as vacancy_backoffice

app_name = "applications"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("<int:application_id>/", views.application_detail, name="detail"),
    path("<int:application_id>/withdraw/", views.application_withdraw, name="withdraw"),
    path("<int:application_id>/files/<str:kind>/", views.attachment_download, name="attachment"),
    path("apply/<int:vacancy_id>/", views.application_apply, name="apply"),
]

backoffice_patterns = (
    [
        path("", backoffice.vacancy_list, name="vacancies"),
        path("vacancies/<int:vacancy_id>/", backoffice.vacancy_applications, name="vacancy"),
        path("applications/<int:application_id>/", backoffice.application_detail, name="application"),
        path("applications/<int:application_id>/move/", backoffice.application_move, name="move"),
        path("applications/<int:application_id>/essay.pdf", essay_views.rendition_pdf, name="essay"),
        path("notices/import/", vacancy_backoffice.notice_import, name="import"),
        path("vacancies/<int:vacancy_id>/review/", vacancy_backoffice.vacancy_review, name="review"),
        path("vacancies/<int:vacancy_id>/publish/", vacancy_backoffice.vacancy_publish, name="publish"),
        path("vacancies/<int:vacancy_id>/screen/", screening_views.vacancy_screen, name="screen"),
        path("applications/<int:application_id>/eligibility/", screening_views.verdict_decide, name="decide"),
    ],
    "backoffice",
)
