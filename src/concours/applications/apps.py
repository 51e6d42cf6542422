from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "concours.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # Imported once the app registry is ready (hooks import models), as Django asks of `ready`.
        from concours.applications.claims import vacancy_has_submissions
        from concours.applications.mails import applicants_tell_deadline_extended
        from concours.vacancies import hooks

        hooks.register_on_deadline_extended(applicants_tell_deadline_extended)
        hooks.register_submissions_exist(vacancy_has_submissions)
