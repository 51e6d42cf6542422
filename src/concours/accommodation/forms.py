"""The forms of a request (the candidate's) and of a decision (the recruiters')."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from concours.accommodation.models import AccommodationRequest
from concours.accommodation.services import DECISIONS, NEEDS_MAX_LENGTH, NOTE_MAX_LENGTH
from concours.core.limits import REASON_MAX_LENGTH


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the service's gate, not here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        cleaned = single(data, initial)
        return [cleaned] if cleaned else []


DOCUMENTS_HELP = _("Medical or other evidence: PDF or MS Word (.docx), several files at once if needed.")


class RequestForm(forms.Form):
    stage = forms.ChoiceField(label=_("For which stage"), required=False)
    needs = forms.CharField(
        label=_("What do you need?"),
        max_length=NEEDS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Describe the adjustment you need and why. Recruiters in charge read it; panels do not."),
    )
    documents = MultipleFileField(label=_("Supporting documents"), required=False, help_text=DOCUMENTS_HELP)

    def __init__(self, *args: Any, stages: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stage: Any = self.fields["stage"]
        stage.choices = [("", _("Every stage")), *stages]


class DocumentsForm(forms.Form):
    documents = MultipleFileField(label=_("Supporting documents"), help_text=DOCUMENTS_HELP)


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    state = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[(state.value, state.label) for state in DECISIONS],
    )
    measures = forms.MultipleChoiceField(
        label=_("Measures granted"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=AccommodationRequest.Measure.choices,
    )
    measures_note = forms.CharField(
        label=_("Note on the measures"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Shown with the measures to HR and to the candidate, e.g. “15 minutes more per hour”."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required unless everything asked for is granted. The candidate sees it."),
    )
