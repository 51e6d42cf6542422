"""The portal's search of vacancies: words, and filters whose choices are the listed vacancies' values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from concours.kernel.reference.duty_stations import location_in
from concours.kernel.reference.grades import grade_in
from concours.vacancies.selectors import VacancyFacets


class VacancySearchForm(forms.Form):
    q = forms.CharField(label=_("Search vacancies"), required=False, max_length=200)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    grade = forms.ChoiceField(label=_("Grade"), required=False)
    location = forms.ChoiceField(label=_("Location"), required=False)
    closing_soon = forms.BooleanField(label=_("Closing within 7 days"), required=False)

    def __init__(self, *args: Any, facets: VacancyFacets, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reader = "fr" if (get_language() or "en").startswith("fr") else "en"
        for name, values in (
            ("organisation", facets.organisations),
            ("grade", facets.grades),
            ("location", facets.locations),
        ):
            field: Any = self.fields[name]
            # A place or a grade's word is offered in the reader's language; the value searched is the
            # one vacancies hold.
            shown = {"location": location_in, "grade": grade_in}.get(name, lambda value, _reader: value)
            field.choices = [("", _("All"))] + [(value, shown(value, reader)) for value in values]

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments; a value no longer offered is dropped rather than refused."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": (data.get("q") or "").strip(),
            "organisation": data.get("organisation") or "",
            "grade": data.get("grade") or "",
            "location": data.get("location") or "",
            "closing_soon": bool(data.get("closing_soon")),
        }
