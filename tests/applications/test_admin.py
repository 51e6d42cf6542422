"""Attachments in the admin are opened through the back office's protected download, never MEDIA_URL."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Attachment
from concours.applications.services import application_submit
from factories import ProfileFactory, VacancyFactory, cv_upload, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(settings, tmp_path) -> Attachment:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    profile = ProfileFactory()
    application = application_submit(
        candidate=profile, vacancy=VacancyFactory(), cv=cv_upload(), essay=None, actor=profile.user
    )
    return application.attachments.get()


@pytest.mark.parametrize(
    "page",
    [
        lambda attachment: reverse("admin:applications_attachment_change", args=[attachment.pk]),
        lambda attachment: reverse("admin:applications_attachment_changelist"),
        lambda attachment: reverse("admin:applications_application_change", args=[attachment.application_id]),
    ],
    ids=["attachment", "attachment list", "application"],
)
def test_attachment_links_go_through_the_protected_download(attachment: Attachment, page) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user(Role.ADMINISTRATOR, is_superuser=True))
    html = client.get(page(attachment)).content.decode()
    download = reverse("backoffice:attachment", args=[attachment.application_id, attachment.kind])
    assert f'href="{download}"' in html
    assert not re.search(rf'href="/?{re.escape(settings.MEDIA_URL)}', html)
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_the_download_still_refuses_who_may_not_see_it(attachment: Attachment) -> None:
    client = Client()
    client.force_login(make_user(Role.PANEL_MEMBER))
    download = reverse("backoffice:attachment", args=[attachment.application_id, attachment.kind])
    assert client.get(download).status_code in (403, 404)
