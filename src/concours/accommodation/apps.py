from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccommodationConfig(AppConfig):
    """Reasonable accommodation: requests, documents kept apart from the application, decisions."""

    name = "concours.accommodation"
    label = "accommodation"
    verbose_name = _("Reasonable accommodation")
