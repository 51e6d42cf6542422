"""Template filters that only display: names of countries in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from concours.kernel.reference.countries import country_name as _country_name

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return _country_name(code, "fr" if (get_language() or "en").startswith("fr") else "en")
