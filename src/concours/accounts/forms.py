"""The sign-up form: allauth's, answering in the same time whether or not the address has an account."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest


class SignupForm(AllauthSignupForm):
    def try_save(self, request: HttpRequest) -> Any:
        if self.account_already_exists:
            # A new account costs a password hash, by far the slowest step; a known address costs the
            # same, so that the time of the answer does not tell which addresses have accounts.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
