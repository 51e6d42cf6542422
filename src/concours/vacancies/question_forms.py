"""The recruiter's form to add a screening question to a vacancy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.vacancies.models import ScreeningQuestion


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question in English"),
        max_length=300,
        help_text=_("For example: Do you hold a valid NATO SECRET clearance?"),
    )
    text_fr = forms.CharField(
        label=_("Question in French"),
        max_length=300,
        required=False,
        help_text=_("Empty: French readers see the English question."),
    )
    kind = forms.ChoiceField(
        label=_("Answer"), choices=ScreeningQuestion.Kind.choices, widget=forms.RadioSelect
    )
    knockout = forms.BooleanField(
        label=_("Knock-out: any other answer makes the candidate not eligible"), required=False
    )
    required_yes = forms.ChoiceField(
        label=_("Answer required (yes/no question)"),
        required=False,
        choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
    )
    minimum = forms.DecimalField(
        label=_("Least answer accepted (numeric question)"),
        required=False,
        max_digits=9,
        decimal_places=2,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("knockout"):
            if data.get("kind") == ScreeningQuestion.Kind.YES_NO and not data.get("required_yes"):
                self.add_error("required_yes", _("Say which answer a knock-out question requires."))
            if data.get("kind") == ScreeningQuestion.Kind.NUMBER and data.get("minimum") is None:
                self.add_error("minimum", _("Give the least answer a knock-out question accepts."))
        return data

    def required_yes_value(self) -> bool | None:
        value = self.cleaned_data.get("required_yes")
        return None if not value else value == "yes"
