"""The admin lists requests read-only, without their documents or the candidate's words: documents are
opened only from the back office, where each opening is recorded."""

from __future__ import annotations

import pytest

from accommodation_scenario import build

pytestmark = pytest.mark.django_db


def test_the_admin_shows_requests_read_only_and_no_document(admin_client) -> None:  # type: ignore[no-untyped-def]
    request = build().request()
    listing = admin_client.get("/admin/accommodation/accommodationrequest/", {"q": "a"})
    assert listing.status_code == 200
    page = admin_client.get(f"/admin/accommodation/accommodationrequest/{request.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "medical certificate.pdf" not in html and "dyslexia" not in html
    assert request.documents.get().file.name not in html
    assert admin_client.get("/admin/accommodation/accommodationrequest/add/").status_code == 403
    assert admin_client.get("/admin/accommodation/accommodationdocument/").status_code == 404
