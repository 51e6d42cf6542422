"""The profile form: the person, then their languages, education and posts as formsets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from concours.candidates.models import Education, LanguageSkill, WorkExperience
from concours.kernel.reference.countries import countries

MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d"]


class MonthInput(forms.DateInput):
    input_type = "month"

    def format_value(self, value: Any) -> str | None:
        if hasattr(value, "strftime"):
            return str(value.strftime("%Y-%m"))
        return super().format_value(value)


def country_choices() -> list[tuple[str, str]]:
    """Every country, named and sorted in the reader's language."""
    lang = "fr" if (get_language() or "en").startswith("fr") else "en"
    return sorted(((c.code, c.name(lang)) for c in countries().values()), key=lambda choice: choice[1])


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    nationalities = forms.MultipleChoiceField(
        label=_("Nationalities"),
        choices=country_choices,
        help_text=_("All your nationalities: any one of them may make you eligible."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    serving_staff = forms.BooleanField(
        label=_("I am a serving staff member of the organisation"), required=False
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[
            ("en", _("English")),
            ("fr", _("French")),
            ("de", _("German")),
            ("es", _("Spanish")),
            ("it", _("Italian")),
            ("ru", _("Russian")),
            ("ar", _("Arabic")),
            ("zh", _("Chinese")),
        ],
    )
    scale = forms.ChoiceField(label=_("Scale"), choices=LanguageSkill.Scale.choices, initial="NATO")
    level = forms.CharField(label=_("Level"), max_length=8, help_text=_("NATO: I to VI; CEFR: A1 to C2"))


class EducationForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=Education.Level.choices)
    field = forms.CharField(label=_("Field of study"), max_length=200, required=False)
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    completed = forms.DateField(
        label=_("Completed"), required=False, input_formats=MONTH_FORMATS, widget=MonthInput()
    )


class ExperienceForm(forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=200)
    employer = forms.CharField(label=_("Employer"), max_length=200, required=False)
    start = forms.DateField(label=_("From"), input_formats=MONTH_FORMATS, widget=MonthInput())
    end = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=MONTH_FORMATS,
        widget=MonthInput(),
        help_text=_("Leave empty if ongoing"),
    )
    fte = forms.DecimalField(
        label=_("Working time"),
        min_value=0.05,
        max_value=1,
        initial=1,
        decimal_places=2,
        help_text=_("1 = full time, 0.5 = half time"),
    )
    tags = forms.MultipleChoiceField(
        label=_("Kind of work"),
        choices=WorkExperience.Tag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("A post cannot end before it starts."))
        return data


# Rows are capped: Django would otherwise build up to 2,000 forms per formset for whatever TOTAL_FORMS a
# request claims. A claim above the cap is refused ("Please submit at most N forms") without building
# more forms than the cap.
MAX_LANGUAGES, MAX_DEGREES, MAX_POSTS = 20, 20, 60


def _capped(form: type[forms.Form], most: int) -> Any:
    return formset_factory(form, extra=1, can_delete=True, max_num=most, absolute_max=most, validate_max=True)


LanguageFormSet = _capped(LanguageForm, MAX_LANGUAGES)
EducationFormSet = _capped(EducationForm, MAX_DEGREES)
ExperienceFormSet = _capped(ExperienceForm, MAX_POSTS)


def formset_rows(formset: Any) -> list[dict[str, Any]]:
    """The filled, not deleted rows of a valid formset."""
    return [
        {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
