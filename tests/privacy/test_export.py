"""A candidate downloads everything Concours holds about them: every personal value and every file,
and nobody else's."""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata
import zipfile

import pytest
from django.db import models
from django.urls import reverse

from concours.accommodation.models import AccommodationRequest
from concours.accounts.models import Role
from concours.applications.models import Attachment, Transition
from concours.candidates.models import Education, LanguageSkill, WorkExperience
from concours.core.audit import audit_events_for
from concours.core.models import AuditEventType
from concours.essays.models import DraftCheck
from concours.screening.models import Verdict
from data_rights import BART, ZOE, Scenario, build, build_everything
from factories import make_user

pytestmark = pytest.mark.django_db


def _download(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.post(reverse("privacy:download"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("personal-data.json"))
    files = {name: archive.read(name) for name in archive.namelist() if name != "personal-data.json"}
    return data, files


def _texts_held_about(s: Scenario) -> list[tuple[str, str]]:
    """Each text field of each row about Zoë (not the stored files' internal names)."""
    rows = [
        s.zoe,
        *LanguageSkill.objects.filter(profile=s.zoe),
        *Education.objects.filter(profile=s.zoe),
        *WorkExperience.objects.filter(profile=s.zoe),
        *Attachment.objects.filter(application__candidate=s.zoe),
        *Transition.objects.filter(application__candidate=s.zoe),
        *Verdict.objects.filter(application__candidate=s.zoe),
        *DraftCheck.objects.filter(candidate=s.zoe),
    ]
    found = []
    for row in rows:
        for field in row._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not isinstance(
                field, models.FileField
            ):
                value = getattr(row, field.attname)
                if value:
                    found.append((f"{row._meta.label}.{field.name}", str(value)))
    assert len(found) > 20
    return found


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def test_the_export_holds_every_personal_value_and_every_file_and_nobody_elses(client) -> None:  # type: ignore[no-untyped-def]
    """The JSON has each value of the account, profile, applications (history, verdict, profile as
    submitted), draft check and audit trail; the archive has each stored file byte for byte; nothing of
    the other candidate or of the recruiter is in it."""
    s = build()
    data, files = _download(client, s.zoe.user)
    text = _norm(json.dumps(data, ensure_ascii=False))

    for value in [*ZOE.terms, *ZOE.nationalities]:
        assert _norm(value) in text, value
    for where, value in _texts_held_about(s):
        assert _norm(value) in text, where
    assert data["account"]["email"] == ZOE.email and data["profile"]["name"] == ZOE.name
    assert data["profile"]["nationalities"] == list(ZOE.nationalities)
    assert {(item["language"], item["level"]) for item in data["profile"]["languages"]} == {
        ("en", "V"),
        ("fr", "IV"),
    }
    by_reference = {item["vacancy"]["reference"]: item for item in data["applications"]}
    assert set(by_reference) == {s.closed.reference, s.running.reference}
    closed = by_reference[s.closed.reference]
    assert closed["status"] == "screened_out"
    assert [(step["from"], step["to"], step["by"]) for step in closed["history"]] == [
        ("draft", "submitted", "you"),
        ("submitted", "screened_out", "staff"),
    ]
    assert (
        closed["eligibility"]["decision"]["reason"]
        == f"{ZOE.name} ({ZOE.email}) holds no degree in the field"
    )
    assert closed["eligibility"]["screening"]["checks"], "the screening's reasons are given"
    [told] = [mail for mail in closed["mails"] if mail["outcome"] == "screened_out"]  # as written to her
    assert told["to"] == ZOE.email and ZOE.name in told["body"]
    assert closed["profile_as_submitted"]["name"] == ZOE.name
    assert data["draft_checks"][0]["file_name"] == ZOE.draft_name
    events = {event["event"] for event in data["audit_events"]}
    assert {"PROFILE_SAVED", "APPLICATION_SUBMITTED", "VERDICT_OVERRIDDEN", "DRAFT_CHECK_STARTED"} <= events

    # Every file held about her, byte for byte: CVs, essays, the anonymised essay, the waiting draft.
    stored = [a.file for app in (s.zoe_closed, s.zoe_running) for a in app.attachments.all()]
    stored += [s.zoe_closed.essay_rendition.pdf, s.draft.file]
    digests = {hashlib.sha256(body).hexdigest() for body in files.values()}
    for held in stored:
        with held.open("rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() in digests, held.name
    assert len(files) == len(stored) + 1  # and the README

    # Nobody else's: the other candidate's values and files, the recruiter's name and address.
    for value in [*BART.terms, s.recruiter.name, s.recruiter.email]:
        assert _norm(value) not in text, value
    for app in (s.bart_closed, *s.bart.applications.all()):
        for attachment in app.attachments.all():
            assert attachment.sha256 not in digests
    assert all(b"Quenneville" not in body for body in files.values())


def test_the_download_is_recorded(client) -> None:  # type: ignore[no-untyped-def]
    """Who downloaded a whole copy of someone's data is in the audit trail."""
    s = build()
    _download(client, s.zoe.user)
    event = audit_events_for(s.zoe.user).get(event_type=AuditEventType.PERSONAL_DATA_EXPORTED)
    assert event.actor == s.zoe.user and event.extra == {"applications": 2, "files": 6}


def test_a_candidate_without_a_profile_gets_their_account(client) -> None:  # type: ignore[no-untyped-def]
    """A new account with nothing else still downloads: the account, empty lists."""
    user = make_user(Role.CANDIDATE, email="new.person@example.org")
    data, files = _download(client, user)
    assert data["account"]["email"] == "new.person@example.org" and data["profile"] is None
    assert data["applications"] == [] and list(files) == ["README.txt"]


def test_the_export_holds_job_alerts_accommodation_explanations_and_reserve_lists(client) -> None:  # type: ignore[no-untyped-def]
    """Her job alert; her accommodation request with its decision and both supporting documents, byte
    for byte; the question asked about her essay and her answer; the reserve list she was on, with the
    offer she declined and the mail telling her; the events about them. Nothing of the other
    candidate's alert or request."""
    e = build_everything()
    s = e.s
    data, files = _download(client, s.zoe.user)
    text = _norm(json.dumps(data, ensure_ascii=False))

    [alert] = data["job_alerts"]
    assert alert["search"]["query"] == "sea-ice" and alert["language"] == "fr" and alert["active"]
    by_reference = {item["vacancy"]["reference"]: item for item in data["applications"]}
    running = by_reference[s.running.reference]
    accommodation = running["accommodation"]
    assert accommodation["needs"] == f"{ZOE.name} asks for extra time: dyslexia."
    assert accommodation["state"] == "adjusted" and accommodation["measures"] == ["extra_time"]
    assert accommodation["reason"] == f"{ZOE.name} gets extra time, not a separate room"
    assert accommodation["decided_by"] == "staff" and accommodation["measures_note"] == "Twenty minutes more"
    assert [d["file_name"] for d in accommodation["documents"]] == list(e.accommodation_names)
    request = AccommodationRequest.objects.get(application=s.zoe_running)
    for document in request.documents.all():
        [listed] = [d for d in accommodation["documents"] if d["sha256"] == document.sha256]
        with document.file.open("rb") as f:
            assert files[listed["in_this_archive"]] == f.read()
        assert (
            listed["in_this_archive"].startswith("applications/")
            and "/accommodation/" in listed["in_this_archive"]
        )
    [explanation] = running["explanations_asked"]
    assert explanation["question"] == "How did you write your essay?" and explanation["asked_by"] == "staff"
    assert explanation["answer"] == f"Alone, in the evenings, while at {ZOE.employer}."
    assert by_reference[s.closed.reference]["accommodation"] is None
    assert by_reference[s.closed.reference]["reserve_list"] is None

    reserve = by_reference[e.reserve_application.vacancy.reference]["reserve_list"]
    assert (reserve["grade"], reserve["state"], reserve["expires_on"]) == ("G15", "expired", "2025-07-10")
    [offer] = reserve["offers"]
    assert offer["post"] == "Sea-ice analyst" and offer["state"] == "declined"
    assert offer["vacancy"]["reference"] == "LATER-01"
    mails = by_reference[e.reserve_application.vacancy.reference]["mails"]
    assert [mail["outcome"] for mail in mails] == ["reserve"] and mails[0]["to"] == ZOE.email
    events = {event["event"] for event in data["audit_events"]}
    assert {"JOB_ALERT_SAVED", "ACCOMMODATION_REQUESTED", "ACCOMMODATION_DECIDED"} <= events
    assert {"GENAI_EXPLANATION_ASKED", "GENAI_EXPLANATION_GIVEN"} <= events

    # Nobody else's: the other candidate's alert, request and document.
    for value in [*BART.terms, "naval", "accessible room", s.recruiter.name, s.recruiter.email]:
        assert _norm(value) not in text, value
    assert not [name for name in files if "Quenneville" in name]
    assert len([name for name in files if "/accommodation/" in name]) == 2
