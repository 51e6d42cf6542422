"""The walking skeleton end to end, in a real browser: register, profile, apply, screen, follow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail

from concours.accounts.models import Role
from concours.applications.models import Application
from factories import (
    ESSAY_RULES,
    PDF_BYTES,
    OrgUnitFactory,
    VacancyFactory,
    docx_bytes,
    make_user,
)
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_register_apply_screen_and_follow(browser, live_server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A candidate registers, fills the profile and applies with two files; a recruiter screens them in;
    the candidate sees the new state."""
    vacancy = VacancyFactory(
        title="Head, Capability Delivery Section",
        reference="260114",
        grade="G20",
        unit=OrgUnitFactory(name="Defence Investment Division"),
        # The notice asks for an essay: the apply form has an essay field only then.
        notice={
            "organisation": "NATO",
            "title": "Head, Capability Delivery Section",
            "reference": "260114",
            "key_challenges": ["Lead the section's capability programmes."],
            "essay": ESSAY_RULES,
        },
    )
    # Two more open competitions, so that the portal's screenshot looks like a real list.
    VacancyFactory(
        title="Senior Policy Officer, Hybrid Threats",
        reference="260127",
        grade="G17",
        unit=OrgUnitFactory(name="Emerging Security Challenges Division"),
    )
    VacancyFactory(
        title="Data Protection Officer",
        reference="260142",
        grade="G15",
        unit=OrgUnitFactory(name="Office of the Legal Adviser"),
    )
    make_user(Role.RECRUITER, email="rita@example.org")
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(PDF_BYTES)
    essay = tmp_path / "260114 Key challenges.docx"
    essay.write_bytes(docx_bytes(title="260114 Key challenges"))

    candidate = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = candidate.new_page()
    page.goto(f"{live_server.url}/vacancies/")
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / "portal.png"))

    # Register, then confirm the address with the link from the mail.
    page.click("text=Register")
    page.fill("input[name=email]", "ana.silva@example.org")
    page.fill("input[name=password1]", "Tagus-river-2026")
    page.fill("input[name=password2]", "Tagus-river-2026")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.click("main form button[type=submit]")

    # Fill the profile.
    page.goto(f"{live_server.url}/profile/")
    page.fill("#id_name", "Ana Silva")
    page.select_option("#id_nationalities", ["PT"])
    page.select_option("#id_lang-0-language", "en")
    page.fill("#id_lang-0-level", "VI")
    page.select_option("#id_edu-0-level", "master")
    page.fill("#id_edu-0-completed", "2010-06")
    page.fill("#id_exp-0-title", "Policy adviser")
    page.fill("#id_exp-0-start", "2011-01")
    page.click("#profile-form button[type=submit]")
    page.wait_for_selector("text=Your profile has been saved.")

    # Apply with two files.
    page.goto(f"{live_server.url}/vacancies/{vacancy.pk}/")
    page.click("#apply")
    page.set_input_files("#id_cv", str(cv))
    page.set_input_files("#id_essay", str(essay))
    page.check("#id_confirm")
    page.click("#apply-form button[type=submit]")
    assert page.inner_text("#application-status") == "Submitted"
    application = Application.objects.get(candidate__user__email="ana.silva@example.org")
    assert application.attachments.count() == 2

    # A recruiter screens the application in.
    recruiter = browser.new_context(locale="en-GB")
    back = recruiter.new_page()
    sign_in(back, live_server.url, "rita@example.org")
    back.goto(f"{live_server.url}/backoffice/")
    back.click(f"text={vacancy.title}")
    back.click("text=Ana Silva")
    back.select_option("#id_to", "screened_in")
    back.fill("#id_reason", "Meets the essential requirements.")
    back.click("#move-form button[type=submit]")
    assert back.inner_text("#application-status") == "Screened in"

    # The candidate sees the new state.
    page.goto(f"{live_server.url}/applications/")
    assert "Screened in" in page.inner_text("table")
    candidate.close()
    recruiter.close()
