"""The candidate keeps one profile: identity, nationalities, languages, education and posts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from concours.accounts.permissions import candidate_required
from concours.candidates import services
from concours.candidates.forms import (
    EducationFormSet,
    ExperienceFormSet,
    LanguageFormSet,
    ProfileForm,
    formset_rows,
)
from concours.candidates.selectors import profile_for_user


def _initial(profile: Any) -> dict[str, Any]:
    if profile is None:
        return {"profile": {}, "languages": [], "education": [], "experience": []}
    return {
        "profile": {
            "name": profile.name,
            "nationalities": list(profile.nationalities),
            "serving_staff": profile.serving_staff,
        },
        "languages": list(profile.languages.values("language", "scale", "level")),
        "education": list(profile.education.values("level", "field", "institution", "completed")),
        "experience": list(profile.experience.values("title", "employer", "start", "end", "fte", "tags")),
    }


@candidate_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    profile = profile_for_user(user=user)
    initial = _initial(profile)
    if not initial["profile"]:
        initial["profile"] = {"name": user.name}
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, initial=initial["profile"])
    languages = LanguageFormSet(data, initial=initial["languages"], prefix="lang")
    education = EducationFormSet(data, initial=initial["education"], prefix="edu")
    experience = ExperienceFormSet(data, initial=initial["experience"], prefix="exp")
    if data is not None and all(f.is_valid() for f in (form, languages, education, experience)):
        try:
            services.profile_save(
                user=user,
                name=form.cleaned_data["name"],
                nationalities=form.cleaned_data["nationalities"],
                serving_staff=form.cleaned_data["serving_staff"],
                languages=formset_rows(languages),
                education=formset_rows(education),
                experience=formset_rows(experience),
                actor=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            next_url = request.POST.get("next", "")
            if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                return redirect(next_url)
            return redirect("candidates:profile")
    return render(
        request,
        "portal/profile_edit.html",
        {
            "form": form,
            "languages": languages,
            "education": education,
            "experience": experience,
            "next": request.GET.get("next", request.POST.get("next", "")),
        },
    )
