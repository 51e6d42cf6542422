"""Calendar files (RFC 5545, the `icalendar` package): a candidate's booking, a member's schedule.

A booking is one event for its whole life: the same UID, a SEQUENCE that grows with every change, and
METHOD:CANCEL with STATUS:CANCELLED when it is cancelled, so that calendars update the event in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event

from concours.assessment.models import Invitation, Slot

PRODID = "-//Concours//Assessment//EN"


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    return calendar


def _event(*, uid: str, slot: Slot, summary: str, sequence: int, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp)
    # Instants in UTC: every calendar shows them in its owner's zone; the place's zone is in the text.
    event.add("dtstart", slot.starts_at.astimezone(dt.UTC))
    event.add("dtend", (slot.starts_at + dt.timedelta(minutes=slot.minutes)).astimezone(dt.UTC))
    event.add("summary", summary)
    if slot.place:
        event.add("location", slot.place)
    if slot.video_link:
        event.add("url", slot.video_link)
    return event


def invitation_ics(invitation: Invitation, *, summary: str, now: dt.datetime) -> str:
    """The candidate's booking as a calendar file: REQUEST while booked, CANCEL once cancelled."""
    cancelled = invitation.status == Invitation.Status.CANCELLED
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    assert invitation.slot is not None  # only booked or cancelled bookings have a calendar file
    event = _event(
        uid=f"{invitation.uid}@{settings.CONCOURS_CALENDAR_DOMAIN}",
        slot=invitation.slot,
        summary=summary,
        sequence=invitation.sequence,
        stamp=now,
    )
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode()


def schedule_ics(rows: Iterable[tuple[Slot, str]], *, now: dt.datetime) -> str:
    """A panel member's schedule: one event per slot, `rows` pairs a slot with its summary."""
    calendar = _calendar("PUBLISH")
    for slot, summary in rows:
        calendar.add_component(
            _event(
                uid=f"slot-{slot.pk}@{settings.CONCOURS_CALENDAR_DOMAIN}",
                slot=slot,
                summary=summary,
                sequence=0,
                stamp=now,
            )
        )
    return calendar.to_ical().decode()
