"""No essay is rendered in a web request: a submission is accepted at once, a worker on the "rendering"
queue counts the essay's pages, and a candidate whose essay fails is told and may replace it."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from concours.accounts.models import Role
from concours.applications.models import Application, Attachment
from concours.applications.services import application_submit
from concours.core.audit import audit_events_for
from concours.core.errors import DomainError
from concours.core.models import AuditEventType
from concours.essays import tasks
from concours.essays.models import EssayCheck
from concours.essays.rendering import essay_check_finish
from concours.essays.services import essay_check_start, essay_replace
from concours.kernel.essays import Renderer, RenderError
from costly_files import docx_stuffed_with_text
from factories import ESSAY_RULES, ProfileFactory, VacancyFactory, cv_upload, docx_bytes, make_user

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "rendering"]}
}


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


@pytest.fixture
def renders(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    """Every document LibreOffice is given, by size, whoever renders it (the real renderer still runs)."""
    calls: list[int] = []
    real = Renderer.render_pdf

    def counted(self: Renderer, docx: bytes) -> bytes:
        calls.append(len(docx))
        return real(self, docx)

    monkeypatch.setattr(Renderer, "render_pdf", counted)
    return calls


def run_worker(queue: str) -> None:
    call_command("db_worker", "--queue-name", queue, "--batch", "--no-startup-delay", verbosity=0)


def queued() -> set[tuple[str, str]]:
    return set(DBTaskResult.objects.values_list("task_path", "queue_name"))


@pytest.mark.libreoffice
@pytest.mark.django_db(transaction=True)  # the workers commit and close their connections, as in production
def test_a_submission_returns_without_rendering_and_the_rendering_worker_counts_the_pages(
    client, settings, renders
) -> None:  # type: ignore[no-untyped-def]
    """The request renders nothing and queues the page count and the rendition on "rendering"; the
    default worker screens without rendering; the rendering worker records the failed page rule; the
    candidate, who applied in French, gets a mail in French, and both portals show the failure."""
    settings.TASKS = DATABASE_TASKS
    profile, vacancy = ProfileFactory(), essay_vacancy()
    client.force_login(profile.user)
    response = client.post(
        reverse("applications:apply", args=[vacancy.pk]),
        {
            "cv": cv_upload(),
            "essay": SimpleUploadedFile("Key challenges.docx", two_page_docx()),
            "confirm": "on",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    application = Application.objects.get(candidate=profile, vacancy=vacancy)
    assert response.status_code == 302 and application.status == Application.Status.SUBMITTED
    assert renders == []
    check = EssayCheck.objects.get(application=application)
    assert (check.status, check.language) == ("pending", "fr")
    assert queued() == {
        ("concours.essays.tasks.essay_check_pages", "rendering"),
        ("concours.essays.tasks.rendition_make", "rendering"),
        ("concours.screening.tasks.application_screen", "default"),
        ("concours.notifications.tasks.outbox_send", "default"),  # the application's acknowledgement
    }
    page = client.get(reverse("applications:detail", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    assert 'id="essay-check-pending"' in page.content.decode()

    run_worker("default")  # screening: no LibreOffice, and the essay is still waiting
    assert application.verdict is not None and renders == []
    [received] = mail.outbox  # the acknowledgement of the application, nothing about the essay yet
    assert vacancy.reference in received.subject
    mail.outbox.clear()
    assert EssayCheck.objects.get(pk=check.pk).status == "pending" and mail.outbox == []

    run_worker("rendering")
    check.refresh_from_db()
    assert (check.status, check.pages, len(renders)) == ("failed", 2, 2)  # the count and the rendition
    event = audit_events_for(application).get(event_type=AuditEventType.ESSAY_CHECKED)
    assert event.extra["failed"] == ["pages"] and event.actor is None
    assert ("concours.essays.tasks.essay_check_failed_mail", "default") in queued() and mail.outbox == []

    run_worker("default")  # mail goes with screening, never behind a render
    [sent] = mail.outbox
    assert sent.to == [profile.user.email]
    assert "Votre essai" in sent.subject and "au plus 1 page ; l'essai en occupe 2 pages" in sent.body
    assert reverse("applications:detail", args=[application.pk]) in sent.body
    page = client.get(reverse("applications:detail", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode()
    assert 'id="essay-check-failed"' in text and 'id="essay-replace"' in text and "2 pages" in text
    client.force_login(make_user(Role.RECRUITER))
    listing = client.get(reverse("backoffice:vacancy", args=[vacancy.pk])).content.decode()
    assert "essay-flag" in listing and "Breaks the notice's rules" in listing
    detail = client.get(reverse("backoffice:application", args=[application.pk])).content.decode()
    assert 'id="essay-check"' in detail and "the essay fills 2 pages" in detail


@pytest.mark.django_db(transaction=True)
def test_the_anonymised_essay_is_queued_for_a_worker_not_rendered_in_the_request(
    client, settings, renders
) -> None:  # type: ignore[no-untyped-def]
    """A recruiter opening an essay whose rendition is not made yet is told to come back; a worker on
    the "rendering" queue is asked to make it."""
    settings.TASKS = DATABASE_TASKS
    profile, vacancy = ProfileFactory(), essay_vacancy()
    application = application_submit(
        candidate=profile,
        vacancy=vacancy,
        cv=cv_upload(),
        essay=SimpleUploadedFile("Key challenges.docx", docx_bytes()),
        actor=profile.user,
    )
    DBTaskResult.objects.all().delete()
    client.force_login(make_user(Role.RECRUITER))
    response = client.get(reverse("backoffice:essay", args=[application.pk]))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert 'id="essay-pending"' in response.content.decode()
    assert renders == []
    assert queued() == {("concours.essays.tasks.rendition_make", "rendering")}


@pytest.mark.django_db(transaction=True)
def test_a_draft_check_goes_to_the_rendering_queue(client, settings, renders) -> None:  # type: ignore[no-untyped-def]
    """A draft is checked at once for safety, and laid out by a rendering worker, not by the request."""
    settings.TASKS = DATABASE_TASKS
    profile, vacancy = ProfileFactory(), essay_vacancy()
    client.force_login(profile.user)
    draft = SimpleUploadedFile("d.docx", docx_bytes())
    client.post(reverse("essays:check", args=[vacancy.pk]), {"essay": draft})
    assert renders == []
    assert queued() == {("concours.essays.tasks.draft_check_finish", "rendering")}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_essay_holding_94_mb_of_text_is_refused_at_once_for_cost(  # type: ignore[no-untyped-def]
    language: str, media_files, renders
) -> None:
    """It passes the upload gate, but the submission is refused before any rendering, with the reason
    in the candidate's language, and nothing is kept."""
    profile = ProfileFactory()
    stuffed = docx_stuffed_with_text()
    with translation.override(language), pytest.raises(DomainError) as refused:
        application_submit(
            candidate=profile,
            vacancy=essay_vacancy(),
            cv=cv_upload(),
            essay=SimpleUploadedFile("Key challenges.docx", stuffed),
            actor=profile.user,
        )
    expected = {
        "en": "Laying it out would take too long",
        "fr": "Sa mise en page prendrait trop de temps",
    }[language]
    assert expected in refused.value.message
    assert renders == [] and not Application.objects.filter(status="submitted").exists()
    assert not Attachment.objects.exists() and media_files() == []


