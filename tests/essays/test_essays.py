"""Essays in the application flow, rendered by a real LibreOffice."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from concours.accounts.models import Role
from concours.applications.models import Application, Attachment
from concours.applications.services import application_submit, application_transition
from concours.core.errors import DomainError
from concours.essays.models import DraftCheck, EssayCheck, Rendition
from concours.notifications.models import OutboxMail
from concours.notifications.outcomes import Outcome
from factories import (
    ESSAY_RULES,
    AssignmentFactory,
    ProfileFactory,
    VacancyFactory,
    cv_upload,
    docx_bytes,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]


def essay_vacancy():  # type: ignore[no-untyped-def]
    return VacancyFactory(notice={"title": "Head of Section", "essay": ESSAY_RULES})


def two_page_docx() -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.add_paragraph("First page.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Second page.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def submit(profile, vacancy, essay: SimpleUploadedFile) -> Application:  # type: ignore[no-untyped-def]
    with TestCase.captureOnCommitCallbacks(execute=True):
        return application_submit(
            candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=essay, actor=profile.user
        )


def test_an_essay_over_the_page_limit_is_accepted_then_flagged_and_its_candidate_told(mailoutbox) -> None:  # type: ignore[no-untyped-def]
    """Two rendered pages against a one-page limit: the application is kept as submitted; the worker
    records the failed page rule with the reason, and the candidate gets a mail saying so."""
    application = submit(
        ProfileFactory(), essay_vacancy(), SimpleUploadedFile("Key challenges.docx", two_page_docx())
    )
    application.refresh_from_db()
    check = EssayCheck.objects.get(application=application)
    assert application.status == Application.Status.SUBMITTED
    assert (check.status, check.pages) == ("failed", 2)
    assert [c["rule"] for c in check.checks if c["result"] == "fail"] == ["pages"]
    # Besides the acknowledgement of the application (the candidates' outbox), one mail about the essay.
    received = OutboxMail.objects.get(application=application, outcome=Outcome.RECEIVED)
    told = [m for m in mailoutbox if m.subject != received.subject]
    assert [m.to for m in told] == [[application.candidate.user.email]]
    assert "2 pages" in told[0].body


def test_an_essay_whose_title_lacks_the_required_words_is_refused() -> None:
    """The file name must carry “Key challenges”."""
    with pytest.raises(DomainError, match="Key challenges"):
        submit(ProfileFactory(), essay_vacancy(), SimpleUploadedFile("my essay.docx", docx_bytes()))
    assert not Application.objects.exists()


def test_a_macro_document_is_refused_before_any_rendering(media_files) -> None:  # type: ignore[no-untyped-def]
    """A .docm renamed .docx is refused with the reason; nothing is kept."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00" * 10)
    with pytest.raises(DomainError):
        submit(ProfileFactory(), essay_vacancy(), SimpleUploadedFile("Key challenges.docx", out.getvalue()))
    assert not Application.objects.exists() and media_files() == []


