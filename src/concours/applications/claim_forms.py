"""The part of the apply form beyond files: the posts claimed per experience requirement, and the answers
to the vacancy's screening questions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concours.applications.claims import (
    NUMBER_LIMIT,
    SENTENCE_MAX_LENGTH,
    Answer,
    ClaimInput,
    ExperienceRequirement,
)
from concours.candidates.models import WorkExperience
from concours.core.limits import REASON_MAX_LENGTH
from concours.kernel.eligibility.messages import format_number
from concours.vacancies.models import ScreeningQuestion

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]


def post_label(post: WorkExperience, lang: str = "en") -> str:
    """'Executive assistant, Ministry of Foreign Affairs (March 2015 – now, 50%)'."""
    start = date_format(post.start, "YEAR_MONTH_FORMAT")
    end = date_format(post.end, "YEAR_MONTH_FORMAT") if post.end else _("now")
    employer = f", {post.employer}" if post.employer else ""
    percent = format_number(float(post.fte) * 100, lang) + ("\u00a0%" if lang == "fr" else "%")
    part_time = f", {percent}" if post.fte < 1 else ""
    return f"{post.title}{employer} ({start} – {end}{part_time})"


class ClaimsForm(forms.Form):
    """Per experience requirement, the candidate's posts to tick (tags only pre-tick them) and one
    sentence; per screening question, its answer. Answers are required to submit, not to save a draft.

    `seen` carries the requirements the page showed: when the notice changed meanwhile, the form is
    refused rather than claims kept for requirements the candidate never read. A submission without it
    (made without this part of the page) claims nothing: what a draft kept, or the tag rule, applies.
    """

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        requirements: Sequence[ExperienceRequirement],
        posts: Sequence[WorkExperience],
        ticked: Mapping[str, Sequence[int]],
        sentences: Mapping[str, str],
        questions: Sequence[ScreeningQuestion],
        answered: Mapping[int, Answer],
        draft: bool = False,
        lang: str = "en",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.posted = self.data is not None and "seen" in self.data
        self.requirements = list(requirements)
        self.questions = list(questions)
        self.fields["seen"].initial = self._keys()
        choices = [(str(post.pk), post_label(post, lang)) for post in posts]
        for requirement in self.requirements:
            self.fields[f"claim-{requirement.key}"] = forms.MultipleChoiceField(
                label=_("Posts that show it"),
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[str(pk) for pk in ticked.get(requirement.key, [])],
            )
            self.fields[f"sentence-{requirement.key}"] = forms.CharField(
                label=_("In one sentence (optional)"),
                required=False,
                max_length=SENTENCE_MAX_LENGTH,
                initial=sentences.get(requirement.key, ""),
            )
        for question in self.questions:
            name = f"question-{question.pk}"
            kept = answered.get(question.pk)
            if question.kind == ScreeningQuestion.Kind.YES_NO:
                self.fields[name] = forms.ChoiceField(
                    label=question.localized_text(),
                    choices=YES_NO,
                    required=not draft,
                    widget=forms.RadioSelect,
                    initial=None if kept is None else ("yes" if kept else "no"),
                )
            else:
                self.fields[name] = forms.DecimalField(
                    label=question.localized_text(),
                    required=not draft,
                    max_digits=9,
                    decimal_places=2,
                    min_value=-NUMBER_LIMIT,
                    max_value=NUMBER_LIMIT,
                    initial=kept,
                )

    def _keys(self) -> str:
        return " ".join(requirement.key for requirement in self.requirements)

    def requirement_fields(self) -> list[tuple[ExperienceRequirement, forms.BoundField, forms.BoundField]]:
        """Each requirement with its boxes and its sentence, for the template."""
        return [
            (requirement, self[f"claim-{requirement.key}"], self[f"sentence-{requirement.key}"])
            for requirement in self.requirements
        ]

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"question-{question.pk}"] for question in self.questions]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.posted and str(data.get("seen") or "") != self._keys():
            # Said above the form (the field is hidden): the page shows the requirements as they are now.
            raise forms.ValidationError(
                _(
                    "The experience this vacancy asks for has changed while you were applying: check your "
                    "claims again and submit."
                )
            )
        return data

    def claims(self) -> list[ClaimInput] | None:
        if not self.posted:
            return None
        data = self.cleaned_data
        return [
            ClaimInput(
                requirement.key,
                tuple(int(pk) for pk in data.get(f"claim-{requirement.key}") or []),
                data.get(f"sentence-{requirement.key}") or "",
            )
            for requirement in self.requirements
        ]

    def answers(self) -> dict[int, object] | None:
        if not self.posted:
            return None
        answers: dict[int, object] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"question-{question.pk}")
            if value in (None, ""):
                continue
            answers[question.pk] = value == "yes" if question.kind == ScreeningQuestion.Kind.YES_NO else value
        return answers


class ClaimReviewForm(forms.Form):
    """A recruiter's review of one claim: the posts that count (positions in the profile as submitted),
    a note (needed to count other posts than claimed), and the claim as they saw it."""

    posts = forms.MultipleChoiceField(
        label=gettext_lazy("Posts that count"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required when you count other posts than the candidate claimed."),
    )
    seen = forms.CharField(widget=forms.HiddenInput, max_length=2000)

    def __init__(self, *args: Any, choices: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["posts"]
        field.choices = list(choices)

    def positions(self) -> list[int]:
        return [int(value) for value in self.cleaned_data["posts"]]
