"""A French vacancy page is French all through: the duty station, the organisational units and the posts'
titles in the reader's language; the English where the French is missing, said so."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from concours.vacancies.models import OrgUnit, Post, Vacancy
from factories import OrgUnitFactory, VacancyFactory

pytestmark = pytest.mark.django_db

POSTS = [
    ("Head, Capability Delivery Section", "DI0231", "Chef de la Section Réalisation des capacités"),
    (
        "Head, Armaments Cooperation Section",
        "DI0187",
        "Chef de la Section Coopération en matière d'armements",
    ),
]


def units(*, french: bool) -> OrgUnit:
    staff = OrgUnitFactory(
        name="NATO International Staff",
        name_fr="Secrétariat international de l'OTAN" if french else "",
        kind=OrgUnit.Kind.ORGANISATION,
    )
    return OrgUnitFactory(  # type: ignore[no-any-return]
        parent=staff,
        name="Defence Investment Division",
        name_fr="Division Investissement de défense" if french else "",
    )


def demo_like_vacancy(*, french: bool = True) -> Vacancy:
    """Like the demo's vacancy of two posts: its French notice names each post in French."""
    vacancy: Vacancy = VacancyFactory(
        title="Head, Capability Delivery Section & Head, Armaments Cooperation Section",
        title_fr="Chef de la Section Réalisation des capacités et chef de la Section Coopération"
        if french
        else "",
        unit=units(french=french),
        posts=0,
    )
    vacancy.posts.all().delete()
    for title, reference, _french in POSTS:
        Post.objects.create(vacancy=vacancy, title=title, reference=reference, grade="G20")
    if french:
        vacancy.notice_fr = {
            "title": vacancy.title_fr,
            "posts": [{"title": fr, "reference": ref, "grade": "G20"} for _en, ref, fr in POSTS],
        }
        vacancy.save()
    return vacancy


def page(client: Client, vacancy: Vacancy, language: str) -> str:
    response = client.get(reverse("vacancies:detail", args=[vacancy.pk]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def posts_card(html: str) -> str:
    found = re.search(r'<section class="card" id="posts">(.*?)</section>', html, re.DOTALL)
    assert found
    return found[1]


def english_only_note() -> str:
    with translation.override("fr"):
        return translation.gettext("This section is published in English only.")


def test_the_french_page_names_the_place_the_units_and_the_posts_in_french(client: Client) -> None:
    html = page(client, demo_like_vacancy(), "fr")
    assert '<dd id="location">Bruxelles, Belgique</dd>' in html
    assert (
        '<p class="meta" id="unit-path">Secrétariat international de l&#x27;OTAN › '
        "Division Investissement de défense</p>"
    ) in html
    posts = posts_card(html)
    assert "<li>Chef de la Section Réalisation des capacités (DI0231) – G20</li>" in posts
    assert "<li>Chef de la Section Coopération en matière d&#x27;armements (DI0187) – G20</li>" in posts
    assert "Head," not in posts and "fallback" not in posts
    assert "Brussels" not in html and "Defence Investment Division" not in html


def test_the_english_page_is_unchanged(client: Client) -> None:
    html = page(client, demo_like_vacancy(), "en")
    assert '<dd id="location">Brussels, Belgium</dd>' in html
    assert '<p class="meta" id="unit-path">NATO International Staff › Defence Investment Division</p>' in html
    posts = posts_card(html)
    assert "<li>Head, Capability Delivery Section (DI0231) – G20</li>" in posts
    assert "<li>Head, Armaments Cooperation Section (DI0187) – G20</li>" in posts
    assert "Chef" not in posts and "fallback" not in posts


def test_a_vacancy_without_french_shows_the_english_said_so(client: Client) -> None:
    """The place is reference data, French for every vacancy; the units and posts without French names
    are shown in English, marked as English, and the list of posts says it is in English only."""
    html = page(client, demo_like_vacancy(french=False), "fr")
    assert '<dd id="location">Bruxelles, Belgique</dd>' in html
    assert (
        '<p class="meta" id="unit-path"><span lang="en">NATO International Staff</span> › '
        '<span lang="en">Defence Investment Division</span></p>'
    ) in html
    posts = posts_card(html)
    assert f'<p class="meta fallback">{english_only_note()}</p>' in posts
    assert '<li><span lang="en">Head, Capability Delivery Section</span> (DI0231) – G20</li>' in posts


def test_a_post_without_its_french_title_alone_falls_back(client: Client) -> None:
    vacancy = demo_like_vacancy()
    vacancy.notice_fr["posts"] = [{"title": POSTS[0][2], "reference": "DI0231"}]
    vacancy.save()
    posts = posts_card(page(client, vacancy, "fr"))
    assert "<li>Chef de la Section Réalisation des capacités (DI0231) – G20</li>" in posts
    assert '<li><span lang="en">Head, Armaments Cooperation Section</span> (DI0187) – G20</li>' in posts
    assert english_only_note() in posts


def test_the_list_of_vacancies_names_the_place_and_the_unit_in_french(client: Client) -> None:
    demo_like_vacancy()
    response = client.get(reverse("vacancies:list"), HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert "Division Investissement de défense · \n      Bruxelles, Belgique" in html
    english = client.get(reverse("vacancies:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Defence Investment Division · \n      Brussels, Belgium" in english


def test_an_unknown_place_is_shown_as_written(client: Client) -> None:
    vacancy = demo_like_vacancy()
    vacancy.location = "Home based"
    vacancy.save()
    assert '<dd id="location">Home based</dd>' in page(client, vacancy, "fr")


def test_a_draft_is_not_shown(client: Client) -> None:
    vacancy = demo_like_vacancy()
    vacancy.status = Vacancy.Status.DRAFT
    vacancy.save()
    response = client.get(reverse("vacancies:detail", args=[vacancy.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404


def test_the_place_filter_offers_the_place_in_the_reader_s_language(client: Client) -> None:
    vacancy = demo_like_vacancy()
    french = client.get(reverse("vacancies:list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<option value="Brussels, Belgium">Bruxelles, Belgique</option>' in french
    english = client.get(reverse("vacancies:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="Brussels, Belgium">Brussels, Belgium</option>' in english
    # The value searched is the one the vacancy holds.
    found = client.get(
        reverse("vacancies:list"), {"location": "Brussels, Belgium"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert reverse("vacancies:detail", args=[vacancy.pk]) in found.content.decode()


def test_a_search_finds_a_vacancy_by_its_unit_s_french_name(client: Client) -> None:
    vacancy = demo_like_vacancy()
    other = VacancyFactory()
    found = client.get(reverse("vacancies:list"), {"q": "Investissement"}, HTTP_ACCEPT_LANGUAGE="fr")
    html = found.content.decode()
    assert reverse("vacancies:detail", args=[vacancy.pk]) in html
    assert reverse("vacancies:detail", args=[other.pk]) not in html


def test_an_unclassified_grade_is_named_in_french(client: Client) -> None:
    vacancy = demo_like_vacancy()
    vacancy.grade = "Unclassified"
    vacancy.save()
    vacancy.posts.update(grade="Unclassified")
    html = page(client, vacancy, "fr")
    assert '<dd id="grade">Non classifié</dd>' in html
    assert "(DI0231) – Non classifié</li>" in posts_card(html)
    listed = client.get(reverse("vacancies:list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<option value="Unclassified">Non classifié</option>' in listed
    assert "Grade Non classifié · " in listed
    assert '<dd id="grade">Unclassified</dd>' in page(client, vacancy, "en")
