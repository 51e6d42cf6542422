"""Blind review in a real browser: the panel opens the anonymised essay, the recruiter the original."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from pypdf import PdfReader

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit, application_transition
from factories import (
    ESSAY_RULES,
    AssignmentFactory,
    ProfileFactory,
    VacancyFactory,
    cv_upload,
    docx_bytes,
    make_user,
)
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice, pytest.mark.django_db(transaction=True)]


def log_in(browser, live_server, email: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    page = context.new_page()
    sign_in(page, live_server.url, email)
    return context, page


def download(page, selector: str) -> bytes:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def test_the_panel_sees_no_name_and_the_recruiter_sees_the_original(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    """A panel member opens an essay with neither the candidate's name nor its metadata; a recruiter
    opens the original file."""
    vacancy = VacancyFactory(
        title="Head, Armaments Cooperation Section",
        notice={"title": "Head, Armaments Cooperation Section", "essay": ESSAY_RULES},
    )
    profile = ProfileFactory(name="Tomasz Wiśniewski-Nowak")
    original = docx_bytes(
        text="Tomasz Wiśniewski-Nowak would first map the section's cooperation programmes.",
        title="Essay by Tomasz",
        author="Tomasz Wiśniewski-Nowak",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        application = application_submit(
            candidate=profile,
            vacancy=vacancy,
            cv=cv_upload(),
            essay=SimpleUploadedFile("Key challenges.docx", original),
            actor=profile.user,
        )
    recruiter = make_user(Role.RECRUITER, email="rita@example.org")
    # Panels see only candidates still in the competition: the recruiter screens this one in first.
    application_transition(
        application=application, to=Application.Status.SCREENED_IN, reason="eligible", actor=recruiter
    )
    panel = AssignmentFactory(vacancy=vacancy).user

    context, page = log_in(browser, live_server, panel.email)
    page.goto(f"{live_server.url}/backoffice/")
    page.click(f"text={vacancy.title}")
    with page.expect_navigation():  # the check must read the application's page, not the list
        page.click(f"text={application.candidate_code}")
    assert "Wiśniewski" not in page.content()
    # The PDF opens inline (a viewer, not a download): fetch it with the panel member's session.
    response = page.request.get(live_server.url + page.get_attribute("#anonymised-essay", "href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "cooperation programmes" in text
    assert "Tomasz" not in text and "Wiśniewski" not in text and "Nowak" not in text
    assert not any("Tomasz" in str(value) for value in (reader.metadata or {}).values())
    context.close()

    context, page = log_in(browser, live_server, "rita@example.org")
    page.goto(f"{live_server.url}/backoffice/applications/{application.pk}/")
    assert download(page, "a[href$='/files/essay/']") == original
    context.close()
