"""Forms of the signal's pages: the switch, a recruiter's question and the candidate's answer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.genai.services import MESSAGE_MAX_LENGTH


class SwitchForm(forms.Form):
    on = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # Whether the switch was on when its author saw the page: a switch made since is not overridden.
    seen = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ExplanationAskForm(forms.Form):
    message = forms.CharField(
        label=_("Your question to the candidate"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The candidate reads it on their application page in the portal. Ask how they wrote their "
            "essay; do not accuse: the signal is not evidence."
        ),
    )


class ExplanationAnswerForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Your answer is kept with your application as you give it; it cannot be changed afterwards."
        ),
    )
