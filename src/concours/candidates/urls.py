from __future__ import annotations

from django.urls import path

from concours.candidates import views

app_name = "candidates"
urlpatterns = [path("", views.profile_edit, name="profile")]