def test_the_panel_gets_an_anonymised_pdf_and_recruiters_the_original(client) -> None:  # type: ignore[no-untyped-def]
    """The rendition has neither the candidate's name nor the document's author; the original is intact."""
    profile = ProfileFactory(name="Ingrid Marie Vestergaard")
    vacancy = essay_vacancy()
    original = docx_bytes(
        text="As Ingrid Vestergaard I would first renew the section's plan.",
        title="Vestergaard essay",
        author="Ingrid Vestergaard",
    )
    application = submit(profile, vacancy, SimpleUploadedFile("Key challenges.docx", original))
    application_transition(
        application=application,
        to=Application.Status.SCREENED_IN,
        reason="ok",
        actor=make_user(Role.RECRUITER),
    )
    rendition = Rendition.objects.get(application=application)
    panel = AssignmentFactory(vacancy=vacancy).user
    client.force_login(panel)
    response = client.get(reverse("backoffice:essay", args=[application.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "renew the section" in text and "Vestergaard" not in text and "Ingrid" not in text
    assert application.candidate_code in text
    assert "Vestergaard" not in str(reader.metadata or {})
    assert rendition.candidate_code == application.candidate_code
    # the original stays with recruiters
    assert client.get(reverse("backoffice:attachment", args=[application.pk, "essay"])).status_code == 403
    client.force_login(make_user(Role.RECRUITER))
    download = client.get(reverse("backoffice:attachment", args=[application.pk, "essay"]))
    assert b"".join(download.streaming_content) == original
    assert Attachment.objects.get(application=application, kind="essay").size == len(original)


def test_a_candidate_checks_a_draft_and_sees_each_rule(client, media_files) -> None:  # type: ignore[no-untyped-def]
    """The draft is rendered in the background; the result lists each rule; the file is not kept."""
    profile, vacancy = ProfileFactory(), essay_vacancy()
    client.force_login(profile.user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("essays:check", args=[vacancy.pk]),
            {"essay": SimpleUploadedFile("draft.docx", two_page_docx())},
        )
    check = DraftCheck.objects.get(candidate=profile)
    assert response.url == reverse("essays:result", args=[check.pk])
    assert check.status == "done" and check.facts["pages"] == 2 and media_files() == []
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "A4" in page and "Key challenges" in page
    results = {c["rule"]: c["result"] for c in check.checks}
    assert results == {"format": "pass", "pages": "fail", "paper": "pass", "title": "fail"}


def test_an_unsafe_draft_is_refused_at_once(client, media_files) -> None:  # type: ignore[no-untyped-def]
    """A legacy .doc is refused with its reason and nothing is kept."""
    profile, vacancy = ProfileFactory(), essay_vacancy()
    client.force_login(profile.user)
    page = client.post(
        reverse("essays:check", args=[vacancy.pk]),
        {"essay": SimpleUploadedFile("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)},
    )
    assert page.status_code == 200 and not DraftCheck.objects.exists() and media_files() == []


def test_a_draft_check_is_private_to_its_candidate(client) -> None:  # type: ignore[no-untyped-def]
    """Another candidate gets 404; staff roles are refused the candidate pages."""
    check = DraftCheck.objects.create(candidate=ProfileFactory(), vacancy=essay_vacancy(), file_name="x.docx")
    client.force_login(ProfileFactory().user)
    assert client.get(reverse("essays:result", args=[check.pk])).status_code == 404
    client.force_login(make_user(Role.RECRUITER))
    assert client.get(reverse("essays:result", args=[check.pk])).status_code == 403


@pytest.mark.parametrize("role", [Role.CANDIDATE])
def test_candidates_cannot_open_renditions(client, role: Role) -> None:  # type: ignore[no-untyped-def]
    """The anonymised essay is for staff who may see the application."""
    application = submit(
        ProfileFactory(), essay_vacancy(), SimpleUploadedFile("Key challenges.docx", docx_bytes())
    )
    client.force_login(application.candidate.user)
    assert client.get(reverse("backoffice:essay", args=[application.pk])).status_code == 403
    client.force_login(AssignmentFactory().user)  # a panel member of another vacancy
    assert client.get(reverse("backoffice:essay", args=[application.pk])).status_code == 404


def _zip(entries: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


WORD_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)
HOSTILE = {
    "legacy .doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000,
    "renamed zip": _zip({"notes.txt": b"hello"}),
    "zip bomb": _zip({"[Content_Types].xml": WORD_TYPES, "word/document.xml": b" " * (150 * 1024 * 1024)}),
    "XXE": _zip(
        {
            "[Content_Types].xml": WORD_TYPES,
            "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&x;</w:document>',
        }
    ),
    "empty": b"",
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_essays_are_refused_with_a_reason_and_leave_nothing(kind: str, media_files) -> None:  # type: ignore[no-untyped-def]
    """.doc, a renamed zip, a zip bomb, an XXE payload and a 0-byte file: refused, no record, no file."""
    with pytest.raises(DomainError) as refused:
        submit(ProfileFactory(), essay_vacancy(), SimpleUploadedFile("Key challenges.docx", HOSTILE[kind]))
    assert refused.value.message
    assert not Application.objects.exists() and not Attachment.objects.exists() and media_files() == []


def test_the_seed_notices_page_and_title_rules_come_from_the_parsed_notice() -> None:
    """Imported seeds: 251082 allows 2 pages, 250875 one; each title must carry its own reference."""
    import datetime as dt
    from pathlib import Path

    from django.utils import timezone

    from concours.vacancies.importing import vacancy_import_file
    from concours.vacancies.services import vacancy_publish

    seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not seeds.exists():
        pytest.skip("../shared/seeds is not beside the repository")
    vacancies = {}
    for stem in ("000", "004"):
        vacancy = vacancy_import_file(path=str(next(seeds.glob(f"{stem}_*.txt"))), actor=None).vacancy
        vacancy.deadline = timezone.now() + dt.timedelta(days=10)  # the seeds' own deadlines have passed
        vacancy.save()
        vacancies[vacancy.reference] = vacancy_publish(vacancy=vacancy, actor=None)
    assert (
        vacancies["251082"].essay_rules["max_pages"] == 2
        and vacancies["250875"].essay_rules["max_pages"] == 1
    )
    accepted = submit(
        ProfileFactory(),
        vacancies["251082"],
        SimpleUploadedFile("251082 - Key challenges.docx", two_page_docx()),
    )
    assert accepted.status == "submitted"
    assert EssayCheck.objects.get(application=accepted).status == "passed"
    over = submit(
        ProfileFactory(),
        vacancies["250875"],
        SimpleUploadedFile("250875 Key challenges.docx", two_page_docx()),
    )
    failed = EssayCheck.objects.get(application=over)
    assert failed.status == "failed"
    assert [c["reason"] for c in failed.checks if c["result"] == "fail"] == [
        "The notice allows at most 1 page; the essay fills 2 pages."
    ]
    with pytest.raises(DomainError, match="250875"):
        submit(ProfileFactory(), vacancies["250875"], SimpleUploadedFile("Key challenges.docx", docx_bytes()))
