"""A candidate's invitations to tests and interviews: pick a slot, change or cancel it, download the .ics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accommodation.selectors import granted_measures
from concours.accounts.permissions import candidate_required
from concours.applications import selectors as application_selectors
from concours.assessment import selectors, services
from concours.assessment.calendar import invitation_ics as ics_text
from concours.assessment.models import Invitation, Slot
from concours.core.errors import DomainError


@candidate_required
def slot_list(request: HttpRequest, application_id: int) -> HttpResponse:
    """The candidate's invitations for one application, with the slots still free to choose from."""
    user: Any = request.user
    application = application_selectors.application_get_for_candidate(
        application_id=application_id, user=user
    )
    invitations = selectors.invitations_for_candidate(application=application)
    if request.method == "POST":
        invitation = next((i for i in invitations if str(i.pk) == request.POST.get("invitation")), None)
        if invitation is None:
            raise Http404
        try:
            if "cancel" in request.POST:
                services.booking_cancel(invitation=invitation, actor=user)
                messages.success(request, _("Your booking is cancelled; a mail confirms it."))
            else:
                slot = Slot.objects.filter(pk=request.POST.get("slot") or 0, stage=invitation.stage).first()
                if slot is None:
                    raise DomainError(_("Choose a time."))
                services.booking_make(invitation=invitation, slot=slot, actor=user)
                messages.success(
                    request, _("Your time is booked; a mail with the calendar file confirms it.")
                )
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("applications:slots", application_id=application.pk)
    now = timezone.now()
    granted = granted_measures([application.pk]).get(application.pk)
    rows = [
        (
            invitation,
            [
                s
                for s in selectors.slots_of(invitation.stage)
                if s.local_start > now and (s.free or s.id == invitation.slot_id)
            ],
            # The accommodation granted for this stage (or every stage), so the candidate sees it is arranged.
            granted if granted and granted.stage_key in {"", invitation.stage.key} else None,
        )
        for invitation in invitations
    ]
    return render(request, "portal/application_slots.html", {"application": application, "rows": rows})


@candidate_required
def invitation_ics(request: HttpRequest, application_id: int, invitation_id: int) -> HttpResponse:
    """The booking as a calendar file: the same event (UID) as in the mails, at its latest SEQUENCE."""
    invitation = selectors.invitation_for_candidate(invitation_id=invitation_id, user=request.user)
    if invitation.application_id != application_id or invitation.status == Invitation.Status.INVITED:
        raise Http404
    text = ics_text(
        invitation, summary=f"{invitation.stage.name} – {invitation.stage.vacancy}", now=timezone.now()
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{invitation.stage.key}.ics"'
    return response
