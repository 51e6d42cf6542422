from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The candidates' and the public's pages, above every domain app."""

    name = "concours.portal"
    label = "portal"
    verbose_name = _("Portal")
