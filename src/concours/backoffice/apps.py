from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The staff's pages, above every domain app."""

    name = "concours.backoffice"
    label = "backoffice"
    verbose_name = _("Back office")
