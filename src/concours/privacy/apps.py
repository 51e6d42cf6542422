from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Candidates' data rights (a copy of everything held, erasure) and retention."""

    name = "concours.privacy"
    label = "privacy"
    verbose_name = _("Data rights and retention")
