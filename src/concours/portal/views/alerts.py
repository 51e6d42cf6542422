"""Job alerts: a candidate saves the portal's current search, sees and cancels their alerts; anyone with
the link of an alert's mail unsubscribes from it, signed in or not."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from concours.accounts.permissions import candidate_required
from concours.candidates import selectors, services
from concours.candidates.models import JobAlert
from concours.core.errors import DomainError
from concours.vacancies.forms import VacancySearchForm
from concours.vacancies.selectors import vacancy_facets


@candidate_required
def job_alert_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    alerts = [
        {
            "alert": alert,
            "description": selectors.job_alert_description(alert),
            "search": selectors.job_alert_search_params(alert),
        }
        for alert in selectors.job_alerts_for(user=user)
    ]
    return render(
        request, "portal/alert_list.html", {"alerts": alerts, "max_alerts": JobAlert.MAX_PER_CANDIDATE}
    )


@candidate_required
@require_POST
def job_alert_save(request: HttpRequest) -> HttpResponseBase:
    """Save the search the form of the vacancies' page holds, read as that page reads it."""
    user: Any = request.user
    form = VacancySearchForm(request.POST, facets=vacancy_facets())
    try:
        services.job_alert_save(owner=user, filters=form.filters(), language=get_language(), actor=user)
    except DomainError as error:
        messages.error(request, error.message)
        search = request.POST.copy()
        search.pop("csrfmiddlewaretoken", None)
        return redirect(reverse("vacancies:list") + (f"?{search.urlencode()}" if search else ""))
    messages.success(
        request,
        _("Your job alert is saved: once a day, you will get a mail with the new vacancies of this search."),
    )
    return redirect("alerts:list")


@candidate_required
@require_POST
def job_alert_cancel(request: HttpRequest, alert_id: int) -> HttpResponseBase:
    user: Any = request.user
    alert = selectors.job_alert_get_for(user=user, alert_id=alert_id)
    services.job_alert_cancel(alert=alert, actor=user)
    messages.success(request, _("The job alert is cancelled: you will get no more mails for it."))
    return redirect("alerts:list")


# Exempt from CSRF: mail programs unsubscribe with a bare POST of their own (RFC 8058), which cannot carry
# a CSRF token. Safe, as a forged POST needs the link's signature, which only the alert's mail carries, and
# can do no more than that link already does: cancel this one alert.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def job_alert_unsubscribe(request: HttpRequest, alert_id: int, token: str) -> HttpResponse:
    """GET asks to confirm (mail scanners open links, and must not cancel anything); POST cancels."""
    alert = selectors.job_alert_from_token(alert_id=alert_id, token=token)
    if request.method == "POST":
        alert = services.job_alert_unsubscribe(alert_id=alert.pk, token=token, actor=request.user)
        cancelled_now = True
    else:
        cancelled_now = False
    return render(
        request,
        "portal/alert_unsubscribe.html",
        {
            "alert": alert,
            "description": selectors.job_alert_description(alert),
            "cancelled_now": cancelled_now,
        },
    )
