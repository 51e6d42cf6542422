"""The advisory generative-AI signal in the back office: per organisation, its calibration and switch;
on the recruiter's application page, the signal's state with its figures, and questions to the candidate.

Recruiters and administrators only (`sees_identities`): panel members and hiring managers judge blind
and never meet the signal; only administrators switch it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from concours.accounts.models import Role
from concours.accounts.permissions import recruiter_required, role_required, sees_identities
from concours.applications.models import Application
from concours.applications.selectors import application_get_for_staff
from concours.core.errors import DomainError
from concours.genai import selectors, services
from concours.genai.forms import ExplanationAskForm, SwitchForm


def genai_context(application: Application, viewer: Any) -> dict[str, Any]:
    """What the recruiter's application page shows of the signal; each display is audited."""
    if viewer is None or not sees_identities(viewer):
        return {}
    return {
        "genai_signal": services.signal_shown(application=application, viewer=viewer),
        "genai_explanations": list(selectors.explanations_for_staff(application=application, user=viewer)),
        "genai_ask_form": ExplanationAskForm(),
    }


@recruiter_required
def genai_organisations(request: HttpRequest) -> HttpResponse:
    rows = [
        (organisation, selectors.switch_is_on(organisation), selectors.calibration_current(organisation))
        for organisation in selectors.organisations()
    ]
    return render(request, "backoffice/genai_organisations.html", {"rows": rows})


@recruiter_required
def genai_organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.organisation_get(organisation_id=organisation_id)
    calibration = selectors.calibration_current(organisation)
    is_on = selectors.switch_is_on(organisation)
    return render(
        request,
        "backoffice/genai_organisation.html",
        {
            "organisation": organisation,
            "calibration": calibration,
            "groups": selectors.group_lines(calibration) if calibration else [],
            "detection_percent": services.calibration_of(calibration).detection_rate * 100
            if calibration
            else None,
            "is_on": is_on,
            "why_not": "" if is_on else services.calibration_usable(calibration),
            "may_switch": selectors.may_switch(request.user),
            "switch_form": SwitchForm(initial={"on": not is_on, "seen": is_on}),
            "history": selectors.switch_history(organisation)[:20],
        },
    )


@require_POST
@role_required(Role.ADMINISTRATOR)
def genai_switch(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.organisation_get(organisation_id=organisation_id)
    form = SwitchForm(request.POST)
    if form.is_valid():
        on = form.cleaned_data["on"]
        try:
            services.switch_set(
                organisation=organisation, on=on, actor=request.user, expected=form.cleaned_data["seen"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            done = (
                _("The signal is now on for %(organisation)s.")
                if on
                else _("The signal is now off for %(organisation)s.")
            )
            messages.success(request, done % {"organisation": organisation.name})
    return redirect("backoffice:genai_organisation", organisation_id=organisation.pk)


@require_POST
@recruiter_required
def genai_explanation_ask(request: HttpRequest, application_id: int) -> HttpResponse:
    application = application_get_for_staff(application_id=application_id, user=request.user)
    form = ExplanationAskForm(request.POST)
    if form.is_valid():
        try:
            services.explanation_ask(
                application=application, message=form.cleaned_data["message"], actor=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your question waits for the candidate on their application page."))
    else:
        messages.error(request, _("Write the question to the candidate."))
    return redirect("backoffice:application", application_id=application.pk)
