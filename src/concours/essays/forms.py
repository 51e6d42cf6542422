from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DraftCheckForm(forms.Form):
    essay = forms.FileField(
        label=_("Your draft essay"), help_text=_("MS Word (.docx)"), allow_empty_file=True
    )


class EssayReplaceForm(forms.Form):
    essay = forms.FileField(
        label=_("Your corrected essay"), help_text=_("MS Word (.docx)"), allow_empty_file=True
    )
