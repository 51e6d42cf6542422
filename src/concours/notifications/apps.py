from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Mails to candidates at each outcome: templates per organisation and language, an outbox."""

    name = "concours.notifications"
    label = "notifications"
    verbose_name = _("Candidate mails")
