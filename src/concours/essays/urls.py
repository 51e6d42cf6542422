from __future__ import annotations

from django.urls import path

from concours.essays import views

app_name = "essays"
urlpatterns = [
    path("check/<int:vacancy_id>/", views.draft_check, name="check"),
    path("checks/<int:check_id>/", views.draft_check_result, name="result"),
]
