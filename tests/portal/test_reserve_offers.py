"""A candidate on a reserve list answers an offer in the portal: accept or decline, only their own."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.selection.models import Placement, ReserveEntry, ReserveOffer
from factories import make_user
from reserve_list_scenario import offer_to_third, reserve_list
from selection_scenario import Ending, later_vacancy

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def offer() -> tuple[Ending, ReserveOffer]:
    ending = reserve_list(fourth=Placement.Outcome.NOT_SELECTED)
    return ending, offer_to_third(ending, later_vacancy(ending, grade="G15"))


def test_the_candidate_accepts(client, offer) -> None:  # type: ignore[no-untyped-def]
    ending, made = offer
    third = ending.applications[2]
    client.force_login(third.candidate.user)
    listed = client.get(reverse("applications:reserve_offers")).content.decode()
    assert reverse("applications:reserve_offer", args=[made.pk]) in listed
    url = reverse("applications:reserve_offer", args=[made.pk])
    assert made.post.title in client.get(url).content.decode()
    response = client.post(url, {"answer": "accept"})
    application = Application.objects.get(vacancy=made.vacancy)
    assert response.status_code == 302 and response["Location"] == reverse(
        "applications:detail", args=[application.pk]
    )
    assert application.status == S.SELECTED and application.candidate == third.candidate
    made.refresh_from_db()
    assert made.state == ReserveOffer.State.ACCEPTED
    # Answered once: a second answer changes nothing.
    client.post(url, {"answer": "decline"})
    made.refresh_from_db()
    assert made.state == ReserveOffer.State.ACCEPTED


def test_the_candidate_declines_and_stays_on_the_list(client, offer) -> None:  # type: ignore[no-untyped-def]
    ending, made = offer
    third = ending.applications[2]
    client.force_login(third.candidate.user)
    client.post(reverse("applications:reserve_offer", args=[made.pk]), {"answer": "decline"})
    made.refresh_from_db()
    assert made.state == ReserveOffer.State.DECLINED
    assert ReserveEntry.objects.get(application=third).state == ReserveEntry.State.LISTED
    assert not Application.objects.filter(vacancy=made.vacancy).exists()


def test_nobody_else_sees_or_answers_the_offer(client, offer) -> None:  # type: ignore[no-untyped-def]
    ending, made = offer
    url = reverse("applications:reserve_offer", args=[made.pk])
    other_candidate = ending.applications[3].candidate.user
    client.force_login(other_candidate)
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "accept"}).status_code == 404
    assert made.post.title not in client.get(reverse("applications:reserve_offers")).content.decode()
    for user in (
        ending.recruiter,
        ending.authority,
        ending.competition.user("chair"),
        make_user(Role.HIRING_MANAGER),
    ):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"answer": "accept"}).status_code == 403
    made.refresh_from_db()
    assert made.state == ReserveOffer.State.OFFERED


def test_the_offer_pages_are_in_french(client, offer) -> None:  # type: ignore[no-untyped-def]
    ending, made = offer
    client.force_login(ending.applications[2].candidate.user)
    for url in (
        reverse("applications:reserve_offers"),
        reverse("applications:reserve_offer", args=[made.pk]),
    ):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert '<html lang="fr">' in html
        text = re.sub(r"<[^>]+>", " ", html)
        for word in ("Offer", "Post offered", "Accept the post", "Decline", "State", "Offered"):
            assert not re.search(rf"\b{re.escape(word)}\b", text), (url, word)
        assert "Offre" in text
    # The post offered and its duty station, in French.
    url = reverse("applications:reserve_offer", args=[made.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f'<dd id="offer-post">{made.post.vacancy.title_fr} ({made.post.reference})</dd>' in page
    assert "<dd>Bruxelles, Belgique</dd>" in page
    # The list of offers names the post in French too.
    listed = client.get(reverse("applications:reserve_offers"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f">{made.post.vacancy.title_fr}</a>" in listed and f">{made.post.title}</a>" not in listed
