"""The demo's vacancies in French: every section the vacancy page shows has its French in the demo files,
the loader gives it to the vacancy's French notice, and a French reader sees no "English only" note.

The demo is loaded once for the module (with a few candidates: the vacancies are what is read here) inside
a transaction that is rolled back at the end.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from concours.applications.claims import experience_requirements
from concours.core.models import AuditEvent
from concours.demo.catalogue import FRENCH_SECTIONS, french_notice, load_vacancies
from concours.vacancies.models import Vacancy

pytestmark = pytest.mark.django_db

STRUCTURED = {
    "experience": ("min_years", "max_years"),
    "posts": ("reference", "grade", "direct_reports"),
    "competencies": (),
    "selection_timeline": (),
}


def _french_key(key: str) -> str:
    return f"{key}_fr"


def _first_words(key: str, french: Any) -> str:
    """A text of a French section the vacancy page must show: its first item's words."""
    if isinstance(french, str):
        return french
    first = french[0]
    if isinstance(first, str):
        return first
    return str(first.get("heading") or first.get("name") or first.get("stage") or first.get("title"))


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"), PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        call_command("load_demo", candidates=12, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def rolled_back(demo: None) -> Iterator[None]:
    """The loaded demo, for a test that changes it: its changes are undone after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def test_every_shown_section_has_its_french_in_the_demo_files() -> None:
    """Each section a vacancy has in English has a French version of the same shape, not a copy; the
    structured fields of the French copies (years, where a stage takes place or not) are the English ones."""
    vacancies = load_vacancies()
    assert vacancies
    for vacancy in vacancies:
        for key in FRENCH_SECTIONS:
            english, french = vacancy.get(key), vacancy.get(_french_key(key))
            where = (vacancy["reference"], key)
            if not english:
                continue
            assert french, where
            assert french != english, where
            assert type(french) is type(english), where
            if isinstance(english, list):
                assert len(french) == len(english), where
                assert all(french), where
            for name in STRUCTURED.get(key, ()):
                assert [item[name] for item in french] == [item[name] for item in english], where
            if key == "selection_timeline":
                assert [t["where"] is None for t in french] == [t["where"] is None for t in english], where


def test_french_typography_in_the_demo_files() -> None:
    """French punctuation takes a no-break space before « : ; ! ? » and inside guillemets."""
    for vacancy in load_vacancies():
        for key in FRENCH_SECTIONS:
            text = repr(vacancy.get(_french_key(key)))
            for mark in (" :", " ;", " !", " ?", "« ", " »"):
                assert mark not in text, (vacancy["reference"], key, mark)


def test_french_pages_show_every_section_in_french(demo: None, client: Client) -> None:
    """A French reader of every published demo vacancy sees each section in French (a key challenge
    among them), and no note saying a section is published in English only."""
    with translation.override("fr"):
        english_only = translation.gettext("This section is published in English only.")
    challenges_seen = 0
    published = [v for v in load_vacancies() if v["status"] == "published"]
    assert published
    for notice in published:
        vacancy = Vacancy.objects.get(reference=notice["reference"])
        response = client.get(reverse("vacancies:detail", args=[vacancy.pk]), HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="fr">' in html
        assert escape(english_only) not in html, notice["reference"]
        assert 'class="meta fallback"' not in html, notice["reference"]
        for key in FRENCH_SECTIONS:
            if key == "experience" or not notice.get(key):  # experience is read on the application form
                continue
            if key == "posts" and len(notice["posts"]) == 1:  # one post: the page names it by its title
                continue
            assert escape(_first_words(key, notice[_french_key(key)])) in html, (notice["reference"], key)
        if notice["key_challenges"]:
            assert escape(notice["key_challenges_fr"][0]) in html
            assert escape(notice["key_challenges"][0]) not in html
            challenges_seen += 1
    assert challenges_seen, "no published demo vacancy has key challenges to read in French"


def test_french_pages_name_the_place_the_units_and_the_posts_in_french(demo: None, client: Client) -> None:
    """The duty station, the organisational units and each post's title are French on a French page, and
    English on an English one."""
    for notice in (v for v in load_vacancies() if v["status"] == "published"):
        vacancy = Vacancy.objects.get(reference=notice["reference"])
        url = reverse("vacancies:detail", args=[vacancy.pk])
        french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        place = {"Brussels, Belgium": "Bruxelles, Belgique", "The Hague, Netherlands": "La Haye, Pays-Bas"}
        assert f'<dd id="location">{place[notice["location"]]}</dd>' in french, notice["reference"]
        assert f'<dd id="location">{notice["location"]}</dd>' in english, notice["reference"]
        path_fr = " › ".join(escape(name) for name in notice["unit_path_fr"])
        assert f'<p class="meta" id="unit-path">{path_fr}</p>' in french, notice["reference"]
        path_en = " › ".join(escape(name) for name in notice["unit_path"])
        assert f'<p class="meta" id="unit-path">{path_en}</p>' in english, notice["reference"]
        if len(notice["posts"]) > 1:
            for post_en, post_fr in zip(notice["posts"], notice["posts_fr"], strict=True):
                assert f"<li>{escape(post_fr['title'])} ({post_fr['reference']})" in french
                assert escape(post_en["title"]) not in french.split('id="posts"')[1]
                assert f"<li>{escape(post_en['title'])} ({post_en['reference']})" in english


def test_the_application_form_reads_the_experience_asked_in_french(demo: None) -> None:
    """The experience each vacancy asks for is read in French by a French candidate."""
    for notice in load_vacancies():
        vacancy = Vacancy.objects.get(reference=notice["reference"])
        with translation.override("fr"):
            requirements = experience_requirements(vacancy)
        assert [r.shown for r in requirements] == [
            item["of"].rstrip(";,.") for item in notice["experience_fr"]
        ], notice["reference"]
        assert {r.shown_lang for r in requirements} <= {"fr"}


def test_the_french_notice_is_the_notice_fr_and_the_english_one_keeps_no_french(demo: None) -> None:
    """The loader puts the French in `notice_fr`, under the notice's own keys; the English notice, which
    screening reads, has no French copies."""
    for notice in load_vacancies():
        vacancy = Vacancy.objects.get(reference=notice["reference"])
        assert vacancy.notice_fr == french_notice(notice)
        assert vacancy.notice_fr["key_challenges" if notice["key_challenges"] else "competencies"]
        assert [key for key in vacancy.notice if key.endswith("_fr")] == []


def test_a_demo_loaded_without_french_gets_it_on_the_next_run_and_only_once(rolled_back: None) -> None:
    """A demo database from before the French sections: the next run fills what each French notice lacks
    and keeps what it has (a recruiter's correction); the run after it changes nothing."""
    references = [v["reference"] for v in load_vacancies()]
    # A closed vacancy is no longer edited (the test below).
    vacancies = list(Vacancy.objects.filter(reference__in=references).exclude(status=Vacancy.Status.CLOSED))
    corrected, *others = vacancies
    Vacancy.objects.filter(pk__in=[v.pk for v in others]).update(notice_fr={})
    Vacancy.objects.filter(pk=corrected.pk).update(notice_fr={"key_challenges": ["Un défi corrigé."]})
    before = AuditEvent.objects.count()

    call_command("load_demo", candidates=12, stdout=io.StringIO())

    files = {v["reference"]: v for v in load_vacancies()}
    for vacancy in Vacancy.objects.filter(pk__in=[v.pk for v in vacancies]):
        expected = french_notice(files[vacancy.reference])
        if vacancy.pk == corrected.pk:
            expected["key_challenges"] = ["Un défi corrigé."]
        assert vacancy.notice_fr == expected, vacancy.reference
    assert AuditEvent.objects.count() == before + len(vacancies)

    after = AuditEvent.objects.count()
    notices = dict(Vacancy.objects.values_list("reference", "notice_fr"))
    call_command("load_demo", candidates=12, stdout=io.StringIO())
    assert AuditEvent.objects.count() == after
    assert dict(Vacancy.objects.values_list("reference", "notice_fr")) == notices


def test_a_closed_vacancy_is_left_as_it_is_and_the_run_says_so(rolled_back: None) -> None:
    """A closed vacancy is no longer edited: the run leaves its French notice and names what it lacks."""
    notice = next(v for v in load_vacancies() if v["status"] == "published")
    Vacancy.objects.filter(reference=notice["reference"]).update(status=Vacancy.Status.CLOSED, notice_fr={})
    out = io.StringIO()

    call_command("load_demo", candidates=12, stdout=out)

    assert Vacancy.objects.get(reference=notice["reference"]).notice_fr == {}
    assert f"Vacancy {notice['reference']} is closed" in out.getvalue()
