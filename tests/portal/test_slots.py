"""Interview slots: the candidate books, changes and cancels in the portal; each step is a mail with
the same calendar event (one UID, a growing SEQUENCE, METHOD:CANCEL at the end) and a download."""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from assessment_scenario import Competition, build_competition
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.assessment.models import Invitation, Slot
from concours.assessment.services import booking_make, candidates_invite, slot_open
from concours.core.errors import DomainError
from factories import make_user

pytestmark = pytest.mark.django_db


def interviews(competition: Competition, capacity: int = 1) -> tuple[list[Slot], list[Invitation]]:
    """Two candidates shortlisted and invited to the final interviews; two slots in Brussels."""
    shortlisted = competition.applications[:2]
    Application.objects.filter(pk__in=[a.pk for a in shortlisted]).update(status="shortlisted")
    stage = competition.stage("final")
    day = (timezone.now() + dt.timedelta(days=60)).date()
    slots = [
        slot_open(
            stage=stage,
            local_start=dt.datetime.combine(day, dt.time(hour, 30)),
            minutes=45,
            place="NATO HQ, Brussels",
            video_link="",
            capacity=capacity,
            actor=competition.recruiter,
        )
        for hour in (9, 11)
    ]
    with TestCase.captureOnCommitCallbacks(execute=True):
        invitations = candidates_invite(
            stage=stage,
            applications=list(Application.objects.filter(pk__in=[a.pk for a in shortlisted]).order_by("pk")),
            actor=competition.recruiter,
        )
    return slots, invitations


def event(text: str | bytes) -> tuple[str, object]:
    calendar = Calendar.from_ical(text)
    (found,) = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), found


def test_book_change_cancel_each_mail_one_event(client) -> None:  # type: ignore[no-untyped-def]
    competition = build_competition()
    slots, invitations = interviews(competition)
    assert len(mail.outbox) == 4 + 2 and "Choose a time" in mail.outbox[-1].body
    candidate = competition.applications[0].candidate.user
    invitation = next(i for i in invitations if i.application_id == competition.applications[0].pk)
    client.force_login(candidate)
    url = reverse("applications:slots", args=[invitation.application_id])
    page = client.get(url).content.decode()
    assert "NATO HQ, Brussels" in page
    mail.outbox.clear()
    steps = [
        {"invitation": invitation.pk, "slot": slots[0].pk, "book": "1"},
        {"invitation": invitation.pk, "slot": slots[1].pk, "book": "1"},
        {"invitation": invitation.pk, "cancel": "1"},
    ]
    seen = []
    for data in steps:
        with TestCase.captureOnCommitCallbacks(execute=True):
            assert client.post(url, data).status_code == 302
        message = mail.outbox[-1]
        (attachment,) = message.attachments
        method, found = event(attachment[1])
        seen.append((method, str(found["UID"]), int(found["SEQUENCE"]), str(found["STATUS"])))
    uids = {uid for _m, uid, _s, _st in seen}
    assert len(uids) == 1
    assert [(m, s, st) for m, _u, s, st in seen] == [
        ("REQUEST", 0, "CONFIRMED"),
        ("REQUEST", 1, "CONFIRMED"),
        ("CANCEL", 2, "CANCELLED"),
    ]
    download = client.get(
        reverse("applications:invitation_ics", args=[invitation.application_id, invitation.pk])
    )
    method, found = event(download.content)
    assert (method, str(found["UID"]), int(found["SEQUENCE"])) == ("CANCEL", uids.pop(), 2)


def test_a_slot_is_kept_at_the_places_time(client) -> None:  # type: ignore[no-untyped-def]
    """09:30 in Brussels is stored and exported as the UTC instant of 09:30 there."""
    competition = build_competition()
    slots, invitations = interviews(competition)
    booking_make(invitation=invitations[0], slot=slots[0], actor=invitations[0].application.candidate.user)
    client.force_login(invitations[0].application.candidate.user)
    text = client.get(
        reverse("applications:invitation_ics", args=[invitations[0].application_id, invitations[0].pk])
    ).content
    _method, found = event(text)
    start = found["DTSTART"].dt
    assert start.utcoffset() == dt.timedelta(0)
    local = start.astimezone(ZoneInfo("Europe/Brussels"))
    assert (local.hour, local.minute) == (9, 30)


def test_a_full_slot_is_refused() -> None:
    competition = build_competition()
    slots, invitations = interviews(competition)
    first, second = invitations
    booking_make(invitation=first, slot=slots[0], actor=first.application.candidate.user)
    with pytest.raises(DomainError, match="taken"):
        booking_make(invitation=second, slot=slots[0], actor=second.application.candidate.user)
    assert Invitation.objects.filter(slot=slots[0], status="booked").count() == 1


