"""Every upload passes one gate, CV and essay, whatever the vacancy asks: hostile files leave nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import hostile_files as hostile
from concours.applications.models import Application, Attachment
from concours.applications.services import application_submit
from concours.core.errors import DomainError
from factories import ProfileFactory, VacancyFactory, cv_upload, essay_upload

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024
NOT_AN_ESSAY = "accepted: Word (.docx)"

# (what, how it is built, the CV's file name, the reason as a CV, the reason as an essay named .docx)
HOSTILE: list[tuple[str, Callable[[], bytes], str, str, str]] = [
    ("zip bomb", hostile.docx_zip_bomb, "cv.docx", "unpacks to far more data", "unpacks to far more data"),
    ("macro .docm renamed", hostile.docm_renamed, "cv.docx", "contains macros", "contains macros"),
    ("XXE .docx", hostile.docx_xxe, "cv.docx", "declares XML entities", "declares XML entities"),
    (
        "PDF running JavaScript",
        hostile.pdf_open_action_javascript,
        "cv.pdf",
        "contains JavaScript",
        NOT_AN_ESSAY,
    ),
    ("PDF with /Launch", hostile.pdf_launch, "cv.pdf", "starts a program", NOT_AN_ESSAY),
    ("PDF carrying an .exe", hostile.pdf_embedded_exe, "cv.pdf", "carries files inside it", NOT_AN_ESSAY),
    ("XFA form", hostile.pdf_xfa, "cv.pdf", "is an XFA form", NOT_AN_ESSAY),
    ("PDF/HTML polyglot", hostile.pdf_html_polyglot, "cv.pdf", "two kinds of file", "two kinds of file"),
    ("0 bytes", lambda: b"", "cv.pdf", "is empty", "is empty"),
    (
        "over the size limit",
        lambda: hostile.pdf() + b"\n" * (5 * MiB),
        "cv.pdf",
        "larger than 5 MB",
        "larger than 5 MB",
    ),
]
IDS = [case[0] for case in HOSTILE]


def _nothing_kept(media_files: Callable[[], list[object]]) -> None:
    assert not Application.objects.exists()
    assert not Attachment.objects.exists()
    assert media_files() == []


@pytest.mark.parametrize(("what", "build", "cv_name", "reason", "_essay_reason"), HOSTILE, ids=IDS)
def test_a_hostile_cv_is_refused_and_nothing_is_kept(  # type: ignore[no-untyped-def]
    what, build, cv_name, reason, _essay_reason, media_files
) -> None:
    """Each hostile file sent as a CV is refused with its reason; no application, attachment or file."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    with pytest.raises(DomainError) as refused:
        application_submit(
            candidate=profile,
            vacancy=vacancy,
            cv=SimpleUploadedFile(cv_name, build()),
            essay=essay_upload(),
            actor=profile.user,
        )
    assert f"The CV “{cv_name}”" in refused.value.message
    assert reason in refused.value.message
    _nothing_kept(media_files)


@pytest.mark.parametrize(("what", "build", "_cv_name", "_cv_reason", "reason"), HOSTILE, ids=IDS)
def test_a_hostile_essay_is_refused_on_a_vacancy_without_essay_rules(  # type: ignore[no-untyped-def]
    what, build, _cv_name, _cv_reason, reason, media_files
) -> None:
    """A vacancy whose notice sets no essay rules still gates the essay: refused, nothing kept."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    assert not vacancy.essay_rules
    with pytest.raises(DomainError) as refused:
        application_submit(
            candidate=profile,
            vacancy=vacancy,
            cv=cv_upload(),
            essay=SimpleUploadedFile("Key challenges.docx", build()),
            actor=profile.user,
        )
    assert "“Key challenges.docx”" in refused.value.message
    assert reason in refused.value.message
    _nothing_kept(media_files)


def test_a_clean_pdf_cv_and_a_clean_essay_pass_on_a_vacancy_without_essay_rules(media_files) -> None:  # type: ignore[no-untyped-def]
    """The gate lets ordinary files through; an essay the notice did not ask for is kept, checked."""
    profile = ProfileFactory()
    application = application_submit(
        candidate=profile,
        vacancy=VacancyFactory(),
        cv=SimpleUploadedFile("cv.pdf", hostile.pdf_link_uri()),
        essay=essay_upload(),
        actor=profile.user,
    )
    kinds = dict(application.attachments.values_list("kind", "content_type"))
    assert kinds == {"cv": "application/pdf", "essay": hostile.DOCX_TYPE}
    assert len(media_files()) == 2


def test_a_clean_docx_cv_passes(media_files) -> None:  # type: ignore[no-untyped-def]
    """A CV written in Word passes the same gate as an essay and keeps its content type."""
    profile = ProfileFactory()
    application = application_submit(
        candidate=profile,
        vacancy=VacancyFactory(),
        cv=SimpleUploadedFile("cv.docx", hostile.docx("Curriculum vitae")),
        essay=None,
        actor=profile.user,
    )
    assert application.attachments.get().content_type == hostile.DOCX_TYPE


def test_a_pdf_over_the_page_limit_is_refused(settings, media_files) -> None:  # type: ignore[no-untyped-def]
    """The page limit of a PDF CV is a setting; over it, the CV is refused naming both counts."""
    settings.CONCOURS_MAX_PDF_PAGES = 2
    profile = ProfileFactory()
    with pytest.raises(DomainError, match=r"The PDF has 3 pages; at most 2 pages are accepted\."):
        application_submit(
            candidate=profile,
            vacancy=VacancyFactory(),
            cv=SimpleUploadedFile("cv.pdf", hostile.pdf(3)),
            essay=None,
            actor=profile.user,
        )
    _nothing_kept(media_files)


def test_the_reason_is_given_in_french() -> None:
    """A candidate reading in French is told why in French."""
    profile = ProfileFactory()
    with translation.override("fr"), pytest.raises(DomainError) as refused:
        application_submit(
            candidate=profile,
            vacancy=VacancyFactory(),
            cv=SimpleUploadedFile("cv.pdf", hostile.pdf_launch()),
            essay=None,
            actor=profile.user,
        )
    # French typography: no-break spaces before the colon and inside the guillemets.
    assert refused.value.message.replace("\xa0", " ").startswith(
        "CV : le fichier « cv.pdf » est refusé. Le PDF contient une action qui lance"
    )
