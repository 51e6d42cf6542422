"""A vacancy's French notice: importing it fills the French version of the vacancy with its reference."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from bilingual_notices import ENGLISH, FRENCH, REFERENCE
from concours.accounts.models import Role
from concours.core.audit import audit_events_for
from concours.vacancies.importing import vacancy_import_files, vacancy_import_notice
from concours.vacancies.models import Vacancy
from concours.vacancies.services import vacancy_publish
from factories import VacancyFactory, make_user

pytestmark = pytest.mark.django_db
REAL_FRENCH = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "notices-real"
    / "prefixes"
    / "03_nato-is-directeur-affaires-politiques.txt"
)


def test_the_french_notice_fills_the_french_version_of_the_same_vacancy() -> None:
    recruiter = make_user(Role.RECRUITER)
    english = vacancy_import_notice(text=ENGLISH, source="en.txt", actor=recruiter)
    french = vacancy_import_notice(text=FRENCH, source="fr.txt", actor=recruiter)
    assert english.action == "created" and french.action == "updated" and french.language == "fr"
    assert Vacancy.objects.count() == 1
    vacancy = Vacancy.objects.get()
    # The English notice, which screening reads, is as the English import left it.
    assert vacancy.title == "Policy Officer (Arms Control)"
    assert vacancy.notice["key_challenges"][0].startswith("drafting analyses")
    # Every section of the French notice is there, in French.
    assert vacancy.title_fr == "Chargé(e) de politique (maîtrise des armements)"
    assert vacancy.notice_fr["principal_issues"][0].startswith("le Traité sur les forces armées")
    assert vacancy.notice_fr["key_challenges"][0].startswith("rédiger des analyses")
    assert vacancy.notice_fr["essential_qualifications"][0].startswith("être titulaire d'un diplôme")
    assert vacancy.notice_fr["desirable_qualifications"][1] == "la connaissance du russe."
    assert [c["name"] for c in vacancy.notice_fr["competencies"]] == [
        "Esprit d'analyse",
        "Communication et relations",
        "Souplesse",
    ]
    assert "CONDITIONS ESSENTIELLES" in vacancy.source_text_fr and "ESSENTIAL" in vacancy.source_text
    event = audit_events_for(vacancy).filter(event_type="NOTICE_IMPORTED").order_by("-id").first()
    assert event is not None and event.actor == recruiter
    assert event.extra["language"] == "fr" and event.extra["source"] == "fr.txt"
    assert "key_challenges" in event.extra["changed"]


def test_the_english_notice_again_leaves_the_french_version_as_it_is() -> None:
    vacancy_import_notice(text=ENGLISH, source="en.txt", actor=None)
    vacancy_import_notice(text=FRENCH, source="fr.txt", actor=None)
    longer = ENGLISH + "* have chaired international meetings;\n"
    outcome = vacancy_import_notice(text=longer, source="board.txt", actor=None)
    assert outcome.action == "updated"
    vacancy = Vacancy.objects.get()
    assert vacancy.notice_fr["key_challenges"][0].startswith("rédiger des analyses")
    assert vacancy.title_fr.startswith("Chargé(e) de politique")


def test_a_french_notice_first_makes_a_draft_that_its_english_notice_completes() -> None:
    recruiter = make_user(Role.RECRUITER)
    french = vacancy_import_notice(text=FRENCH, source="fr.txt", actor=recruiter)
    assert french.action == "created" and french.language == "fr" and REFERENCE in french.reason
    vacancy = Vacancy.objects.get()
    assert vacancy.status == Vacancy.Status.DRAFT and vacancy.reference == REFERENCE
    assert vacancy.english_pending and vacancy.posts.exists()
    assert vacancy.notice_fr["key_challenges"][0].startswith("rédiger des analyses")
    # English readers see the French, marked as such: nothing French passes for English.
    assert vacancy.section_in_language("key_challenges", "en") == (vacancy.notice_fr["key_challenges"], "fr")
    assert vacancy.section_in_language("title", "en")[1] == "fr"
    event = audit_events_for(vacancy).filter(event_type="NOTICE_IMPORTED").get()
    assert event.actor == recruiter and event.extra["language"] == "fr"

    english = vacancy_import_notice(text=ENGLISH, source="en.txt", actor=recruiter)
    assert english.action == "updated" and english.vacancy == vacancy
    vacancy.refresh_from_db()
    assert not vacancy.english_pending and Vacancy.objects.count() == 1
    assert vacancy.title == "Policy Officer (Arms Control)"
    assert vacancy.title_fr == "Chargé(e) de politique (maîtrise des armements)"
    # The English replaced the French whole in the notice screening reads; the French version stays.
    assert vacancy.notice["key_challenges"][0].startswith("drafting analyses")
    assert not any("é" in str(value) for value in vacancy.notice.get("principal_issues", []))
    assert vacancy.notice_fr["key_challenges"][0].startswith("rédiger des analyses")
    assert vacancy.section_in_language("key_challenges", "en")[1] == "en"


def test_the_same_french_notice_first_twice_makes_one_vacancy() -> None:
    vacancy_import_notice(text=FRENCH, source="fr.txt", actor=None)
    again = vacancy_import_notice(text=FRENCH, source="fr-copy.txt", actor=None)
    assert again.action == "skipped" and Vacancy.objects.count() == 1


def test_a_french_notice_without_a_reference_creates_nothing() -> None:
    VacancyFactory(reference="", status=Vacancy.Status.DRAFT, title="Policy Officer (Arms Control)")
    text = FRENCH.replace("Référence : 260901\n", "").replace(" n° 260901", "")
    outcome = vacancy_import_notice(text=text, source="fr.txt", actor=None)
    assert outcome.action == "skipped" and "no reference" in outcome.reason
    assert Vacancy.objects.get().notice_fr == {}


def test_the_same_french_notice_twice_changes_nothing_the_second_time() -> None:
    vacancy_import_notice(text=ENGLISH, source="en.txt", actor=None)
    vacancy_import_notice(text=FRENCH, source="fr.txt", actor=None)
    vacancy = Vacancy.objects.get()
    events = audit_events_for(vacancy).count()
    again = vacancy_import_notice(text=FRENCH, source="fr-copy.txt", actor=None)
    assert again.action == "skipped" and audit_events_for(vacancy).count() == events


def test_a_published_vacancy_is_not_changed_by_its_french_notice() -> None:
    vacancy = vacancy_import_notice(text=ENGLISH, source="en.txt", actor=None).vacancy
    assert vacancy is not None
    vacancy_publish(vacancy=vacancy, actor=None)
    outcome = vacancy_import_notice(text=FRENCH, source="fr.txt", actor=None)
    assert outcome.action == "skipped"
    vacancy.refresh_from_db()
    assert vacancy.notice_fr == {} and vacancy.status == Vacancy.Status.PUBLISHED


def test_a_batch_reads_its_english_notices_first(tmp_path: Path) -> None:
    """Sent together, French first: the English one makes the vacancy, then the French one fills it;
    the report keeps the order the files were given in."""
    (tmp_path / "a-fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "b-en.txt").write_text(ENGLISH, encoding="utf-8")
    files = [(str(tmp_path / "a-fr.txt"), "a-fr.txt"), (str(tmp_path / "b-en.txt"), "b-en.txt")]
    french, english = vacancy_import_files(files=files, actor=None)
    assert (french.source, french.action) == ("a-fr.txt", "updated")
    assert (english.source, english.action) == ("b-en.txt", "created")
    assert Vacancy.objects.get().notice_fr["title"].startswith("Chargé(e)")


def test_the_command_imports_both_notices_in_any_order(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    out = StringIO()
    call_command("import_notices", str(tmp_path / "fr.txt"), str(tmp_path / "en.txt"), stdout=out)
    assert out.getvalue().splitlines()[-1] == "1 created, 1 updated, 0 skipped"
    assert Vacancy.objects.get().title_fr.startswith("Chargé(e)")


def test_a_real_french_nato_notice_fills_the_french_title() -> None:
    """The opening of a real NATO notice in French (read from ../shared, never copied here)."""
    if not REAL_FRENCH.exists():
        pytest.skip("../shared/notices-real is not beside the repository")
    VacancyFactory(
        reference="190483", status=Vacancy.Status.DRAFT, title="Director, Political Affairs", title_fr=""
    )
    outcome = vacancy_import_notice(text=REAL_FRENCH.read_text(encoding="utf-8"), source="03.txt", actor=None)
    assert outcome.action == "updated", outcome.reason
    vacancy = Vacancy.objects.get()
    assert vacancy.title_fr == "Directeur/Directrice, Affaires politiques et politique de sécurité"
    assert vacancy.title == "Director, Political Affairs"
