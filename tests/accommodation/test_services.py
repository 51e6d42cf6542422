"""Accommodation services: asking with documents kept apart and checked by the gate, deciding, opening
(each opening audited), and who may do each; a refused action keeps nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accommodation_scenario import Scene, build, docx_upload, pdf_upload
from concours.accommodation.models import AccommodationDocument, AccommodationRequest
from concours.accommodation.selectors import granted_measures, in_charge
from concours.accommodation.services import (
    accommodation_decide,
    accommodation_document_open,
    accommodation_documents_add,
    accommodation_request,
)
from concours.applications.models import Application
from concours.core.errors import Conflict, DomainError, NotAllowed
from concours.core.models import AuditEvent, AuditEventType
from factories import PDF_BYTES

pytestmark = pytest.mark.django_db
M = AccommodationRequest.Measure
A = AuditEventType


@pytest.fixture
def scene() -> Scene:
    return build()


def events(event_type: AuditEventType) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event_type).order_by("id"))


def test_a_request_keeps_its_documents_apart_under_names_of_its_own(scene, media_files) -> None:  # type: ignore[no-untyped-def]
    request = scene.request(
        stage_key="final", stage_name="Interview", documents=[pdf_upload(), docx_upload()]
    )
    documents = list(request.documents.all())
    assert [d.original_name for d in documents] == ["medical certificate.pdf", "letter from my doctor.docx"]
    assert [d.content_type for d in documents] == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    for document in documents:
        assert document.file.name.startswith(f"accommodation/{request.pk}/")
        assert "medical" not in document.file.name and "doctor" not in document.file.name
        with document.file.open("rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == document.sha256
    assert documents[0].sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    # Nothing of the application's attachments' folder: the evidence lives under its own prefix.
    assert all("/accommodation/" in str(path) for path in media_files())
    (event,) = events(A.ACCOMMODATION_REQUESTED)
    assert event.extra["documents"] == [d.sha256 for d in documents]
    assert event.actor == scene.candidate
    # The trail keeps no medical content: neither the candidate's words nor the files' names.
    assert "dyslexia" not in str(event.extra) + event.subject_repr
    assert "medical" not in str(event.extra) + event.subject_repr


HOSTILE = {
    "a web page named .pdf": ("scan.pdf", b"<html><script>alert(1)</script></html>"),
    "a program named .pdf": ("scan.pdf", b"MZ\x90\x00" + b"\x00" * 200),
    "an image": ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200),
    "an empty file": ("scan.pdf", b""),
    "a PDF named .docx": ("note.docx", PDF_BYTES),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_refused_upload_leaves_no_request_no_file_and_no_record(scene, media_files, case) -> None:  # type: ignore[no-untyped-def]
    name, content = HOSTILE[case]
    with pytest.raises(DomainError):
        scene.request(documents=[pdf_upload(), SimpleUploadedFile(name, content)])
    assert not AccommodationRequest.objects.exists()
    assert not AccommodationDocument.objects.exists()
    assert media_files() == []
    assert not AuditEvent.objects.filter(event_type__startswith="ACCOMMODATION").exists()


def test_a_refused_addition_leaves_the_request_as_it_was(scene, media_files) -> None:  # type: ignore[no-untyped-def]
    request = scene.request()
    files = media_files()
    with pytest.raises(DomainError):
        accommodation_documents_add(
            request=request,
            documents=[docx_upload(), SimpleUploadedFile("x.pdf", b"%PDF-1.4 broken")],
            actor=scene.candidate,
        )
    assert request.documents.count() == 1
    assert media_files() == files
    assert len(events(A.ACCOMMODATION_REQUESTED)) == 1
    request.refresh_from_db()
    assert request.version == 1


def test_documents_are_added_until_the_request_is_decided(scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request(documents=[])
    accommodation_documents_add(request=request, documents=[docx_upload()], actor=scene.candidate)
    assert request.documents.count() == 1
    assert events(A.ACCOMMODATION_REQUESTED)[-1].extra["documents_added"] == [request.documents.get().sha256]
    accommodation_decide(
        request=request,
        state="granted",
        measures=[M.EXTRA_TIME],
        measures_note="",
        reason="",
        actor=scene.recruiter,
    )
    with pytest.raises(DomainError):
        accommodation_documents_add(request=request, documents=[pdf_upload()], actor=scene.candidate)
    assert request.documents.count() == 1


def test_only_the_candidate_asks_and_only_while_in_the_competition(scene) -> None:  # type: ignore[no-untyped-def]
    for actor in (scene.other_candidate, scene.recruiter):
        with pytest.raises(NotAllowed):
            accommodation_request(application=scene.application, needs="x", actor=actor)
    for status in ("withdrawn", "screened_out", "not_selected", "selected", "draft"):
        other = build(status=status)
        with pytest.raises(DomainError):
            other.request()
    scene.request()
    with pytest.raises(DomainError, match="already asked"):
        scene.request()
    with pytest.raises(DomainError, match="Say what you need"):
        build().request(needs="   ")
    assert AccommodationRequest.objects.count() == 1


def test_who_is_in_charge(scene) -> None:  # type: ignore[no-untyped-def]
    assert in_charge(scene.recruiter, scene.vacancy.pk)
    for who, user in scene.outsiders().items():
        assert not in_charge(user, scene.vacancy.pk), who


def test_a_decision_by_the_recruiter_in_charge_is_recorded_and_audited(scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request()
    decided = accommodation_decide(
        request=request,
        state="adjusted",
        measures=[M.EXTRA_TIME, M.ACCESSIBLE_ROOM, M.EXTRA_TIME],
        measures_note="25% extra time",
        reason="Extra time granted; a separate room is not needed, an accessible one is.",
        actor=scene.recruiter,
        expected_version=1,
    )
    assert decided.state == "adjusted"
    assert decided.measures == ["extra_time", "accessible_room"]
    assert decided.decided_by == scene.recruiter and decided.decided_at is not None
    (event,) = events(A.ACCOMMODATION_DECIDED)
    assert event.extra["from_state"] == "requested" and event.extra["to_state"] == "adjusted"
    assert event.extra["measures"] == ["extra_time", "accessible_room"]


def test_nobody_else_decides_and_a_refusal_records_nothing(scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request()
    for who, user in scene.outsiders().items():
        with pytest.raises(NotAllowed):
            accommodation_decide(
                request=request, state="granted", measures=[M.BREAK], measures_note="", reason="", actor=user
            )
        assert not events(A.ACCOMMODATION_DECIDED), who
    request.refresh_from_db()
    assert request.state == "requested"


def test_a_decision_over_a_change_its_author_did_not_see_is_refused(scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request()
    accommodation_documents_add(request=request, documents=[docx_upload()], actor=scene.candidate)
    with pytest.raises(Conflict):
        accommodation_decide(
            request=request,
            state="refused",
            measures=[],
            measures_note="",
            reason="No evidence.",
            actor=scene.recruiter,
            expected_version=1,  # seen before the second document came
        )
    request.refresh_from_db()
    assert request.state == "requested" and not events(A.ACCOMMODATION_DECIDED)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    state=st.sampled_from(["granted", "adjusted", "refused", "requested", "maybe"]),
    measures=st.lists(st.sampled_from([*M.values, "teleport"]), max_size=4),
    note=st.sampled_from(["", "25% extra time"]),
    reason=st.sampled_from(["", "Medical evidence supports it."]),
)
def test_the_rule_of_a_decision(scene, state, measures, note, reason) -> None:  # type: ignore[no-untyped-def]
    """A decision is granted, adjusted or refused; a refusal grants nothing, the others something from
    the list; 'other' is described in the note; a reason unless everything is granted."""
    expected = (
        state in {"granted", "adjusted", "refused"}
        and all(m in M.values for m in measures)
        and (not measures if state == "refused" else bool(measures))
        and ("other" not in measures or bool(note))
        and (state == "granted" or bool(reason))
    )
    with transaction.atomic():
        request = scene.request(documents=[])
        try:
            accommodation_decide(
                request=request,
                state=state,
                measures=measures,
                measures_note=note,
                reason=reason,
                actor=scene.recruiter,
            )
        except DomainError:
            accepted = False
        else:
            accepted = True
        request.refresh_from_db()
        assert accepted == expected
        assert request.state == (state if expected else "requested")
        assert AuditEvent.objects.filter(event_type=A.ACCOMMODATION_DECIDED).exists() == expected
        transaction.set_rollback(True)


def test_every_opening_is_audited_and_a_refused_one_is_not(scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request()
    document = request.documents.get()
    for _ in range(2):
        with accommodation_document_open(document=document, actor=scene.recruiter) as handle:
            assert handle.read() == PDF_BYTES
    with accommodation_document_open(document=document, actor=scene.candidate) as handle:
        assert handle.read() == PDF_BYTES
    openings = events(A.ACCOMMODATION_DOCUMENT_OPENED)
    assert [e.actor for e in openings] == [scene.recruiter, scene.recruiter, scene.candidate]
    assert all(e.extra == {"document": document.pk, "sha256": document.sha256} for e in openings)
    for who, user in scene.outsiders().items():
        with pytest.raises(NotAllowed):
            accommodation_document_open(document=document, actor=user)
        assert len(events(A.ACCOMMODATION_DOCUMENT_OPENED)) == 3, who


def test_a_file_that_cannot_be_opened_leaves_no_record(scene) -> None:  # type: ignore[no-untyped-def]
    document = scene.request().documents.get()
    Path(document.file.path).unlink()
    with pytest.raises(FileNotFoundError):
        accommodation_document_open(document=document, actor=scene.recruiter)
    assert not events(A.ACCOMMODATION_DOCUMENT_OPENED)


def test_granted_measures_give_only_the_measures_for_the_stage(scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request(stage_key="written-test", stage_name="Written test")
    others = [build(), build(), build()]
    everywhere = others[0].request()
    refused = others[1].request()
    others[2].request()  # still waiting: nothing granted
    for asked, state, measures in (
        (request, "granted", [M.EXTRA_TIME]),
        (everywhere, "adjusted", [M.BREAK, M.OTHER]),
        (refused, "refused", []),
    ):
        accommodation_decide(
            request=asked,
            state=state,
            measures=measures,
            measures_note="Ten minutes every hour" if M.OTHER in measures else "",
            reason="" if state == "granted" else "Part of it.",
            actor=scene.recruiter,
        )
    ids = [request.application_id, *(o.application.pk for o in others)]
    found = granted_measures(ids)
    assert set(found) == {request.application_id, everywhere.application_id}
    assert str(found[everywhere.application_id]) == "A break, Other (Ten minutes every hour)"
    assert set(granted_measures(ids, stage_key="interview")) == {everywhere.application_id}
    assert set(granted_measures(ids, stage_key="written-test")) == set(found)
    # What it hands out: the measures and their note, nothing of the request.
    assert set(vars(found[request.application_id])) == {"application_id", "stage_key", "kinds", "note"}


def test_erasing_an_application_takes_its_documents_files(
    scene, media_files, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    """The privacy app erases applications with everything they hold: the evidence's files go too."""
    scene.request(documents=[pdf_upload(), docx_upload()])
    assert len(media_files()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        Application.objects.filter(pk=scene.application.pk).delete()
    assert media_files() == []
