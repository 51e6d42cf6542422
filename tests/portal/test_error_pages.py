"""Error pages are pages of the site: its header, a main landmark, a heading, in the reader's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from concours.accounts.models import Role
from factories import make_user

pytestmark = pytest.mark.django_db


def test_a_missing_page_has_the_site_around_it() -> None:
    response = Client().get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<main id="main">' in html and "<h1>Page not found</h1>" in html
    assert 'href="/vacancies/"' in html


def test_a_refused_page_says_so_in_french() -> None:
    client = Client(headers={"accept-language": "fr"})
    client.force_login(make_user(Role.CANDIDATE))
    response = client.get(reverse("backoffice:vacancies"))
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="fr">' in html and "<h1>Accès non autorisé</h1>" in html
