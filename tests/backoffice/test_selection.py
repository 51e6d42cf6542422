"""The selection's back-office pages: the recruiters' recommendation, the appointing authority's inbox
and decision, the reserve candidates of a later vacancy; who may open each, and French."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.selection.models import Recommendation, ReserveEntry, ReserveOffer
from concours.selection.services import authority_name
from concours.vacancies.models import OrgUnit, Vacancy
from factories import make_user
from selection_scenario import Ending, build_ending, later_vacancy

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def ending() -> Ending:
    return build_ending()


def form_for(ending: Ending, recommendation: Recommendation, action: str) -> dict[str, str]:
    first, second, third, fourth = ending.applications
    one, two = ending.vacancy.posts.order_by("id")
    return {
        "action": action,
        "version": str(recommendation.version),
        f"decision_{first.pk}": f"post_{one.pk}",
        f"reason_{first.pk}": "First in the ranking.",
        f"decision_{second.pk}": f"post_{two.pk}",
        f"reason_{second.pk}": "Second in the ranking.",
        f"decision_{third.pk}": "reserve",
        f"reason_{third.pk}": "Suitable.",
        f"decision_{fourth.pk}": "reserve",
        f"reason_{fourth.pk}": "Suitable too.",
    }


def submit_through_the_page(client, ending: Ending) -> Recommendation:  # type: ignore[no-untyped-def]
    url = reverse("backoffice:selection", args=[ending.vacancy.pk])
    client.force_login(ending.recruiter)
    assert client.post(url, {"action": "draw"}).status_code == 302
    recommendation = Recommendation.objects.get()
    assert client.post(url, form_for(ending, recommendation, "submit")).status_code == 302
    recommendation.refresh_from_db()
    return recommendation


def approved_then_a_later_vacancy(client, ending: Ending, recommendation: Recommendation) -> Vacancy:  # type: ignore[no-untyped-def]
    """The authority approves through the page; a later vacancy of the same grade opens, and the
    recruiter is signed in to offer it to the reserve."""
    client.force_login(ending.authority)
    client.post(
        reverse("backoffice:selection_decide", args=[recommendation.pk]),
        {"action": "approve", "version": recommendation.version},
    )
    vacancy = later_vacancy(ending, grade="G15")
    client.force_login(ending.recruiter)
    return vacancy


def test_the_recruiter_draws_up_and_submits(client, ending: Ending) -> None:  # type: ignore[no-untyped-def]
    recommendation = submit_through_the_page(client, ending)
    assert recommendation.status == Recommendation.Status.SUBMITTED
    assert recommendation.selections.count() == 2 and recommendation.placements.count() == 2
    page = client.get(reverse("backoffice:selection", args=[ending.vacancy.pk])).content.decode()
    assert ending.applications[0].candidate.name in page and "Authority Person" in page


def test_two_candidates_on_one_post_are_refused(client, ending: Ending) -> None:  # type: ignore[no-untyped-def]
    url = reverse("backoffice:selection", args=[ending.vacancy.pk])
    client.force_login(ending.recruiter)
    client.post(url, {"action": "draw"})
    recommendation = Recommendation.objects.get()
    form = form_for(ending, recommendation, "save")
    form[f"decision_{ending.applications[1].pk}"] = form[f"decision_{ending.applications[0].pk}"]
    response = client.post(url, form, follow=True)
    assert "One candidate per post" in response.content.decode()
    assert not recommendation.selections.exists()


def test_a_stale_form_is_refused(client, ending: Ending) -> None:  # type: ignore[no-untyped-def]
    url = reverse("backoffice:selection", args=[ending.vacancy.pk])
    client.force_login(ending.recruiter)
    client.post(url, {"action": "draw"})
    recommendation = Recommendation.objects.get()
    stale = form_for(ending, recommendation, "save")
    client.post(url, form_for(ending, recommendation, "save"))
    stale[f"reason_{ending.applications[0].pk}"] = "Another reason."
    response = client.post(url, stale, follow=True)
    assert "changed since you opened it" in response.content.decode()
    assert recommendation.selections.get(application=ending.applications[0]).reason == "First in the ranking."


def test_the_authority_returns_then_approves(client, ending: Ending) -> None:  # type: ignore[no-untyped-def]
    recommendation = submit_through_the_page(client, ending)
    client.force_login(ending.authority)
    inbox = client.get(reverse("backoffice:selection_inbox")).content.decode()
    assert reverse("backoffice:selection_decide", args=[recommendation.pk]) in inbox
    url = reverse("backoffice:selection_decide", args=[recommendation.pk])
    client.post(url, {"action": "return", "version": recommendation.version, "comments": "Justify post 2."})
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.RETURNED
    client.force_login(ending.recruiter)
    page = client.get(reverse("backoffice:selection", args=[ending.vacancy.pk])).content.decode()
    assert "Justify post 2." in page
    client.post(
        reverse("backoffice:selection", args=[ending.vacancy.pk]), form_for(ending, recommendation, "submit")
    )
    recommendation.refresh_from_db()
    client.force_login(ending.authority)
    client.post(url, {"action": "approve", "version": recommendation.version})
    statuses = [Application.objects.get(pk=a.pk).status for a in ending.applications]
    assert statuses == [S.SELECTED, S.SELECTED, S.RESERVE, S.RESERVE]
    assert ReserveEntry.objects.count() == 2


def test_the_recruiter_offers_a_reserve_candidate(client, ending: Ending) -> None:  # type: ignore[no-untyped-def]
    recommendation = submit_through_the_page(client, ending)
    vacancy = approved_then_a_later_vacancy(client, ending, recommendation)
    url = reverse("backoffice:selection_reserve", args=[vacancy.pk])
    page = client.get(url).content.decode()
    third = ending.applications[2]
    assert third.candidate.name in page and ending.applications[3].candidate.name in page
    assert ending.applications[0].candidate.name not in page
    entry = ReserveEntry.objects.get(application=third)
    assert client.post(url, {"entry": entry.pk, "post": vacancy.posts.get().pk}).status_code == 302
    assert ReserveOffer.objects.get().entry == entry
    higher = later_vacancy(ending, grade="G19")
    assert (
        "no-reserve" in client.get(reverse("backoffice:selection_reserve", args=[higher.pk])).content.decode()
    )


def outsiders(ending: Ending) -> dict[str, object]:
    """Everyone who must not open the selection pages."""
    elsewhere = OrgUnit.objects.create(kind=OrgUnit.Kind.ORGANISATION, name="Another organisation")
    other_authority = make_user(Role.APPOINTING_AUTHORITY, is_staff=True)
    authority_name(unit=elsewhere, user=other_authority, actor=None)
    return {
        "panel member": ending.competition.user("chair"),
        "hiring manager": make_user(Role.HIRING_MANAGER),
        "candidate": ending.applications[0].candidate.user,
        "authority of another unit": other_authority,
    }


def test_every_page_refuses_the_wrong_role(client, ending: Ending) -> None:  # type: ignore[no-untyped-def]
    recommendation = submit_through_the_page(client, ending)
    recruiter_pages = [
        reverse("backoffice:selection", args=[ending.vacancy.pk]),
        reverse("backoffice:selection_reserve", args=[ending.vacancy.pk]),
    ]
    decide = reverse("backoffice:selection_decide", args=[recommendation.pk])
    for who, user in outsiders(ending).items():
        client.force_login(user)
        for url in [*recruiter_pages, decide]:
            for response in (client.get(url), client.post(url, {"action": "approve", "version": 99})):
                assert response.status_code in {403, 404}, (who, url)
        inbox = client.get(reverse("backoffice:selection_inbox"))
        if who == "authority of another unit":
            assert decide not in inbox.content.decode()
        else:
            assert inbox.status_code == 403, who
    # The recruiter does not decide, and the authority does not draw up.
    client.force_login(ending.recruiter)
    assert client.get(decide).status_code == 403
    client.force_login(ending.authority)
    assert client.get(recruiter_pages[0]).status_code == 403
    assert Recommendation.objects.get().status == Recommendation.Status.SUBMITTED


ENGLISH = [
    "Selection recommendation",
    "Decision",
    "Reason",
    "Reserve list",
    "Approve",
    "Selected for",
    "Waiting",
    "Reserve candidates",
    "Offer the post",
    "Offers made",
    "State",
    "Candidate",
]


def test_every_page_is_in_french(client, ending: Ending) -> None:  # type: ignore[no-untyped-def]
    recommendation = submit_through_the_page(client, ending)
    vacancy = later_vacancy(ending, grade="G15")
    pages = [
        (ending.recruiter, reverse("backoffice:selection", args=[ending.vacancy.pk])),
        (ending.recruiter, reverse("backoffice:selection_reserve", args=[vacancy.pk])),
        (ending.authority, reverse("backoffice:selection_inbox")),
        (ending.authority, reverse("backoffice:selection_decide", args=[recommendation.pk])),
    ]
    for user, url in pages:
        client.force_login(user)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="fr">' in html
        text = re.sub(r"<[^>]+>", " ", html)
        for word in ENGLISH:
            assert not re.search(rf"\b{re.escape(word)}\b", text), (url, word)


def test_totals_are_written_with_a_decimal_comma_in_french(client, ending: Ending) -> None:  # type: ignore[no-untyped-def]
    recommendation = submit_through_the_page(client, ending)
    totals = [row["total"] for row in recommendation.ranking if row.get("total")]
    assert totals and all("." in total for total in totals)
    for user, url in (
        (ending.recruiter, reverse("backoffice:selection", args=[ending.vacancy.pk])),
        (ending.authority, reverse("backoffice:selection_decide", args=[recommendation.pk])),
    ):
        client.force_login(user)
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        for total in totals:
            assert f"<td>{total.replace('.', ',')}</td>" in page, (url, total)
            assert f"<td>{total}</td>" not in page, (url, total)


def test_posts_are_named_in_french_on_french_pages(client, ending: Ending) -> None:  # type: ignore[no-untyped-def]
    """The French notice's post titles on the recommendation, the decision and the reserve pages, not the
    English ones."""
    one, two = ending.vacancy.posts.order_by("id")
    ending.vacancy.notice_fr = {
        "posts": [
            {"reference": one.reference, "title": "Responsable de la politique A"},
            {"reference": two.reference, "title": "Responsable de la politique B"},
        ]
    }
    ending.vacancy.save(update_fields=["notice_fr"])
    recommendation = submit_through_the_page(client, ending)
    for user, url in (
        (ending.recruiter, reverse("backoffice:selection", args=[ending.vacancy.pk])),
        (ending.authority, reverse("backoffice:selection_decide", args=[recommendation.pk])),
    ):
        client.force_login(user)
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert f"Sélectionné pour Responsable de la politique A ({one.reference})" in page, url
        assert f"Sélectionné pour {one.title}" not in page, url
    vacancy = approved_then_a_later_vacancy(client, ending, recommendation)
    page = client.get(
        reverse("backoffice:selection_reserve", args=[vacancy.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    post = vacancy.posts.get()
    assert f">{vacancy.title_fr} ({post.reference})</option>" in page
