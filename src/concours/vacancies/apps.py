from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "concours.vacancies"
    label = "vacancies"
    verbose_name = _("Vacancies")
