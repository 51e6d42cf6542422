from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Mails to candidates at each outcome: templates per organisation and language, an outbox."""

    name = "concours.notifications"
    label = "notifications"
    verbose_name = _("Candidate mails")

    def ready(self) -> None:
        # Imported once the app registry is ready (hooks import models), as Django asks of `ready`.
        from concours.applications import hooks
        from concours.notifications.hooks import mail_on_moved, mail_on_submission

        hooks.register_in_submission(mail_on_submission)
        hooks.register_on_moved(mail_on_moved)
