from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.core.limits import REASON_MAX_LENGTH


class ApplyForm(forms.Form):
    cv = forms.FileField(label=_("CV"), help_text=_("PDF or MS Word (.docx)"))
    essay = forms.FileField(label=_("“Key challenges” essay"), help_text=_("MS Word (.docx)"), required=False)
    confirm = forms.BooleanField(
        label=_("I confirm that this application is my own work, prepared without generative AI tools."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"))
    # The state the recruiter saw: the move is refused if the application has moved since.
    seen_status = forms.ChoiceField(choices=Application.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, targets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_field: Any = self.fields["to"]
        to_field.choices = [(value, Application.Status(value).label) for value in targets]


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states"))]
        + [c for c in Application.Status.choices if c[0] != Application.Status.DRAFT],
    )
