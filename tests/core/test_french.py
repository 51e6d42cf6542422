"""The French interface shows French on every page of the apply flow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from concours.applications.services import application_submit
from factories import ProfileFactory, VacancyFactory, cv_upload, essay_upload

pytestmark = pytest.mark.django_db

# English words that must not appear on a French page (outside user data such as vacancy titles).
ENGLISH = [
    "Vacancies",
    "Deadline",
    "Log out",
    "My applications",
    "My profile",
    "Submit my application",
    "Apply",
    "Withdraw",
    "History",
    "Save profile",
    "Languages",
    "Work experience",
    "Search",
]


def french_page(client, url: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200, url
    html = response.content.decode()
    assert '<html lang="fr">' in html, url
    return html


def assert_no_english(html: str, url: str) -> None:
    import re

    text = re.sub(r"<[^>]+>", " ", html)
    for word in ENGLISH:
        assert not re.search(rf"\b{re.escape(word)}\b", text), f"{word!r} on {url}"


def test_every_page_of_the_apply_flow_is_in_french(client) -> None:  # type: ignore[no-untyped-def]
    """List, vacancy, profile, apply form, my applications and the application page are all French."""
    vacancy = VacancyFactory(title="Policy Officer", title_fr="Chargé de politique")
    profile = ProfileFactory()
    client.force_login(profile.user)
    pages = {
        reverse("vacancies:list"): "Postes à pourvoir",
        reverse("vacancies:detail", args=[vacancy.pk]): "Chargé de politique",
        reverse("candidates:profile"): "Mon profil",
        reverse("applications:apply", args=[vacancy.pk]): "Soumettre ma candidature",
    }
    for url, expected in pages.items():
        html = french_page(client, url)
        assert expected in html, (url, expected)
        assert_no_english(html, url)
    application = application_submit(
        candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=essay_upload(), actor=profile.user
    )
    for url in (reverse("applications:list"), reverse("applications:detail", args=[application.pk])):
        html = french_page(client, url)
        assert "Soumise" in html, url
        assert_no_english(html, url)


def test_the_login_and_registration_pages_are_in_french(client) -> None:  # type: ignore[no-untyped-def]
    """allauth's pages follow the chosen language."""
    assert "Se connecter" in french_page(client, reverse("account_login"))
    assert "Inscription" in french_page(client, reverse("account_signup"))


def test_the_language_switcher_remembers_french(client) -> None:  # type: ignore[no-untyped-def]
    """Choosing FR in the header keeps the portal in French."""
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Postes à pourvoir" in client.get(reverse("vacancies:list")).content.decode()
