"""The candidate's accommodation page: ask with documents, add more, see the decision; the measures on
the invitation page; 404 to everyone else; in French."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accommodation_scenario import Scene, build, docx_upload, pdf_upload
from assessment_scenario import build_competition
from concours.accommodation.models import AccommodationDocument, AccommodationRequest
from concours.accommodation.services import accommodation_decide, accommodation_request
from concours.applications.models import Application
from concours.assessment.services import candidates_invite, slot_open
from concours.core.models import AuditEvent, AuditEventType
from factories import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene() -> Scene:
    return build()


def page(scene: Scene) -> str:
    return reverse("applications:accommodation", args=[scene.application.pk])


def test_the_candidate_asks_adds_a_document_and_sees_the_decision(client, scene) -> None:  # type: ignore[no-untyped-def]
    client.force_login(scene.candidate)
    detail = client.get(reverse("applications:detail", args=[scene.application.pk])).content.decode()
    assert page(scene) in detail
    response = client.post(
        page(scene),
        {"ask": "1", "stage": "", "needs": "I use a wheelchair.", "documents": [pdf_upload(), docx_upload()]},
    )
    assert response.status_code == 302
    request = AccommodationRequest.objects.get(application=scene.application)
    assert request.needs == "I use a wheelchair." and request.stage_key == ""
    assert request.documents.count() == 2

    response = client.post(page(scene), {"add": "1", "documents": [pdf_upload("second opinion.pdf")]})
    assert response.status_code == 302
    assert request.documents.count() == 3
    html = client.get(page(scene)).content.decode()
    assert "second opinion.pdf" in html and "Requested" in html

    accommodation_decide(
        request=request,
        state="adjusted",
        measures=["accessible_room"],
        measures_note="Ground floor, room 1.014",
        reason="A remote interview is not needed: the room is accessible.",
        actor=scene.recruiter,
    )
    html = client.get(page(scene)).content.decode()
    assert "Granted with adjustments" in html
    assert "Accessible room – Ground floor, room 1.014" in html
    assert "the room is accessible" in html
    assert 'id="add-documents"' not in html  # decided: no more documents


def test_a_refused_upload_shows_why_and_keeps_nothing(client, scene, media_files) -> None:  # type: ignore[no-untyped-def]
    client.force_login(scene.candidate)
    response = client.post(
        page(scene),
        {
            "ask": "1",
            "needs": "Extra time.",
            "documents": [SimpleUploadedFile("scan.pdf", b"<html>hi</html>")],
        },
    )
    assert response.status_code == 400
    assert "was refused" in response.content.decode()
    assert not AccommodationRequest.objects.exists()
    assert media_files() == []


def test_the_candidate_downloads_an_own_document_and_the_opening_is_recorded(client, scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request()
    document = request.documents.get()
    client.force_login(scene.candidate)
    url = reverse("applications:accommodation_document", args=[scene.application.pk, document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert "medical certificate.pdf" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(event_type=AuditEventType.ACCOMMODATION_DOCUMENT_OPENED).count() == 1


def test_everyone_else_gets_404_on_the_page_and_the_documents(client, scene) -> None:  # type: ignore[no-untyped-def]
    document = scene.request().documents.get()
    urls = [
        page(scene),
        reverse("applications:accommodation_document", args=[scene.application.pk, document.pk]),
    ]
    for url in urls:
        client.logout()
        assert client.get(url).status_code == 302  # to log in
        for who, user in [("recruiter", scene.recruiter), *scene.outsiders().items()]:
            client.force_login(user)
            assert client.get(url).status_code == 404, (who, url)
    # The candidate's own document under another of their applications' address: 404 too.
    other = Application.objects.create(candidate=scene.application.candidate, vacancy=build().vacancy)
    client.force_login(scene.candidate)
    url = reverse("applications:accommodation_document", args=[other.pk, document.pk])
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(event_type=AuditEventType.ACCOMMODATION_DOCUMENT_OPENED).exists()


def test_a_candidate_out_of_the_competition_cannot_ask(client) -> None:  # type: ignore[no-untyped-def]
    scene = build(status="screened_out")
    client.force_login(scene.candidate)
    html = client.get(page(scene)).content.decode()
    assert 'id="accommodation-closed"' in html and 'id="accommodation-form"' not in html
    response = client.post(page(scene), {"ask": "1", "needs": "Extra time."})
    assert response.status_code == 400
    assert not AccommodationRequest.objects.exists()


def test_the_page_is_in_french(client, scene) -> None:  # type: ignore[no-untyped-def]
    scene.candidate.language = "fr"
    scene.candidate.save()
    client.force_login(scene.candidate)
    html = client.get(page(scene), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in html
    for french in (
        "Aménagement raisonnable",
        "Pour quelle épreuve",
        "Envoyer ma demande",
        "Toutes les épreuves",
    ):
        assert french in html, french
    scene.request(documents=[pdf_upload()])
    accommodation_decide(
        request=AccommodationRequest.objects.get(),
        state="granted",
        measures=["extra_time", "break"],
        measures_note="",
        reason="",
        actor=scene.recruiter,
    )
    html = client.get(page(scene), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    text = re.sub(r"<[^>]+>", " ", html)
    for english in (
        "Your request",
        "Supporting documents",
        "Measures granted",
        "Extra time",
        "Granted",
        "State",
    ):
        assert not re.search(rf"\b{english}\b", text), english
    assert "Temps supplémentaire" in text and "Accordé" in text


def test_the_invitation_shows_the_measures_granted_for_its_stage(
    client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    competition = build_competition()
    application = competition.applications[0]
    Application.objects.filter(pk=application.pk).update(status="shortlisted")
    stage = competition.stage("final")
    slot_open(
        stage=stage,
        local_start=dt.datetime.combine((timezone.now() + dt.timedelta(days=30)).date(), dt.time(9, 30)),
        minutes=45,
        place="NATO HQ",
        video_link="",
        capacity=1,
        actor=competition.recruiter,
    )
    with django_capture_on_commit_callbacks(execute=True):
        candidates_invite(
            stage=stage,
            applications=[Application.objects.get(pk=application.pk)],
            actor=competition.recruiter,
        )
    user = application.candidate.user
    request = accommodation_request(
        application=application, needs="Extra time.", stage_key="written-test", actor=user
    )
    url = reverse("applications:slots", args=[application.pk])
    client.force_login(user)
    accommodation_decide(
        request=request,
        state="granted",
        measures=["extra_time"],
        measures_note="",
        reason="",
        actor=competition.recruiter,
    )
    assert "Extra time" not in client.get(url).content.decode()  # granted for another stage
    AccommodationRequest.objects.filter(pk=request.pk).update(stage_key=stage.key)
    html = client.get(url).content.decode()
    assert "Accommodation granted: Extra time" in html
    assert not AccommodationDocument.objects.exists()
