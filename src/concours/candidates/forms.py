"""The profile form: the person, then their languages, education and posts as formsets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from concours.candidates.models import Education, LanguageSkill, WorkExperience
from concours.candidates.services import language_level_error
from concours.kernel.reference.countries import countries
from concours.kernel.reference.language_scales import language_scale
from concours.kernel.reference.languages import language_codes, language_name
from concours.kernel.text.collation import sort_key

MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d"]


class MonthInput(forms.DateInput):
    input_type = "month"

    def format_value(self, value: Any) -> str | None:
        if hasattr(value, "strftime"):
            return str(value.strftime("%Y-%m"))
        return super().format_value(value)


def _reader_language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def country_choices() -> list[tuple[str, str]]:
    """Every country, named in the reader's language and sorted as its readers expect (Égypte, Émirats
    arabes unis, Équateur: accents count only between names spelt with the same letters)."""
    lang = _reader_language()
    named = ((c.code, c.name(lang)) for c in countries().values())
    return sorted(named, key=lambda choice: sort_key(choice[1]))


# A line's selects start on this empty choice, so that a line nobody touched is sent unchanged and is
# ignored, rather than read as "English" or "Secondary" with the rest missing.
NOT_CHOSEN: tuple[str, Any] = ("", _("Choose…"))


def language_choices() -> list[tuple[str, Any]]:
    """Every ISO 639-1 language, named in the reader's language; whatever a profile holds can be shown."""
    lang = _reader_language()
    named = ((code, language_name(code, lang)) for code in language_codes())
    return [
        NOT_CHOSEN,
        *sorted(((code, name[:1].upper() + name[1:]) for code, name in named), key=lambda c: sort_key(c[1])),
    ]


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    nationalities = forms.MultipleChoiceField(
        label=_("Nationalities"),
        choices=country_choices,
        help_text=_("All your nationalities: any one of them may make you eligible."),
        # Made searchable, with the choices shown as removable chips, by static/concours/searchable.js
        # (Tom Select); without JavaScript it stays a plain list.
        widget=forms.SelectMultiple(
            attrs={
                "size": 6,
                "data-searchable": "",
                "data-remove-label": _("Remove"),
                "data-no-results": _("No country found"),
            }
        ),
    )
    serving_staff = forms.BooleanField(
        label=_("I am a serving staff member of the organisation"), required=False
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    scale = forms.ChoiceField(label=_("Scale"), choices=LanguageSkill.Scale.choices, initial="NATO")
    level = forms.CharField(
        label=_("Level"), max_length=8, help_text=_("NATO: I to VI; CEFR: A1 to C2; STANAG 6001: 0 to 5")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scale_code, level = data.get("scale"), data.get("level")
        if scale_code and level:
            error = language_level_error(scale=scale_code, level=level)
            if error:
                self.add_error("level", error)
            else:
                data["level"] = language_scale(scale_code).normalise(level)
        return data


class BaseLanguageFormSet(BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        """A language is given once per scale: the profile keeps one level for it."""
        super().clean()
        seen: set[tuple[str, str]] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("language"):
                continue
            key = (data["language"], data.get("scale", ""))
            if key in seen:
                raise forms.ValidationError(
                    _("%(language)s appears twice on the same scale; keep one line for it.")
                    % {"language": dict(language_choices()).get(key[0], key[0])}
                )
            seen.add(key)


class EducationForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=[NOT_CHOSEN, *Education.Level.choices])
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


def _capped(form: type[forms.Form], most: int, base: type[BaseFormSet] = BaseFormSet) -> Any:  # type: ignore[type-arg]
    return formset_factory(
        form, formset=base, extra=1, can_delete=True, max_num=most, absolute_max=most, validate_max=True
    )


LanguageFormSet = _capped(LanguageForm, MAX_LANGUAGES, BaseLanguageFormSet)
EducationFormSet = _capped(EducationForm, MAX_DEGREES)
ExperienceFormSet = _capped(ExperienceForm, MAX_POSTS)


def formset_rows(formset: Any) -> list[dict[str, Any]]:
    """The filled, not deleted rows of a valid formset."""
    return [
        {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
