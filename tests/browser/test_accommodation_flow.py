"""Reasonable accommodation in a real browser: the candidate asks with two documents, the recruiter in
charge opens one (recorded) and grants with adjustments, the candidate reads the decision, and a panel
member of the vacancy is answered 404."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from concours.accommodation.models import AccommodationRequest
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.core.models import AuditEvent, AuditEventType
from factories import (
    PDF_BYTES,
    ApplicationFactory,
    AssignmentFactory,
    VacancyFactory,
    docx_bytes,
    make_user,
)
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(browser, live_server, email: str, blocked: list[str]):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    page = context.new_page()
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: blocked.append(str(error)))
    sign_in(page, live_server.url, email)
    return context, page


def test_asking_deciding_and_reading_the_decision(browser, live_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(title="Policy Officer")
    application = ApplicationFactory(vacancy=vacancy, status=Application.Status.SHORTLISTED)
    recruiter = make_user(Role.RECRUITER)
    panel_member = AssignmentFactory(vacancy=vacancy).user
    certificate = tmp_path / "certificate.pdf"
    certificate.write_bytes(PDF_BYTES)
    letter = tmp_path / "letter.docx"
    letter.write_bytes(docx_bytes("Please allow extra time."))
    blocked: list[str] = []

    # The candidate finds the page from the application and asks, with two documents at once.
    context, page = log_in(browser, live_server, application.candidate.user.email, blocked)
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    page.click("#accommodation-link")
    page.fill("textarea[name=needs]", "I have a visual impairment and use a screen reader.")
    page.set_input_files("input[name=documents]", [str(certificate), str(letter)])
    page.click("#accommodation-form button[type=submit]")
    page.wait_for_selector("#accommodation-request")
    assert page.inner_text("#accommodation-state") == "Requested"
    request = AccommodationRequest.objects.get(application=application)
    assert request.documents.count() == 2
    context.close()

    # The recruiter in charge finds it from the vacancy, opens the certificate and decides.
    context, page = log_in(browser, live_server, recruiter.email, blocked)
    page.goto(f"{live_server.url}/backoffice/vacancies/{vacancy.pk}/")
    page.click("#accommodation-link")
    page.click("#accommodation-requests a")
    with page.expect_download() as download:
        page.click("#accommodation-documents a >> text=certificate.pdf")
    assert Path(download.value.path()).read_bytes() == PDF_BYTES
    page.check("input[name=state][value=adjusted]")
    page.check("input[name=measures][value=assistive_technology]")
    page.check("input[name=measures][value=extra_time]")
    page.fill("input[name=measures_note]", "Screen reader on the test computer")
    page.fill("textarea[name=reason]", "A screen reader rather than a person reading aloud.")
    page.click("#decide button[type=submit]")
    page.wait_for_selector(".messages")
    assert "Extra time, Assistive technology" in page.inner_text("#accommodation-measures")
    context.close()
    (opening,) = AuditEvent.objects.filter(event_type=AuditEventType.ACCOMMODATION_DOCUMENT_OPENED)
    assert opening.actor == recruiter

    # The candidate reads the decision; a panel member of the vacancy gets nothing.
    context, page = log_in(browser, live_server, application.candidate.user.email, blocked)
    page.goto(f"{live_server.url}/applications/{application.pk}/accommodation/")
    assert page.inner_text("#accommodation-state") == "Granted with adjustments"
    assert re.search(r"Screen reader on the test computer", page.inner_text("#accommodation-measures"))
    assert "person reading aloud" in page.inner_text("#accommodation-reason")
    context.close()
    context, page = log_in(browser, live_server, panel_member.email, blocked)
    response = page.goto(f"{live_server.url}/backoffice/accommodation/{request.pk}/")
    assert response is not None and response.status == 404
    context.close()
    assert blocked == []