def failed_application(*, deadline_in: dt.timedelta = dt.timedelta(days=5)) -> Application:
    """A submitted application whose essay a worker found too long (recorded as the worker would)."""
    vacancy = VacancyFactory(
        notice={"title": "Head of Section", "essay": ESSAY_RULES}, deadline=timezone.now() + deadline_in
    )
    profile = ProfileFactory()
    with TestCase.captureOnCommitCallbacks(execute=False):  # no worker: the check stays pending
        application = application_submit(
            candidate=profile,
            vacancy=vacancy,
            cv=cv_upload(),
            essay=SimpleUploadedFile("Key challenges.docx", docx_bytes(text="Key challenges, first go")),
            actor=profile.user,
        )
    # The worker's verdict on the check the submission left pending, for the essay submitted.
    assert EssayCheck.objects.filter(
        application=application, sha256=application.attachments.get(kind="essay").sha256
    ).update(
        status=EssayCheck.Status.FAILED,
        pages=2,
        checks=[{"rule": "pages", "result": "fail", "reason": "2 pages", "reason_fr": "2 pages"}],
    )
    return application


@pytest.mark.libreoffice
def test_a_failing_essay_is_replaced_before_the_deadline_and_checked_again(client, media_files) -> None:  # type: ignore[no-untyped-def]
    """The candidate attaches a corrected essay from the application's page: it replaces the old one
    (whose file goes), the replacement is audited, and a worker finds it within the rules."""
    application = failed_application()
    old = application.attachments.get(kind="essay")
    client.force_login(application.candidate.user)
    corrected = docx_bytes(text="Key challenges, shortened")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("essays:replace", args=[application.pk]),
            {"essay": SimpleUploadedFile("Key challenges v2.docx", corrected)},
        )
    assert response.url == reverse("applications:detail", args=[application.pk])
    essay = application.attachments.get(kind="essay")
    assert essay.original_name == "Key challenges v2.docx"
    assert essay.sha256 == hashlib.sha256(corrected).hexdigest()
    assert essay.file.read() == corrected and not Path(old.file.path).exists()
    check = EssayCheck.objects.get(application=application)
    assert (check.status, check.pages) == ("passed", 1)
    event = audit_events_for(application).get(event_type=AuditEventType.ESSAY_REPLACED)
    assert event.actor == application.candidate.user
    assert (event.extra["replaced"], event.extra["by"]) == ("Key challenges.docx", "Key challenges v2.docx")
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert 'id="essay-check-passed"' in page and 'id="essay-replace"' not in page


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("after the deadline", "deadline has passed"),
        ("the same file", "the essay that failed"),
        ("a check that passed", "Only an essay that failed"),
        ("a CV instead", "must be a .docx file"),
    ],
)
def test_a_replacement_is_refused_with_a_reason_and_changes_nothing(  # type: ignore[no-untyped-def]
    case: str, message: str, media_files
) -> None:
    """Replacing is for an essay that failed, with another essay, before the deadline; otherwise the
    old essay and its check stay as they were and no file is left."""
    application = failed_application()
    essay = application.attachments.get(kind="essay")
    files_before = media_files()
    upload = SimpleUploadedFile("Key challenges v2.docx", docx_bytes(text="Key challenges, shortened"))
    now = None
    if case == "after the deadline":
        now = application.vacancy.deadline + dt.timedelta(seconds=1)
    elif case == "the same file":
        upload = SimpleUploadedFile("Key challenges.docx", essay.file.read())
    elif case == "a check that passed":
        EssayCheck.objects.filter(application=application).update(status=EssayCheck.Status.PASSED)
    else:
        upload = cv_upload()
    with pytest.raises(DomainError, match=message):
        essay_replace(application=application, upload=upload, actor=application.candidate.user, now=now)
    assert application.attachments.get(kind="essay").sha256 == essay.sha256
    assert media_files() == files_before
    assert not audit_events_for(application).filter(event_type=AuditEventType.ESSAY_REPLACED).exists()


