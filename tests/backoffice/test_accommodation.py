"""The recruiters' accommodation pages: the vacancy's requests, a request with its documents (each
opening audited) and the decision; 404 to panel members, hiring managers, the appointing authority,
HR seated on the panel and candidates; the measures on HR's slots page and on no panel page; French."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accommodation_scenario import Scene, build, docx_upload, pdf_upload
from assessment_scenario import build_competition, declare_all
from backoffice.test_blind_review import _crawl  # the blind-review test's crawler
from concours.accommodation.models import AccommodationRequest
from concours.accommodation.services import accommodation_decide, accommodation_request
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.core.models import AuditEvent, AuditEventType
from factories import PDF_BYTES, make_user

pytestmark = pytest.mark.django_db
OPENED = AuditEventType.ACCOMMODATION_DOCUMENT_OPENED


@pytest.fixture
def scene() -> Scene:
    return build()


def urls(scene: Scene, request: AccommodationRequest) -> dict[str, str]:
    document = request.documents.first()
    assert document is not None
    return {
        "list": reverse("backoffice:accommodation_list", args=[scene.vacancy.pk]),
        "detail": reverse("backoffice:accommodation", args=[request.pk]),
        "document": reverse("backoffice:accommodation_document", args=[document.pk]),
    }


def test_the_recruiter_in_charge_reads_opens_and_decides(client, scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request(
        stage_key="final", stage_name="Interview", documents=[pdf_upload(), docx_upload()]
    )
    pages = urls(scene, request)
    client.force_login(scene.recruiter)
    vacancy_page = client.get(reverse("backoffice:vacancy", args=[scene.vacancy.pk])).content.decode()
    assert pages["list"] in vacancy_page
    listing = client.get(pages["list"]).content.decode()
    assert (
        pages["detail"] in listing and scene.application.candidate.name in listing and "Interview" in listing
    )
    detail = client.get(pages["detail"]).content.decode()
    assert "dyslexia" in detail and "medical certificate.pdf" in detail and pages["document"] in detail

    for _ in range(2):
        response = client.get(pages["document"])
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
        assert response["Content-Disposition"].startswith("attachment")
    assert [e.actor for e in AuditEvent.objects.filter(event_type=OPENED)] == [scene.recruiter] * 2

    response = client.post(
        pages["detail"],
        {
            "version": request.version,
            "state": "adjusted",
            "measures": ["extra_time", "assistive_technology"],
            "measures_note": "Screen reader on the test computer",
            "reason": "Extra time as asked; the screen reader instead of a reader in the room.",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "adjusted" and request.measures == ["extra_time", "assistive_technology"]
    assert request.decided_by == scene.recruiter
    assert AuditEvent.objects.filter(event_type=AuditEventType.ACCOMMODATION_DECIDED).count() == 1


def test_a_decision_over_a_newer_version_is_refused_on_the_page(client, scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request()
    seen = request.version
    accommodation_decide(
        request=request,
        state="granted",
        measures=["break"],
        measures_note="",
        reason="",
        actor=scene.recruiter,
    )
    client.force_login(make_user(Role.RECRUITER))
    response = client.post(
        reverse("backoffice:accommodation", args=[request.pk]),
        {"version": seen, "state": "refused", "measures": [], "reason": "No evidence."},
    )
    assert response.status_code == 400
    assert "has changed since you opened it" in response.content.decode()
    request.refresh_from_db()
    assert request.state == "granted"


def test_everyone_but_the_recruiters_in_charge_gets_404(client, scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request()
    candidate_outsiders = {"the candidate who asked": scene.candidate, **scene.outsiders()}
    for name, url in urls(scene, request).items():
        client.logout()
        assert client.get(url).status_code == 302, name  # to log in
        for who, user in candidate_outsiders.items():
            client.force_login(user)
            assert client.get(url).status_code == 404, (who, name)
            if name == "detail":
                response = client.post(
                    url, {"version": request.version, "state": "refused", "reason": "Not needed."}
                )
                assert response.status_code == 404, who
    assert not AuditEvent.objects.filter(event_type=OPENED).exists()
    request.refresh_from_db()
    assert request.state == "requested"


def test_the_measures_show_on_hrs_slots_page_and_on_no_panel_page(client) -> None:  # type: ignore[no-untyped-def]
    competition = build_competition()
    application = competition.applications[0]
    Application.objects.filter(pk=application.pk).update(status="shortlisted")
    stage = competition.stage("final")
    request = accommodation_request(
        application=application,
        needs="I have a chronic condition.",
        stage_key=stage.key,
        stage_name=stage.name,
        documents=[pdf_upload()],
        actor=application.candidate.user,
    )
    accommodation_decide(
        request=request,
        state="granted",
        measures=["remote"],
        measures_note="By video from home",
        reason="",
        actor=competition.recruiter,
    )
    client.force_login(competition.recruiter)
    slots = client.get(reverse("backoffice:assessment_slots", args=[stage.pk])).content.decode()
    assert "Accommodation: Remote participation (By video from home)" in slots
    assert "chronic condition" not in slots  # the measures, never the request

    for key in ("chair", "expert", "manager"):
        declare_all(competition, key)
        client.force_login(competition.user(key))
        pages = _crawl(client, reverse("backoffice:vacancies"))
        pages.update(_crawl(client, reverse("backoffice:assessment", args=[competition.vacancy.pk])))
        assert len(pages) > 3, key
        for url, text in pages.items():
            for leak in ("Remote participation", "By video from home", "chronic condition", "medical"):
                assert leak not in text, (key, url, leak)


def test_the_pages_are_in_french(client, scene) -> None:  # type: ignore[no-untyped-def]
    request = scene.request()
    scene.recruiter.language = "fr"
    scene.recruiter.save()
    client.force_login(scene.recruiter)
    pages = urls(scene, request)
    for name in ("list", "detail"):
        html = client.get(pages[name], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert '<html lang="fr">' in html, name
        text = re.sub(r"<[^>]+>", " ", html)
        assert "Aménagement raisonnable" in text, name
        for english in (
            "Requested",
            "Every stage",
            "Supporting documents",
            "Decision",
            "Record the decision",
            "Candidate",
        ):
            assert not re.search(rf"\b{english}\b", text), (name, english)


def test_the_vacancy_is_named_in_french_on_french_pages(client, scene) -> None:  # type: ignore[no-untyped-def]
    """The list's title and the detail's way back name the vacancy by its French title, not its English."""
    request = scene.request()
    client.force_login(scene.recruiter)
    pages = urls(scene, request)
    vacancy = scene.vacancy
    assert vacancy.title_fr and vacancy.title_fr != vacancy.title
    for name in ("list", "detail"):
        html = client.get(pages[name], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert f"{vacancy.reference} {vacancy.title_fr}" in html, name
        assert f"{vacancy.reference} {vacancy.title}" not in html, name
