from __future__ import annotations

import lxml.html
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


# --- the form as a browser sends it (issue 12) ------------------------------------------------------


def as_sent(client, changes: dict[str, object] | None = None) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """What a browser sends from the profile page as it is rendered, with `changes` made by the person.

    Each untouched select sends its first or selected option and each field its value, as Chromium
    does; the <template> of each formset (inert in a browser) is left out.
    """
    page = lxml.html.fromstring(client.get(reverse("candidates:profile")).content)
    sent: dict[str, list[str]] = {}
    for name, value in page.get_element_by_id("profile-form").form_values():
        if "__prefix__" not in name:
            sent.setdefault(name, []).append(value)
    for name, value in (changes or {}).items():
        if value is None:
            sent.pop(name, None)
        else:
            sent[name] = value if isinstance(value, list) else [str(value)]
    return sent


def test_a_name_and_a_nationality_are_enough(client) -> None:  # type: ignore[no-untyped-def]
    """The untouched language, degree and post lines are ignored: the profile is saved without them."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    response = client.post(
        reverse("candidates:profile"), as_sent(client, {"name": "Ana Silva", "nationalities": ["PT"]})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = CandidateProfile.objects.get(user=user)
    assert profile.nationalities == ["PT"]
    assert (profile.languages.count(), profile.education.count(), profile.experience.count()) == (0, 0, 0)


def test_saving_again_adds_no_phantom_degree(client) -> None:  # type: ignore[no-untyped-def]
    """Saving the page as shown keeps one degree: the empty education line is not a "Secondary" degree."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    assert client.post(reverse("candidates:profile"), profile_post()).status_code == 302
    for _ in range(2):
        assert client.post(reverse("candidates:profile"), as_sent(client)).status_code == 302
    profile = CandidateProfile.objects.get(user=user)
    assert list(profile.education.values_list("level", flat=True)) == ["master"]
    assert (profile.languages.count(), profile.experience.count()) == (2, 1)


@pytest.mark.parametrize("prefix", ["lang", "edu", "exp"])
def test_ticking_delete_on_the_empty_line_adds_nothing(client, prefix: str) -> None:  # type: ignore[no-untyped-def]
    """Delete on the empty extra line of any formset saves nothing for it."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    assert client.post(reverse("candidates:profile"), profile_post()).status_code == 302
    extra = {"lang": 2, "edu": 1, "exp": 1}[prefix]
    response = client.post(reverse("candidates:profile"), as_sent(client, {f"{prefix}-{extra}-DELETE": "on"}))
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=user)
    assert (profile.languages.count(), profile.education.count(), profile.experience.count()) == (2, 1, 1)


def test_delete_deletes(client) -> None:  # type: ignore[no-untyped-def]
    """Delete on a saved line removes it, and only it."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    assert client.post(reverse("candidates:profile"), profile_post()).status_code == 302
    response = client.post(
        reverse("candidates:profile"),
        as_sent(client, {"lang-1-DELETE": "on", "edu-0-DELETE": "on", "exp-0-DELETE": "on"}),
    )
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=user)
    assert list(profile.languages.values_list("language", "level")) == [("en", "VI")]
    assert (profile.education.count(), profile.experience.count()) == (0, 0)


@pytest.mark.parametrize(
    ("scale", "level", "kept"),
    [("NATO", "vi", "VI"), ("CEFR", "b2", "B2"), ("STANAG6001", "3321", "3321"), ("UN", "Fluent", "fluent")],
)
def test_a_level_of_the_chosen_scale_is_kept_as_the_scale_writes_it(client, scale, level, kept) -> None:  # type: ignore[no-untyped-def]
    """Any spelling of a level of the scale is accepted and kept in the scale's own spelling."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    response = client.post(
        reverse("candidates:profile"), profile_post(**{"lang-0-scale": scale, "lang-0-level": level})
    )
    assert response.status_code == 302
    assert CandidateProfile.objects.get(user=user).languages.get(language="en").level == kept


@pytest.mark.parametrize(
    ("scale", "level"), [("NATO", "B2"), ("CEFR", "VI"), ("STANAG6001", "6"), ("UN", "C1")]
)
def test_a_level_off_the_chosen_scale_is_refused(client, scale: str, level: str) -> None:  # type: ignore[no-untyped-def]
    """ "B2" on the NATO I-VI scale gets an error naming the scale's levels; nothing is saved."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    response = client.post(
        reverse("candidates:profile"), profile_post(**{"lang-0-scale": scale, "lang-0-level": level})
    )
    assert response.status_code == 200
    assert f"“{level}” is not a level of the" in response.content.decode()
    assert not CandidateProfile.objects.filter(user=user).exists()


