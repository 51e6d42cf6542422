from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GenaiConfig(AppConfig):
    """The advisory generative-AI signal on essays: calibrated per organisation, off by default."""

    name = "concours.genai"
    label = "genai"
    verbose_name = _("Generative-AI signal")

    def ready(self) -> None:
        # Imported once the app registry is ready (hooks import models), as Django asks of `ready`.
        from concours.applications import hooks
        from concours.essays import replace_hooks
        from concours.genai.hooks import signal_on_essay_replaced, signal_on_submission
        from concours.genai.services import screen_out_check

        hooks.register_in_submission(signal_on_submission)
        hooks.register_move_check(screen_out_check)
        replace_hooks.register_on_replaced(signal_on_essay_replaced)
