"""A candidate's timeline of one application: the stages reached, the next step, the mails they were sent.

Assembled here from the selectors of the apps that know each part (applications' transitions,
assessment's invitations, notifications' outbox): none of those apps may read the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from concours.applications.models import Application
from concours.assessment.models import Invitation
from concours.assessment.selectors import invitations_for_candidate
from concours.notifications.models import OutboxMail
from concours.notifications.selectors import mails_for_candidate

S = Application.Status


@dataclass(frozen=True)
class Event:
    at: dt.datetime
    kind: str  # "stage", "invitation" or "mail"
    title: str
    status: str = ""  # the state reached, for a stage (its CSS class)
    mail: OutboxMail | None = None


@dataclass(frozen=True)
class NextStep:
    text: str
    at: dt.datetime | None = None
    link_to_slots: bool = False
    zone: str = ""  # whose clock `at` is read on: the place of the test, the duty station of the deadline


@dataclass(frozen=True)
class Timeline:
    events: list[Event] = field(default_factory=list)
    next_step: NextStep | None = None


def _next_step(application: Application, invitations: list[Invitation]) -> NextStep | None:
    """What comes next, with its date where Concours knows it."""
    now = timezone.now()
    vacancy = application.vacancy
    for invitation in invitations:
        slot, stage = invitation.slot, invitation.stage
        if invitation.status == Invitation.Status.BOOKED and slot is not None and slot.starts_at > now:
            return NextStep(
                _("%(stage)s, at %(place)s.")
                % {"stage": stage.localized_name(), "place": slot.place or slot.video_link},
                at=slot.starts_at,
                zone=stage.place_zone,
            )
        if invitation.status != Invitation.Status.BOOKED and application.status == stage.entry_status:
            return NextStep(
                _("Choose a time for the %(stage)s.") % {"stage": stage.localized_name()}, link_to_slots=True
            )
    status = application.status
    if status == S.DRAFT:
        return NextStep(
            _("Submit your application before the deadline."), at=vacancy.deadline, zone=vacancy.zone
        )
    if status == S.SUBMITTED:
        if vacancy.deadline and vacancy.deadline > now:
            return NextStep(
                _("Applications are screened after the deadline; you will be told the result by mail."),
                at=vacancy.deadline,
                zone=vacancy.zone,
            )
        return NextStep(_("Your application is being screened; you will be told the result by mail."))
    if status in {S.SCREENED_IN, S.LONGLISTED}:
        return NextStep(
            _("The panel is assessing the applications; you will be told by mail if you are shortlisted.")
        )
    if status == S.SHORTLISTED:
        return NextStep(_("You will be invited to each following step by mail, with its date."))
    if status == S.RESERVE:
        return NextStep(_("While the reserve list is valid, a post may be offered to you by mail."))
    if status == S.SELECTED:
        return NextStep(_("The recruitment team will contact you about your appointment."))
    return None  # screened out, not selected, withdrawn: the competition is over for this application


def application_timeline(application: Application) -> Timeline:
    """The timeline of an application its candidate may see (the caller checked it is theirs).

    Only what is theirs to read: the states reached (not the recruiters' reasons), their invitations and
    the mails sent to them.
    """
    events = [
        Event(at=t.at, kind="stage", title=str(S(t.to_status).label), status=t.to_status)
        for t in application.transitions.all()
    ]
    invitations = invitations_for_candidate(application=application)
    events += [
        Event(
            at=invitation.invited_at,
            kind="invitation",
            title=_("Invited to the %(stage)s") % {"stage": invitation.stage.localized_name()},
        )
        for invitation in invitations
    ]
    events += [
        Event(at=mail.sent_at or mail.created_at, kind="mail", title=mail.subject, mail=mail)
        for mail in mails_for_candidate(application=application)
        if mail.state == OutboxMail.State.SENT
    ]
    events.sort(key=lambda event: event.at)
    return Timeline(events=events, next_step=_next_step(application, invitations))
