"""The nationality control lists countries as French readers expect: Émirats between Égypte and Équateur."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from concours.candidates.forms import country_choices
from factories import ProfileFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def test_the_french_choices_put_accented_names_among_their_letters() -> None:
    with translation.override("fr"):
        names = [name for _code, name in country_choices()]
    assert names.index("Égypte") + 1 == names.index("Émirats arabes unis")
    assert names.index("Émirats arabes unis") + 1 == names.index("Équateur")
    assert names[-1] == "Zimbabwe"


def test_the_profile_page_offers_them_in_that_order(client: Client) -> None:
    profile = ProfileFactory()
    client.force_login(profile.user)
    html = client.get(reverse("candidates:profile"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    select = re.search(r'<select name="nationalities".*?</select>', html, re.S)
    assert select is not None
    options = re.findall(r"<option value=\"[A-Z]{2}\"[^>]*>([^<]+)</option>", select[0])
    position = {name: index for index, name in enumerate(options)}
    assert position["Égypte"] < position["Émirats arabes unis"] < position["Équateur"] < position["Érythrée"]
    assert options[-1] == "Zimbabwe"


def test_the_portal_s_place_filter_sorts_accents_with_their_letters(client: Client) -> None:
    for location in ("Zagreb, Croatia", "Évora, Portugal", "Eindhoven, Netherlands", "Faro, Portugal"):
        VacancyFactory(location=location)
    html = client.get(reverse("vacancies:list")).content.decode()
    select = re.search(r'<select name="location".*?</select>', html, re.S)
    assert select is not None
    places = [p for p in re.findall(r"<option value=\"([^\"]+)\"", select[0]) if p]
    assert places == ["Eindhoven, Netherlands", "Évora, Portugal", "Faro, Portugal", "Zagreb, Croatia"]
