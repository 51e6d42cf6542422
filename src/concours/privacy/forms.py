from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureRequestForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account, profile, applications and files will be erased and cannot be "
            "restored, and that I will no longer be able to sign in."
        ),
    )
