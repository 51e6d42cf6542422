"""Uploads stream to disk and are refused by their size before anyone reads them; requests are capped."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from concours.applications.models import Application
from concours.core.uploads import SizeLimitedUploadHandler
from concours.essays.models import DraftCheck
from factories import ESSAY_RULES, ProfileFactory, VacancyFactory, essay_upload

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


def _parse(files: dict[str, bytes], settings: Any) -> dict[str, Any]:
    """The files Django's parser hands a view, with our handler alone (as for a large request)."""
    body = encode_multipart(BOUNDARY, {name: SimpleUploadedFile(name, data) for name, data in files.items()})
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    _post, parsed = MultiPartParser(meta, io.BytesIO(body), [SizeLimitedUploadHandler()]).parse()
    return dict(parsed.items())


def test_a_file_at_the_limit_is_kept_and_one_byte_more_keeps_nothing(settings) -> None:  # type: ignore[no-untyped-def]
    """On disk, a file at the limit is whole; one over it is empty, its size still counting every byte."""
    settings.CONCOURS_MAX_UPLOAD_BYTES = 300_000
    parsed = _parse({"at": b"a" * 300_000, "over": b"o" * 300_001}, settings)
    at, over = parsed["at"], parsed["over"]
    assert isinstance(at, TemporaryUploadedFile) and isinstance(over, TemporaryUploadedFile)
    assert (at.size, os.path.getsize(at.temporary_file_path())) == (300_000, 300_000)
    assert (over.size, os.path.getsize(over.temporary_file_path())) == (300_001, 0)


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """The files our handler completed, and every read of a temporary upload."""
    seen: dict[str, list[Any]] = {"completed": [], "reads": []}
    complete, read = SizeLimitedUploadHandler.file_complete, TemporaryUploadedFile.read

    def file_complete(self: SizeLimitedUploadHandler, file_size: int) -> Any:
        upload = complete(self, file_size)
        seen["completed"].append((upload, os.path.getsize(upload.temporary_file_path())))
        return upload

    def spy_read(self: TemporaryUploadedFile, *args: Any) -> bytes:
        seen["reads"].append(self.name)
        return read(self, *args)  # type: ignore[no-any-return]

    monkeypatch.setattr(SizeLimitedUploadHandler, "file_complete", file_complete)
    monkeypatch.setattr(TemporaryUploadedFile, "read", spy_read)
    return seen


def test_an_oversized_draft_essay_is_refused_unread(client, settings, spied, media_files) -> None:  # type: ignore[no-untyped-def]
    """A 3 MB draft over a 1 MB limit streams to a temporary file that keeps none of it; it is refused
    by its size, never read, and no draft check is kept."""
    settings.CONCOURS_MAX_UPLOAD_BYTES = 1 * MiB
    profile = ProfileFactory()
    vacancy = VacancyFactory(notice={"title": "Head of Section", "essay": ESSAY_RULES})
    client.force_login(profile.user)
    page = client.post(
        reverse("essays:check", args=[vacancy.pk]),
        {"essay": SimpleUploadedFile("draft.docx", b"PK\x03\x04" + b"\x00" * (3 * MiB))},
    )
    assert page.status_code == 200
    assert "The Essay “draft.docx” is larger than 1 MB." in page.content.decode()
    [(upload, on_disk)] = spied["completed"]
    assert isinstance(upload, TemporaryUploadedFile) and upload.size == 3 * MiB + 4 and on_disk == 0
    assert spied["reads"] == []
    assert not DraftCheck.objects.exists() and media_files() == []


def test_an_oversized_cv_is_refused_unread(client, settings, spied, media_files) -> None:  # type: ignore[no-untyped-def]
    """The same for a CV sent with an application: refused by its size, nothing kept."""
    settings.CONCOURS_MAX_UPLOAD_BYTES = 1 * MiB
    profile, vacancy = ProfileFactory(), VacancyFactory()
    client.force_login(profile.user)
    page = client.post(
        reverse("applications:apply", args=[vacancy.pk]),
        {"cv": SimpleUploadedFile("cv.pdf", b"%PDF-1.7\n" + b"0" * (2 * MiB)), "confirm": "on"},
    )
    assert "The CV “cv.pdf” is larger than 1 MB." in page.content.decode()
    assert spied["reads"] == []
    assert not Application.objects.exists() and media_files() == []


def test_a_request_over_the_request_limit_is_refused_before_it_is_read(client, settings, spied) -> None:  # type: ignore[no-untyped-def]
    """A body over CONCOURS_MAX_REQUEST_BYTES gets 400 and no file is even started."""
    settings.CONCOURS_MAX_REQUEST_BYTES = 2 * MiB
    profile, vacancy = ProfileFactory(), VacancyFactory()
    client.force_login(profile.user)
    response = client.post(
        reverse("applications:apply", args=[vacancy.pk]),
        {"cv": SimpleUploadedFile("cv.pdf", b"%PDF-1.7\n" + b"0" * (3 * MiB)), "essay": essay_upload()},
    )
    assert response.status_code == 400
    assert spied["completed"] == [] and not Application.objects.exists()


def test_more_files_than_allowed_in_one_request_are_refused(client, settings) -> None:  # type: ignore[no-untyped-def]
    """DATA_UPLOAD_MAX_NUMBER_FILES caps the files of one request."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    client.force_login(profile.user)
    files = [
        SimpleUploadedFile(f"cv{n}.pdf", b"%PDF-1.7\n")
        for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    ]
    response = client.post(reverse("applications:apply", args=[vacancy.pk]), {"cv": files})
    assert response.status_code == 400
    assert not Application.objects.exists()
