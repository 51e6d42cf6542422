"""The back office's form for a mail template: its subject and body, and the application to preview it on."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application


class ApplicationChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        vacancy, candidate = obj.vacancy, obj.candidate
        who = candidate.name or candidate.user.email
        return f"{vacancy.reference or vacancy.title} · {who} · {obj.get_status_display()}"


class MailTemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Body"), widget=forms.Textarea(attrs={"rows": 20, "cols": 90}))
    application = ApplicationChoice(
        label=_("Preview on the application"),
        queryset=Application.objects.none(),
        required=False,
        help_text=_("A real application: the preview shows the mail its candidate would receive."),
    )

    def __init__(self, *args: Any, applications: QuerySet[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The newest applications (a slice cannot be filtered: the posted one is looked up among their ids).
        field: Any = self.fields["application"]
        field.queryset = (
            Application.objects.filter(pk__in=list(applications.values_list("pk", flat=True)))
            .select_related("vacancy", "candidate__user")
            .order_by("-created_at", "-id")
        )