def test_only_the_candidate_may_replace_their_essay(client) -> None:  # type: ignore[no-untyped-def]
    """Another candidate gets 404; staff are refused the candidate's page; a GET is not allowed."""
    application = failed_application()
    url = reverse("essays:replace", args=[application.pk])
    upload = {"essay": SimpleUploadedFile("Key challenges v2.docx", docx_bytes(text="other"))}
    client.force_login(ProfileFactory().user)
    assert client.post(url, upload).status_code == 404
    client.force_login(make_user(Role.RECRUITER))
    assert client.post(url, upload).status_code == 403
    client.force_login(application.candidate.user)
    assert client.get(url).status_code == 405
    assert not audit_events_for(application).filter(event_type=AuditEventType.ESSAY_REPLACED).exists()


def blank_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pending_application() -> Application:
    """A submitted application whose essay waits for its page count (no worker has run)."""
    profile = ProfileFactory()
    with TestCase.captureOnCommitCallbacks(execute=False):
        application = application_submit(
            candidate=profile,
            vacancy=essay_vacancy(),
            cv=cv_upload(),
            essay=SimpleUploadedFile("Key challenges.docx", docx_bytes()),
            actor=profile.user,
        )
        essay_check_start(application=application, language="fr")
    return application


def test_an_essay_libreoffice_cannot_lay_out_is_recorded_and_its_candidate_told(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Past the render limits, the check says it could not be laid out; the candidate hears it in the
    language they applied in, and may replace the essay."""

    def too_slow(self: Renderer, docx: bytes) -> bytes:
        raise RenderError("LibreOffice used more than 30 s of CPU")

    monkeypatch.setattr(Renderer, "render_pdf", too_slow)
    application = pending_application()
    with TestCase.captureOnCommitCallbacks(execute=True):
        check = essay_check_finish(
            check_id=application.essay_check.pk, tell_candidate=tasks.essay_check_failed_mail.enqueue
        )
    assert (check.status, check.pages, check.failed) == ("error", None, True)
    [sent] = mail.outbox
    assert "n’a pu être mis en page dans nos limites" in sent.body
    event = audit_events_for(application).get(event_type=AuditEventType.ESSAY_CHECKED)
    assert event.extra["status"] == "error"


def test_a_result_for_an_essay_replaced_meanwhile_is_dropped(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The essay was replaced while the worker laid out the old one: the old one's count is not kept
    and nobody is told about it."""
    monkeypatch.setattr(Renderer, "render_pdf", lambda self, docx: blank_pdf(3))
    application = pending_application()
    EssayCheck.objects.filter(application=application).update(sha256="0" * 64)  # what a replacement does
    with TestCase.captureOnCommitCallbacks(execute=True):
        check = essay_check_finish(
            check_id=application.essay_check.pk, tell_candidate=tasks.essay_check_failed_mail.enqueue
        )
    assert check.status == "pending" and mail.outbox == []
    assert not audit_events_for(application).filter(event_type=AuditEventType.ESSAY_CHECKED).exists()


def test_a_failing_essay_is_mailed_once_and_not_after_it_was_replaced(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The mail task reads the check when it runs: an essay replaced since gets no stale mail."""
    monkeypatch.setattr(Renderer, "render_pdf", lambda self, docx: blank_pdf(3))
    application = pending_application()
    check = essay_check_finish(check_id=application.essay_check.pk)
    assert check.status == "failed"
    EssayCheck.objects.filter(pk=check.pk).update(status=EssayCheck.Status.PENDING)
    assert tasks.essay_check_failed_mail.call(check.pk) == 0 and mail.outbox == []
    EssayCheck.objects.filter(pk=check.pk).update(status=EssayCheck.Status.FAILED)
    assert tasks.essay_check_failed_mail.call(check.pk) == 1
    assert "l'essai en occupe 3 pages" in mail.outbox[0].body