def test_the_slot_pages_refuse_the_wrong_reader(client) -> None:  # type: ignore[no-untyped-def]
    """Another candidate gets 404 (as if the application did not exist); staff get 403; the wrong
    application in the address 404."""
    competition = build_competition()
    slots, invitations = interviews(competition)
    invitation = invitations[0]
    booking_make(invitation=invitation, slot=slots[0], actor=invitation.application.candidate.user)
    urls = [
        reverse("applications:slots", args=[invitation.application_id]),
        reverse("applications:invitation_ics", args=[invitation.application_id, invitation.pk]),
    ]
    client.force_login(invitations[1].application.candidate.user)
    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(make_user(Role.RECRUITER))
    assert [client.get(url).status_code for url in urls] == [403, 403]
    client.force_login(invitation.application.candidate.user)
    assert [client.get(url).status_code for url in urls] == [200, 200]
    other = reverse("applications:invitation_ics", args=[invitations[1].application_id, invitation.pk])
    assert client.get(other).status_code == 404


def test_the_slots_page_is_in_french(client) -> None:  # type: ignore[no-untyped-def]
    competition = build_competition()
    _slots, invitations = interviews(competition)
    client.force_login(invitations[0].application.candidate.user)
    html = client.get(
        reverse("applications:slots", args=[invitations[0].application_id]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Tests et entretiens" in html and "Réserver cet horaire" in html
    for english in ("Tests and interviews", "Book this time", "places left", "Choose a time"):
        assert english not in html


def test_a_member_downloads_their_schedule_with_codes_only(client) -> None:  # type: ignore[no-untyped-def]
    competition = build_competition()
    slots, invitations = interviews(competition)
    booked = invitations[0]
    booking_make(invitation=booked, slot=slots[0], actor=booked.application.candidate.user)
    client.force_login(competition.user("expert"))
    response = client.get(reverse("backoffice:assessment_schedule"))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    summaries = " ".join(str(e["SUMMARY"]) for e in events)
    assert booked.application.candidate_code in summaries
    assert booked.application.candidate.name not in response.content.decode()
    home = client.get(reverse("backoffice:assessment", args=[competition.vacancy.pk])).content.decode()
    schedule = home.split('id="schedule"')[1].split("</table>")[0]
    assert booked.application.candidate_code in schedule and "NATO HQ, Brussels" in schedule
    assert booked.application.candidate.name not in home


def race(slot: Slot, invitations: list[Invitation]) -> list[str]:
    """Each candidate books `slot` in a thread of their own, released at the same instant."""
    start = threading.Barrier(len(invitations))
    outcomes: list[str] = []

    def book(invitation: Invitation) -> None:
        try:
            start.wait()
            booking_make(invitation=invitation, slot=slot, actor=invitation.application.candidate.user)
            outcomes.append("booked")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(invitation,)) for invitation in invitations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: run with scripts/with-postgres.sh")
@pytest.mark.django_db(transaction=True)  # each thread commits on its own connection, as two web workers do
def test_two_candidates_racing_for_the_last_place_on_postgresql() -> None:
    """Two candidates book the last place of a slot at the same instant: one gets it, one is refused."""
    for _round in range(5):
        slots, invitations = interviews(build_competition())
        assert sorted(race(slots[0], invitations)) == ["booked", "refused"]
        assert Invitation.objects.filter(slot=slots[0], status="booked").count() == 1


def test_a_candidate_who_uses_the_site_in_french_gets_french_mails() -> None:
    """The recruiter invites in English; the candidate, who reads the site in French, is mailed in French."""
    competition = build_competition()
    first = competition.applications[0]
    first.candidate.user.language = "fr"
    first.candidate.user.save(update_fields=["language"])
    mail.outbox.clear()
    interviews(competition)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    french = by_recipient[first.candidate.user.email]
    assert "Choisissez un horaire" in french.body and "Évaluation finale" in french.body
    english = by_recipient[competition.applications[1].candidate.user.email]
    assert "Choose a time" in english.body


def test_a_withdrawn_candidate_cannot_book() -> None:
    competition = build_competition()
    slots, invitations = interviews(competition)
    invitation = invitations[0]
    Application.objects.filter(pk=invitation.application_id).update(status="withdrawn")
    invitation.refresh_from_db()
    with pytest.raises(DomainError, match="no longer"):
        booking_make(invitation=invitation, slot=slots[0], actor=invitation.application.candidate.user)
    assert not Invitation.objects.filter(status="booked").exists()
