"""Files beyond one machine: uploads, renditions and downloads through an S3-compatible bucket.

Moto's standalone server on loopback stands in for the object store (see tests/object_storage.py). The
pages and workers are the ordinary ones: only the storage setting differs, as with CONCOURS_STORAGE=s3.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application, Attachment
from concours.essays import rendering
from concours.essays.models import DraftCheck
from concours.essays.services import draft_check_start
from factories import (
    ESSAY_RULES,
    PDF_BYTES,
    ProfileFactory,
    VacancyFactory,
    cv_upload,
    docx_bytes,
    essay_upload,
    make_user,
)
from object_storage import Bucket

pytestmark = [pytest.mark.django_db, pytest.mark.s3]


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


@pytest.mark.libreoffice
def test_upload_rendition_and_downloads_go_through_the_bucket(client, s3_bucket: Bucket, media_files) -> None:  # type: ignore[no-untyped-def]
    """A submission's files land in the bucket, not on disk; the anonymised essay is made from the bucket
    into the bucket; the candidate and the recruiter download them through the pages, byte for byte."""
    profile = ProfileFactory()
    vacancy = VacancyFactory(notice={"title": "Head of Section", "essay": ESSAY_RULES})
    essay = essay_upload()
    client.force_login(profile.user)
    response = client.post(
        reverse("applications:apply", args=[vacancy.pk]), {"cv": cv_upload(), "essay": essay, "confirm": "on"}
    )
    assert response.status_code == 302
    application = Application.objects.get(candidate=profile)
    attachments = {a.kind: a for a in application.attachments.all()}
    assert s3_bucket.names() == sorted(a.file.name for a in attachments.values())
    for attachment in attachments.values():
        assert hashlib.sha256(s3_bucket.read(attachment.file.name)).hexdigest() == attachment.sha256
    assert media_files() == []  # nothing on this machine's disk

    cv = client.get(reverse("applications:attachment", args=[application.pk, "cv"]))
    assert cv.status_code == 200 and _body(cv) == PDF_BYTES

    recruiter = make_user(Role.RECRUITER)
    client.force_login(recruiter)
    original = client.get(reverse("backoffice:attachment", args=[application.pk, "essay"]))
    assert original.status_code == 200
    assert hashlib.sha256(_body(original)).hexdigest() == attachments[Attachment.Kind.ESSAY].sha256

    rendition = rendering.rendition_make(application_id=application.pk)  # what the worker runs
    assert rendition is not None
    assert rendition.pdf.name in s3_bucket.names()
    stored = s3_bucket.read(rendition.pdf.name)
    assert stored.startswith(b"%PDF")
    pdf = client.get(reverse("backoffice:essay", args=[application.pk]))
    assert pdf.status_code == 200 and _body(pdf) == stored
    assert media_files() == []

    # No address of the bucket is ever given out: files are reached only through the views above.
    for url in (rendition.pdf.url, attachments[Attachment.Kind.CV].file.url):
        assert "127.0.0.1" not in url and s3_bucket.name not in url


@pytest.mark.libreoffice
def test_a_draft_check_reads_its_file_from_the_bucket_then_removes_it(s3_bucket: Bucket) -> None:
    """The draft is kept in the bucket until the worker has its facts, then deleted from it."""
    profile = ProfileFactory()
    vacancy = VacancyFactory(notice={"title": "Head of Section", "essay": ESSAY_RULES})
    check = draft_check_start(
        candidate=profile,
        vacancy=vacancy,
        data=docx_bytes(title="Key challenges"),
        file_name="Key challenges.docx",
        actor=profile.user,
    )
    assert s3_bucket.names() == [check.file.name]
    check = rendering.draft_check_finish(check_id=check.pk)
    assert check.status == DraftCheck.Status.DONE and check.facts["pages"] == 1
    assert s3_bucket.names() == []


def _storage_setting(**env: str) -> subprocess.CompletedProcess[str]:
    code = "from django.conf import settings; print(settings.STORAGES['default'])"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CONCOURS_STORAGE"))}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**base, "DJANGO_SETTINGS_MODULE": "concours.config.settings_test", **env},
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )


def test_the_environment_chooses_the_store() -> None:
    """Local disk by default; CONCOURS_STORAGE=s3 with a bucket and an endpoint selects the private
    S3 storage without signed or public URLs; an unknown store is refused at start."""
    local = _storage_setting()
    assert local.returncode == 0 and "FileSystemStorage" in local.stdout
    s3 = _storage_setting(
        CONCOURS_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="careers-files",
        AWS_S3_ENDPOINT_URL="https://s3.example",
    )
    assert s3.returncode == 0, s3.stderr
    assert "PrivateS3Storage" in s3.stdout and "'careers-files'" in s3.stdout
    assert "'querystring_auth': False" in s3.stdout and "https://s3.example" in s3.stdout
    wrong = _storage_setting(CONCOURS_STORAGE="ftp")
    assert wrong.returncode != 0 and "CONCOURS_STORAGE" in wrong.stderr
