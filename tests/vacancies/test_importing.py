from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from concours.accounts.models import Role
from concours.core.audit import audit_events_for
from concours.vacancies.importing import deadline_instant, vacancy_import_file, vacancy_import_notice
from concours.vacancies.models import Vacancy
from concours.vacancies.services import vacancy_publish
from factories import make_user

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
NOTICE = """Policy Officer (Arms Control)
NATO International Staff
Reference: 260901
Location: Brussels, Belgium
Application Deadline: 15-Jan-2027, 11:59:00 PM
1. SUMMARY
The Arms Control Section advises Allies on conventional arms control.
2. QUALIFICATIONS AND EXPERIENCE
ESSENTIAL
The incumbent must:
* have a university degree in a relevant field;
* have at least 5 years of experience in arms control policy;
"""


@pytest.fixture
def seeds() -> list[Path]:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not beside the repository")
    return sorted(SEEDS.glob("*.txt"))


def test_importing_the_five_seed_notices_twice_gives_five_vacancies(seeds: list[Path]) -> None:
    """Three carry a reference and two do not; the second import creates nothing."""
    first = [vacancy_import_file(path=str(p), actor=None) for p in seeds]
    second = [vacancy_import_file(path=str(p), actor=None) for p in seeds]
    assert [o.action for o in first] == ["created"] * 5
    assert all(o.action in {"skipped", "updated"} for o in second)
    assert Vacancy.objects.count() == 5
    assert Vacancy.objects.exclude(reference="").count() == 3
    assert set(Vacancy.objects.values_list("status", flat=True)) == {"draft"}


def test_a_seed_import_keeps_the_parsed_notice_and_its_source(seeds: list[Path]) -> None:
    """The draft holds the parse (posts, deadline at the duty station) and the source text."""
    outcome = vacancy_import_file(path=str(seeds[4]), actor=None)
    vacancy = outcome.vacancy
    assert vacancy is not None and vacancy.reference == "250875"
    assert vacancy.posts.count() == 2
    assert vacancy.local_deadline is not None
    assert vacancy.local_deadline.strftime("%Y-%m-%d %H:%M") == "2025-06-18 21:59"
    assert "Key challenges" in vacancy.source_text
    assert vacancy.notice["essay"]["max_pages"] == 1


def test_the_same_notice_from_another_source_updates_the_same_vacancy() -> None:
    """A board's copy with the same reference adds what it has and keeps what it lacks."""
    first = vacancy_import_notice(text=NOTICE, source="site.txt", actor=None)
    board = "Apply now | 1766 total views\n" + NOTICE + "* have experience chairing meetings;\nPrint Job\n"
    second = vacancy_import_notice(text=board, source="board.txt", actor=None)
    assert first.action == "created" and second.action == "updated"
    assert second.vacancy == first.vacancy and Vacancy.objects.count() == 1
    assert "essential_qualifications" in second.changed


def test_without_a_reference_title_organisation_and_deadline_decide() -> None:
    """Same title and deadline day: one vacancy; another deadline: a new one."""
    text = NOTICE.replace("Reference: 260901\n", "")
    vacancy_import_notice(text=text, source="a.txt", actor=None)
    assert vacancy_import_notice(text=text, source="b.txt", actor=None).action == "skipped"
    later = text.replace("15-Jan-2027", "15-Feb-2027")
    assert vacancy_import_notice(text=later, source="c.txt", actor=None).action == "created"
    assert Vacancy.objects.count() == 2


def test_a_published_vacancy_is_never_changed_by_an_import() -> None:
    """Once published, a vacancy changes only through the back office."""
    recruiter = make_user(Role.RECRUITER)
    vacancy = vacancy_import_notice(text=NOTICE, source="site.txt", actor=recruiter).vacancy
    vacancy_publish(vacancy=vacancy, actor=recruiter)
    outcome = vacancy_import_notice(text=NOTICE + "* a new line;\n", source="board.txt", actor=recruiter)
    assert outcome.action == "skipped" and "already" in outcome.reason
    vacancy.refresh_from_db()
    assert "a new line" not in str(vacancy.notice)


def test_an_unreadable_file_is_skipped_and_leaves_nothing(tmp_path: Path) -> None:
    """Empty and binary files are reported, and no vacancy or unit is created."""
    empty, binary = tmp_path / "empty.txt", tmp_path / "blob.pdf"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 10)
    outcomes = [vacancy_import_file(path=str(p), actor=None) for p in (empty, binary)]
    assert [o.action for o in outcomes] == ["skipped", "skipped"]
    assert all(o.reason for o in outcomes)
    assert not Vacancy.objects.exists()


def test_an_import_is_audited() -> None:
    """Who imported what, from which source."""
    recruiter = make_user(Role.RECRUITER)
    vacancy = vacancy_import_notice(text=NOTICE, source="site.txt", actor=recruiter).vacancy
    event = audit_events_for(vacancy).get(event_type="NOTICE_IMPORTED")
    assert event.actor == recruiter and event.extra["source"] == "site.txt"


def test_the_command_reports_each_file(seeds: list[Path], tmp_path: Path) -> None:
    """`concours import_notices` prints created/updated/skipped with the reason, and totals."""
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    out = StringIO()
    call_command("import_notices", *map(str, seeds), str(bad), stdout=out)
    lines = out.getvalue().splitlines()
    assert sum(line.startswith("created") for line in lines) == 5
    assert any(line.startswith("skipped") and "empty.txt" in line for line in lines)
    assert lines[-1] == "5 created, 0 updated, 1 skipped"


def test_a_date_only_deadline_means_the_end_of_that_day_at_the_duty_station() -> None:
    """29 July 2025 in Brussels ends at 23:59:59 local time."""
    moment = deadline_instant("2025-07-29", "Europe/Brussels")
    assert moment is not None and moment.isoformat() == "2025-07-29T23:59:59+02:00"


def test_expired_vacancies_are_closed_with_an_audit_record() -> None:
    """Past its deadline a published vacancy is closed; an open one is left alone."""
    import datetime as dt

    from django.utils import timezone

    from concours.vacancies.services import vacancies_close_expired
    from factories import VacancyFactory

    expired = VacancyFactory(deadline=timezone.now() - dt.timedelta(minutes=1))
    open_one = VacancyFactory()
    call_command("close_expired_vacancies", stdout=StringIO())
    expired.refresh_from_db()
    open_one.refresh_from_db()
    assert (expired.status, open_one.status) == ("closed", "published")
    assert audit_events_for(expired).filter(event_type="VACANCY_CLOSED").exists()
    assert vacancies_close_expired() == []
