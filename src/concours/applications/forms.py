from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.applications.workflow import IRREVERSIBLE
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


class MoveFields(forms.Form):
    """A move's target, reason and, for a move that cannot be undone, its confirmation.

    The target starts empty and must be chosen: a default would move with one click to whatever came
    first (it was "Withdrawn").
    """

    to = forms.ChoiceField(label=_("Move to"))
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm = forms.BooleanField(
        label=_("I understand this cannot be undone"),
        required=False,
    )

    def __init__(self, *args: Any, targets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_field: Any = self.fields["to"]
        to_field.choices = [("", _("Choose a state"))] + [
            (value, Application.Status(value).label) for value in targets
        ]
        # Set here, not on the class, so that it is written in the language of each request.
        final = sorted(s for s in IRREVERSIBLE if s in targets)
        self.fields["confirm"].help_text = (
            _("Needed to move to %(states)s.")
            % {"states": ", ".join(str(Application.Status(s).label) for s in final)}
            if final
            else ""
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to") in IRREVERSIBLE and not data.get("confirm"):
            self.add_error(
                "confirm",
                _("Moving to “%(state)s” cannot be undone: tick the box to confirm.")
                % {"state": Application.Status(data["to"]).label},
            )
        return data


class TransitionForm(MoveFields):
    # The state the recruiter saw: the move is refused if the application has moved since.
    seen_status = forms.ChoiceField(choices=Application.Status.choices, widget=forms.HiddenInput)


class SelectedField(forms.MultipleChoiceField):
    """Ticked applications, each as "id:state", the state its author saw (moves are refused if it changed)."""

    def valid_value(self, value: Any) -> bool:
        number, _sep, state = str(value).partition(":")
        return number.isdigit() and state in Application.Status.values

    def to_python(self, value: Any) -> list[str]:
        return [str(item) for item in super().to_python(value)]


class BulkMoveForm(MoveFields):
    selected = SelectedField(
        label=_("Selected applications"),
        error_messages={"required": _("Tick the applications to move.")},
        widget=forms.MultipleHiddenInput,
    )

    def moves(self) -> dict[int, str]:
        """Application id -> the state its author saw."""
        return {int(item.partition(":")[0]): item.partition(":")[2] for item in self.cleaned_data["selected"]}


# The orders a recruiter may sort a vacancy's applications in (never offered to panels: blind lists are
# ordered by code).
SORTS = {
    "name": _("Name (A–Z)"),
    "-name": _("Name (Z–A)"),
    "-submitted": _("Latest submitted first"),
    "submitted": _("Earliest submitted first"),
    "state": _("State"),
}


class ApplicationSearchForm(forms.Form):
    q = forms.CharField(label=_("Candidate's name or email"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states"))]
        + [c for c in Application.Status.choices if c[0] != Application.Status.DRAFT],
    )
