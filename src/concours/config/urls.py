from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Concours"
admin.site.site_title = "Concours"
# Staff sign in through allauth, which asks for their second factor; the admin's own form would not.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="vacancies:list", permanent=False), name="home"),
    path("", include("concours.portal.urls")),
    path("backoffice/", include("concours.backoffice.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
