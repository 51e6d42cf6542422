from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.assessment.models import PanelMember, Stage
from concours.core.limits import REASON_MAX_LENGTH


class StageForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Stage
        fields = [
            "name",
            "name_fr",
            "kind",
            "blind",
            "scorers",
            "pass_rule",
            "pass_value",
            "entry_status",
            "advances_to",
            "when",
            "where",
            "zone",
        ]


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=300)
    name_fr = forms.CharField(label=_("Criterion in French"), max_length=300, required=False)
    weight = forms.DecimalField(label=_("Weight"), min_value=0.01, max_digits=6, decimal_places=2, initial=1)
    anchors_en = forms.CharField(
        label=_("Behavioural anchors in English"),
        required=False,
        max_length=12000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
    )
    anchors_fr = forms.CharField(
        label=_("Behavioural anchors in French"),
        required=False,
        max_length=12000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
    )

    def __init__(self, *args: Any, stage: Stage | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if stage is not None:
            points = stage.points
            help_text = _(
                "Optional: one line per point of the stage's scale, from %(low)d to %(high)d (%(count)d "
                "lines). With no anchors in either language, the criterion shows the stage's generic anchors."
            ) % {"low": points[0], "high": points[-1], "count": len(points)}
            self.fields["anchors_en"].help_text = help_text
            self.fields["anchors_fr"].help_text = help_text

    def clean_anchors_en(self) -> list[str]:
        return _lines(self.cleaned_data.get("anchors_en", ""))

    def clean_anchors_fr(self) -> list[str]:
        return _lines(self.cleaned_data.get("anchors_fr", ""))


def _lines(text: str) -> list[str]:
    """The non-empty lines of a text box, trimmed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PanelMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of a staff member"))
    role = forms.ChoiceField(label=_("Role on the panel"), choices=PanelMember.Role.choices)


class ResultsImportForm(forms.Form):
    file = forms.FileField(
        label=_("Results (CSV)"),
        help_text=_("Columns: code, test, score, maximum, date (YYYY-MM-DD); UTF-8."),
    )


class SlotForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Time, at the place"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(label=_("Length in minutes"), min_value=1, max_value=600, initial=60)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=500, initial=1)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX_LENGTH, required=False)


class ResultForm(forms.Form):
    code = forms.CharField(label=_("Candidate code or application number"), max_length=20)
    test = forms.CharField(label=_("Test"), max_length=120)
    score = forms.DecimalField(label=_("Score obtained"), min_value=0, max_digits=8, decimal_places=2)
    maximum = forms.DecimalField(label=_("Maximum"), min_value=0.01, max_digits=8, decimal_places=2)
    taken_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
