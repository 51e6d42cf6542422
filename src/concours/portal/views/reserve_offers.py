"""Offers from a reserve list: the candidate reads the post offered and accepts or declines it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concours.accounts.permissions import candidate_required
from concours.core.errors import DomainError
from concours.selection import selectors, services


@candidate_required
def reserve_offer_list(request: HttpRequest) -> HttpResponse:
    offers = selectors.offers_for_candidate(request.user)
    return render(request, "portal/reserve_offer_list.html", {"offers": offers})


@candidate_required
@require_http_methods(["GET", "POST"])
def reserve_offer(request: HttpRequest, offer_id: int) -> HttpResponse:
    """One offer; another candidate's is answered as if it did not exist (404)."""
    user: Any = request.user
    offer = selectors.offer_for_candidate(offer_id=offer_id, user=user)
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "accept":
                application = services.reserve_offer_accept(offer=offer, actor=user)
                messages.success(request, _("You accepted the post. The recruiters will contact you."))
                return redirect("applications:detail", application_id=application.pk)
            if request.POST.get("answer") == "decline":
                services.reserve_offer_decline(offer=offer, actor=user)
                messages.success(request, _("You declined the post. You stay on the reserve list."))
            else:
                messages.error(request, _("Accept or decline the post."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("applications:reserve_offer", offer_id=offer.pk)
    return render(
        request,
        "portal/reserve_offer.html",
        {"offer": offer, "source": offer.entry.recommendation.vacancy, "entry": offer.entry},
    )
