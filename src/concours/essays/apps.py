from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EssaysConfig(AppConfig):
    name = "concours.essays"
    label = "essays"
    verbose_name = _("Essays")

    def ready(self) -> None:
        # Imported once the app registry is ready (hooks import models), as Django asks of `ready`.
        from concours.applications import hooks
        from concours.essays.hooks import (
            check_essay_before_submission,
            essay_check_on_submission,
            essay_work_on_submission,
        )

        hooks.register_essay_check(check_essay_before_submission)
        hooks.register_in_submission(essay_check_on_submission)
        hooks.register_on_submitted(essay_work_on_submission)
