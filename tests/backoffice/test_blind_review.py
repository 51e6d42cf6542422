"""Blind review, tried as a panel member and a hiring manager would: every page and file they can reach.

The candidate's profile and essay carry values a panel must never read (name split across a line break
and a tab, written with decomposed accents and without them, e-mail address, phone number, nationality,
employer, university, the dates of posts, the CV's file name). The test follows every link those roles
are given, opens every file, and looks for each value.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit, application_transition
from concours.candidates.models import Education, WorkExperience
from concours.essays.models import Rendition
from concours.vacancies.models import VacancyAssignment
from factories import ESSAY_RULES, AssignmentFactory, ProfileFactory, VacancyFactory, cv_upload, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]

S = Application.Status
NAME = "Zoë Ångström-Kowalczyk"
EMAIL = "zoe.kowalczyk@utenriks-tromso.example"
PHONE = "+47 412 55 019"
EMPLOYER = "Utenriksdepartementet Tromsø"
UNIVERSITY = "Université de Montréal-Laval"
CV_NAME = "CV_Kowalczyk_final.pdf"
# Every value the panel must not see, as it could appear on a page or in a PDF's text.
SECRETS = [
    "Zoë",
    "Zoe",
    "Ångström",
    "Angstrom",
    "Kowalczyk",
    EMAIL,
    "utenriks-tromso",
    "412 55 019",
    "Utenriksdepartementet",
    "Montréal-Laval",
    "Iceland",
    "Islande",
    "1987-09",
    "Sept. 1987",
    CV_NAME,
]


def _essay() -> bytes:
    """The essay as candidates write it: the name split by a line break and a tab, NFD, contacts."""
    from docx import Document
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.core_properties.author = NAME
    split = document.add_paragraph("Key challenges, by Zoë")
    split.add_run().add_break()
    split.add_run("Ångström-Kowalczyk. The section must renew its plan.")
    tabbed = document.add_paragraph("Signed: Zoë")
    tabbed.add_run().add_tab()
    tabbed.add_run("Kowalczyk")
    document.add_paragraph(unicodedata.normalize("NFD", "As Zoë Ångström I would first listen."))
    document.add_paragraph("Zoe Angstrom-Kowalczyk, written without accents, closes the first part.")
    document.add_paragraph(f"At {EMPLOYER}, after my years at the {UNIVERSITY}, I led a unit of nine.")
    document.add_paragraph(f"Reach me at {EMAIL} or on {PHONE}.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def competition():  # type: ignore[no-untyped-def]
    """A vacancy with one candidate in the competition and two out of it (withdrawn, screened out)."""
    vacancy = VacancyFactory(notice={"title": "Head of Section", "essay": ESSAY_RULES})
    # Staff names are fixed: a random one ("Zoe Smith") would be found as a leak on the panel list.
    recruiter = make_user(Role.RECRUITER, name="Rita Recruiter")
    profile = ProfileFactory(name=NAME, nationalities=["IS"], user__email=EMAIL)
    Education.objects.create(
        profile=profile, level="master", institution=UNIVERSITY, completed=dt.date(1986, 6, 30)
    )
    WorkExperience.objects.create(
        profile=profile, title="Counsellor", employer=EMPLOYER, start=dt.date(1987, 9, 14), tags=["policy"]
    )
    applications = {}
    for key, candidate_name in (
        ("in", None),
        ("withdrawn", "Bartholomew Quistgaard"),
        ("out", "Wilhelmina Ostrowska"),
    ):
        candidate = profile if candidate_name is None else ProfileFactory(name=candidate_name)
        with TestCase.captureOnCommitCallbacks(execute=True):
            applications[key] = application_submit(
                candidate=candidate,
                vacancy=vacancy,
                cv=cv_upload(CV_NAME),
                essay=SimpleUploadedFile("Key challenges.docx", _essay()),
                actor=candidate.user,
            )
    application_transition(application=applications["in"], to=S.SCREENED_IN, reason="ok", actor=recruiter)
    application_transition(application=applications["out"], to=S.SCREENED_OUT, reason="no", actor=recruiter)
    application_transition(
        application=applications["withdrawn"],
        to=S.WITHDRAWN,
        reason="",
        actor=applications["withdrawn"].candidate.user,
    )
    return vacancy, applications


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "action", "src"} and value and value.startswith("/"):
                self.links.append(value.split("#")[0])


def _text_of(response) -> str:  # type: ignore[no-untyped-def]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(body))
        return (
            " ".join(page.extract_text() for page in reader.pages)
            + str(reader.metadata or {})
            + response.get("Content-Disposition", "")
        )
    return body.decode()


def _crawl(client, start: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every page and file reachable from `start` by links, within the back office and the admin."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen or not url.startswith(("/backoffice/", "/admin/")) or "logout" in url:
            continue
        response = client.get(url)
        seen[url] = _text_of(response) if response.status_code == 200 else ""
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser = _Links()
            parser.feed(seen[url])
            queue += parser.links
    return seen


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


@pytest.mark.parametrize("role", [VacancyAssignment.Role.PANEL_MEMBER, VacancyAssignment.Role.HIRING_MANAGER])
def test_no_page_or_file_a_panel_can_open_names_the_candidate(client, competition, role) -> None:  # type: ignore[no-untyped-def]
    vacancy, applications = competition
    reader = AssignmentFactory(vacancy=vacancy, role=role, user__name="Paul Panel").user
    client.force_login(reader)
    pages = _crawl(client, reverse("backoffice:vacancies"))
    essay_url = reverse("backoffice:essay", args=[applications["in"].pk])
    assert reverse("backoffice:application", args=[applications["in"].pk]) in pages
    assert essay_url in pages and applications["in"].candidate_code in pages[essay_url]
    assert "renew its plan" in pages[essay_url]  # the essay itself is there, only the identity is not
    for url, text in pages.items():
        folded = _folded(text)
        leaks = [secret for secret in SECRETS if _folded(secret) in folded]
        assert leaks == [], url
        for key in ("withdrawn", "out"):
            other = applications[key]
            assert other.candidate_code not in text, url
            assert _folded(other.candidate.name) not in folded, url
    for key in ("withdrawn", "out"):
        for name in ("backoffice:application", "backoffice:essay"):
            assert client.get(reverse(name, args=[applications[key].pk])).status_code == 404
    for name in ("backoffice:attachment",):
        assert client.get(reverse(name, args=[applications["in"].pk, "cv"])).status_code == 403


def test_the_blind_list_is_ordered_by_code(client, competition) -> None:  # type: ignore[no-untyped-def]
    """Panels see codes in code order, never an order that follows the hidden names."""
    vacancy, _ = competition
    recruiter = make_user(Role.RECRUITER)
    for name in ("Aaron Aalto", "Zygmunt Zylberberg", "Mia Moreau"):
        candidate = ProfileFactory(name=name)
        with TestCase.captureOnCommitCallbacks(execute=True):
            submitted = application_submit(
                candidate=candidate,
                vacancy=vacancy,
                cv=cv_upload(),
                essay=SimpleUploadedFile("Key challenges.docx", _essay()),
                actor=candidate.user,
            )
        application_transition(application=submitted, to=S.SCREENED_IN, reason="ok", actor=recruiter)
    client.force_login(AssignmentFactory(vacancy=vacancy).user)
    page = client.get(reverse("backoffice:vacancy", args=[vacancy.pk])).content.decode()
    codes = re.findall(r"C-[A-Z2-7]{8}", page)
    assert len(set(codes)) == 4 and codes == sorted(codes)


def test_a_late_rendition_hides_what_the_profile_said_at_submission(client, competition) -> None:  # type: ignore[no-untyped-def]
    """The candidate removes the employer after submitting; a rendition made later still hides it."""
    vacancy, applications = competition
    application = applications["in"]
    application.candidate.experience.all().delete()
    Rendition.objects.filter(application=application).delete()
    client.force_login(AssignmentFactory(vacancy=vacancy).user)
    text = _text_of(client.get(reverse("backoffice:essay", args=[application.pk])))
    assert "renew its plan" in text and "Utenriksdepartementet" not in text
