from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    """The end of a competition: one selection per post, approval, reserve lists, the report."""

    name = "concours.selection"
    label = "selection"
    verbose_name = _("Selection decisions")
