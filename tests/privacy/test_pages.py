"""Who may open the data-rights pages: candidates their own; recruiters and administrators the erasure
requests; every other role is refused on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.privacy.models import ErasureRequest
from concours.privacy.services import erasure_request
from factories import ProfileFactory, make_user

pytestmark = pytest.mark.django_db

CANDIDATE_PAGES = [("get", "privacy:home"), ("post", "privacy:download"), ("post", "privacy:erase")]


@pytest.fixture
def erasure() -> ErasureRequest:
    profile = ProfileFactory()
    return erasure_request(user=profile.user, actor=profile.user)


def _hr_pages(erasure: ErasureRequest) -> list[tuple[str, str]]:
    return [
        ("get", reverse("backoffice:erasures")),
        ("post", reverse("backoffice:erasure_confirm", args=[erasure.pk])),
    ]


@pytest.mark.parametrize("role", [Role.RECRUITER, Role.PANEL_MEMBER, Role.HIRING_MANAGER])
def test_staff_are_refused_the_candidates_pages(client, role: Role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user(role))
    for method, name in CANDIDATE_PAGES:
        assert getattr(client, method)(reverse(name)).status_code == 403, name


def test_anonymous_visitors_are_sent_to_log_in(client, erasure) -> None:  # type: ignore[no-untyped-def]
    pages = [(method, reverse(name)) for method, name in CANDIDATE_PAGES] + _hr_pages(erasure)
    for method, url in pages:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and reverse("account_login") in response.url, url
    assert ErasureRequest.objects.get().status == ErasureRequest.Status.REQUESTED


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.PANEL_MEMBER, Role.HIRING_MANAGER])
def test_only_hr_sees_and_confirms_erasure_requests(client, erasure, role: Role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user(role))
    for method, url in _hr_pages(erasure):
        assert getattr(client, method)(url).status_code == 403, url
    assert ErasureRequest.objects.get().status == ErasureRequest.Status.REQUESTED


def test_a_recruiter_sees_the_requests_and_confirms_one(client, erasure) -> None:  # type: ignore[no-untyped-def]
    """The list names the candidate while the request is open; confirming erases (nothing is running)."""
    client.force_login(make_user(Role.RECRUITER))
    email = erasure.user.email
    page = client.get(reverse("backoffice:erasures"))
    assert page.status_code == 200 and email in page.content.decode()
    assert client.post(reverse("backoffice:erasure_confirm", args=[erasure.pk])).status_code == 302
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.DONE
    page = client.get(reverse("backoffice:erasures")).content.decode()
    assert erasure.pseudonym in page and email not in page
    assert client.post(reverse("backoffice:erasure_confirm", args=[erasure.pk + 1000])).status_code == 404


def test_a_candidate_asks_once_and_must_tick_the_box(client) -> None:  # type: ignore[no-untyped-def]
    profile = ProfileFactory()
    client.force_login(profile.user)
    assert client.get(reverse("privacy:home")).status_code == 200
    unticked = client.post(reverse("privacy:erase"), {})
    assert unticked.status_code == 400 and not ErasureRequest.objects.exists()
    assert client.post(reverse("privacy:erase"), {"confirm": "on"}).status_code == 302
    page = client.get(reverse("privacy:home")).content.decode()
    assert "HR has not confirmed it yet" in page and 'id="erase"' not in page
    client.post(reverse("privacy:erase"), {"confirm": "on"})
    assert ErasureRequest.objects.count() == 1
