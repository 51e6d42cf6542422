from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "concours.screening"
    label = "screening"
    verbose_name = _("Eligibility screening")

    def ready(self) -> None:
        # Imported once the app registry is ready (hooks import models), as Django asks of `ready`.
        from concours.applications import hooks
        from concours.screening.hooks import mail_screened_out, screen_on_submission

        hooks.register_on_submitted(screen_on_submission)
        hooks.register_on_moved(mail_screened_out)
