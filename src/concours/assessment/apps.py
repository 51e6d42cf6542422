from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "concours.assessment"
    label = "assessment"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        # Imported once the app registry is ready (hooks import models), as Django asks of `ready`.
        from concours.accommodation import hooks as accommodation_hooks
        from concours.applications import hooks
        from concours.assessment.hooks import hide_from_conflicted_members, sits_on_panel

        hooks.register_blind_filter(hide_from_conflicted_members)
        accommodation_hooks.register_panel_seat_check(sits_on_panel)
