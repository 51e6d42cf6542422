from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.core.limits import REASON_MAX_LENGTH
from concours.screening.models import Eligible


class DecisionForm(forms.Form):
    prefix = "decision"  # shares a page with the transition form, which also has a reason
    eligible = forms.ChoiceField(
        label=_("Decision"),
        choices=[(Eligible.YES, _("Eligible")), (Eligible.NO, _("Not eligible"))],
        widget=forms.RadioSelect,
    )
    # The verdict as the recruiter saw it (Verdict.revision): the decision is refused if it changed since.
    seen = forms.CharField(widget=forms.HiddenInput, max_length=200)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when your decision differs from the screening."),
    )


class VerdictFilterForm(forms.Form):
    eligible = forms.ChoiceField(
        label=_("Eligibility"),
        required=False,
        choices=[("", _("All")), *Eligible.choices, ("unscreened", _("Not screened"))],
    )
