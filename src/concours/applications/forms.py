from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.core.limits import REASON_MAX_LENGTH


class ApplyForm(forms.Form):
    """The files and the declaration of an application.

    The essay is asked only where the notice asks for one. A file kept in the candidate's draft need not
    be sent again; saving a draft asks for no file and no declaration.
    """

    cv = forms.FileField(label=_("CV"), help_text=_("PDF or MS Word (.docx)"))
    essay = forms.FileField(label=_("“Key challenges” essay"), help_text=_("MS Word (.docx)"))
    confirm = forms.BooleanField(
        label=_("I confirm that this application is my own work, prepared without generative AI tools."),
    )

    def __init__(
        self,
        *args: Any,
        essay_asked: bool,
        kept: frozenset[str] = frozenset(),
        draft: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not essay_asked:
            del self.fields["essay"]
        for name, field in self.fields.items():
            if draft or name in kept:
                field.required = False
        for name in kept & set(self.fields):
            self.fields[name].help_text = _("Leave empty to keep the file of your draft.")


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
