from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GenaiConfig(AppConfig):
    """The advisory generative-AI signal on essays: calibrated per organisation, off by default."""

    name = "concours.genai"
    label = "genai"
    verbose_name = _("Generative-AI signal")