def test_the_level_error_names_the_levels_in_french(client) -> None:  # type: ignore[no-untyped-def]
    """The refusal is in the reader's language."""
    client.force_login(make_user(Role.CANDIDATE))
    response = client.post(
        reverse("candidates:profile"),
        profile_post(**{"lang-0-level": "B2"}),
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert "n’est pas un niveau de l’échelle OTAN (I-VI), dont les niveaux sont I, II, III, IV, V, VI." in (
        response.content.decode()
    )


def test_a_language_given_twice_on_one_scale_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    """Two lines for English on the NATO scale get a clear error, not a crash."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    response = client.post(reverse("candidates:profile"), profile_post(**{"lang-1-language": "en"}))
    assert response.status_code == 200
    assert "English appears twice on the same scale" in response.content.decode()
    assert not CandidateProfile.objects.filter(user=user).exists()


def test_a_profile_in_any_language_can_be_saved_again(client) -> None:  # type: ignore[no-untyped-def]
    """A language outside the eight of the old list (Polish, from the demo) is offered and kept."""
    user = make_user(Role.CANDIDATE)
    client.force_login(user)
    assert (
        client.post(reverse("candidates:profile"), profile_post(**{"lang-1-language": "pl"})).status_code
        == 302
    )
    assert client.post(reverse("candidates:profile"), as_sent(client)).status_code == 302
    profile = CandidateProfile.objects.get(user=user)
    assert sorted(profile.languages.values_list("language", flat=True)) == ["en", "pl"]


def test_lines_are_added_in_the_page_from_a_template(client) -> None:  # type: ignore[no-untyped-def]
    """Each formset keeps its empty line in a <template> and an "Add a line" button, run by a static script
    (the policy forbids inline scripts); the page has no inline script or style."""
    client.force_login(make_user(Role.CANDIDATE))
    html = client.get(reverse("candidates:profile")).content.decode()
    page = lxml.html.fromstring(html)
    for prefix in ("lang", "edu", "exp"):
        template = page.get_element_by_id(f"{prefix}-template")
        assert (
            template.tag == "template"
            and f'name="{prefix}-__prefix__-' in lxml.html.tostring(template).decode()
        )
        assert page.xpath(f'//button[@data-add-row="{prefix}"]')
    sources = [script.get("src") or "" for script in page.iter("script")]
    assert all(sources) and any(src.endswith("/formset.js") for src in sources)
    assert not page.xpath("//style | //*[@style]")
    assert "Save to get another empty line." not in html.replace("<noscript>", "").split("</noscript>")[-1]


def test_nationalities_are_a_searchable_list(client) -> None:  # type: ignore[no-untyped-def]
    """The nationality list is marked for the searchable control, whose script and style are served."""
    client.force_login(make_user(Role.CANDIDATE))
    page = lxml.html.fromstring(client.get(reverse("candidates:profile")).content)
    select = page.get_element_by_id("id_nationalities")
    assert select.get("data-searchable") is not None and select.get("multiple") is not None
    assert select.get("aria-describedby") == "id_nationalities_helptext"
    assert page.get_element_by_id("id_nationalities_helptext") is not None
    sources = [script.get("src") for script in page.iter("script")]
    assert any(src.endswith("tom-select.complete.min.js") for src in sources)


def test_help_texts_of_the_lines_exist_for_screen_readers(client) -> None:  # type: ignore[no-untyped-def]
    """Every aria-describedby of the profile page points at an element of the page."""
    client.force_login(make_user(Role.CANDIDATE))
    page = lxml.html.fromstring(client.get(reverse("candidates:profile")).content)
    described = [el.get("aria-describedby") for el in page.xpath("//*[@aria-describedby]")]
    assert "id_lang-0-level_helptext" in described
    ids = {el.get("id") for el in page.iter() if el.get("id")}
    assert all(target in ids for target in described)


def test_countries_are_sorted_as_french_readers_expect(client) -> None:  # type: ignore[no-untyped-def]
    """In French, Égypte sorts among the E, not after Zimbabwe."""
    client.force_login(make_user(Role.CANDIDATE))
    page = lxml.html.fromstring(client.get(reverse("candidates:profile"), HTTP_ACCEPT_LANGUAGE="fr").content)
    names = [option.text for option in page.get_element_by_id("id_nationalities").iter("option")]
    assert names.index("Égypte") < names.index("Espagne") < names.index("Zimbabwe")
