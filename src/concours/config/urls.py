from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from concours.applications.urls import backoffice_patterns

admin.site.site_header = "Concours"
admin.site.site_title = "Concours"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="vacancies:list", permanent=False), name="home"),
    path("vacancies/", include("concours.vacancies.urls")),
    path("profile/", include("concours.candidates.urls")),
    path("applications/", include("concours.applications.urls")),
    path("essays/", include("concours.essays.urls")),
    path("backoffice/", include(backoffice_patterns)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
