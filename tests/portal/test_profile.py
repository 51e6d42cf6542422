from __future__ import annotations

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.candidates.models import CandidateProfile
from concours.candidates.selectors import profile_as_contract
from factories import make_user

pytestmark = pytest.mark.django_db


def _management(prefix: str, total: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def profile_post(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Ingrid Berg",
        "nationalities": ["NO", "SE"],
        **_management("lang", 2),
        "lang-0-language": "en",
        "lang-0-scale": "NATO",
        "lang-0-level": "VI",
        "lang-1-language": "fr",
        "lang-1-scale": "NATO",
        "lang-1-level": "II",
        **_management("edu", 1),
        "edu-0-level": "master",
        "edu-0-field": "Law",
        "edu-0-completed": "2008-06",
        **_management("exp", 1),
        "exp-0-title": "Legal adviser",
        "exp-0-employer": "Ministry of Defence",
        "exp-0-start": "2009-01",
        "exp-0-end": "",
        "exp-0-fte": "0.8",
        "exp-0-tags": ["policy", "defence"],
    }
    data.update(overrides)
    return data


def test_a_candidate_saves_a_complete_profile(client) -> None:  # type: ignore[no-untyped-def]
    """The form stores nationalities, languages, education and dated, part-time posts."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    response = client.post(reverse("candidates:profile"), profile_post())
    assert response.status_code == 302
    contract = profile_as_contract(CandidateProfile.objects.get(user=user))
    assert contract["nationalities"] == ["NO", "SE"]
    assert {(lang["language"], lang["level"]) for lang in contract["languages"]} == {
        ("en", "VI"),
        ("fr", "II"),
    }
    assert contract["education"][0]["completed"] == "2008-06-01"
    post = contract["experience"][0]
    assert (post["start"], post["end"], post["fte"], post["tags"]) == (
        "2009-01-01",
        None,
        0.8,
        ["policy", "defence"],
    )


def test_a_post_ending_before_it_starts_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    """Impossible dates get an error and nothing is saved."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    response = client.post(reverse("candidates:profile"), profile_post(**{"exp-0-end": "2005-01"}))
    assert response.status_code == 200 and "cannot end before it starts" in response.content.decode()
    assert not CandidateProfile.objects.filter(user=user).exists()


def test_an_unknown_country_code_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    """Nationalities are two-letter codes."""
    client.force_login(make_user(Role.CANDIDATE))
    response = client.post(reverse("candidates:profile"), profile_post(nationalities=["XX"]))
    assert response.status_code == 200 and not CandidateProfile.objects.exists()


@pytest.mark.parametrize("prefix", ["lang", "edu", "exp"])
def test_a_claim_of_a_hundred_million_rows_is_refused(client, prefix: str) -> None:  # type: ignore[no-untyped-def]
    """A forged TOTAL_FORMS far above the cap gets the formset's error; nothing is saved."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    response = client.post(
        reverse("candidates:profile"), profile_post(**{f"{prefix}-TOTAL_FORMS": "100000000"})
    )
    assert response.status_code == 200
    cap = {"lang": 20, "edu": 20, "exp": 60}[prefix]
    assert f"Please submit at most {cap} forms." in response.content.decode()
    assert not CandidateProfile.objects.filter(user=user).exists()


def test_rows_up_to_the_cap_are_saved(client) -> None:  # type: ignore[no-untyped-def]
    """The cap leaves room for a long career: 60 dated posts are kept."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    posts = {
        key: value
        for n in range(60)
        for key, value in {
            f"exp-{n}-title": f"Post {n}",
            f"exp-{n}-start": f"{1960 + n}-01",
            f"exp-{n}-end": f"{1960 + n}-12",
            f"exp-{n}-fte": "1",
        }.items()
    }
    response = client.post(reverse("candidates:profile"), profile_post(**{"exp-TOTAL_FORMS": "60", **posts}))
    assert response.status_code == 302
    assert CandidateProfile.objects.get(user=user).experience.count() == 60
