"""Deadlines at the duty station: the zone comes from the one list of stations, never guessed.

An unknown station is flagged at import and its zone asked for at review; deadlines stored in Brussels time
for stations of another zone are read again in the right one, with an audit record.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from concours.core.audit import audit_events_for
from concours.vacancies.importing import vacancy_import_notice
from concours.vacancies.models import Vacancy
from concours.vacancies.notice_form import NoticeForm, notice_initial
from concours.vacancies.services import vacancy_zone_correct, vacancy_zone_correction
from factories import VacancyFactory

pytestmark = pytest.mark.django_db
BRUSSELS, KABUL = ZoneInfo("Europe/Brussels"), ZoneInfo("Asia/Kabul")


def _notice(location: str, reference: str = "260950") -> str:
    return f"""Programme Officer
NATO International Staff
Reference: {reference}
Location: {location}
Application Deadline: 15-Jan-2027, 11:59:00 PM
1. SUMMARY
The Office supports the partnership programme.
"""


def _kabul_vacancy_in_brussels_time(**kwargs: object) -> Vacancy:
    """What imports stored before: Kabul's 23:59 read as Brussels time."""
    return VacancyFactory(
        location="Kabul, Afghanistan",
        zone="Europe/Brussels",
        deadline=dt.datetime(2027, 1, 15, 23, 59, tzinfo=BRUSSELS),
        **kwargs,
    )


def test_importing_a_kabul_notice_gives_asia_kabul() -> None:
    """The deadline is 23:59 in Kabul, not in Brussels."""
    outcome = vacancy_import_notice(text=_notice("Kabul, Afghanistan"), source="kabul.txt", actor=None)
    vacancy = outcome.vacancy
    assert vacancy is not None and vacancy.zone == "Asia/Kabul"
    assert vacancy.deadline == dt.datetime(2027, 1, 15, 23, 59, tzinfo=KABUL)
    assert not outcome.zone_unknown and "time zone" not in outcome.reason


def test_importing_a_notice_at_an_unknown_station_flags_the_zone() -> None:
    """The draft keeps the default zone, and the report says the zone must be given at review."""
    outcome = vacancy_import_notice(text=_notice("Kandahar, Afghanistan"), source="m.txt", actor=None)
    vacancy = outcome.vacancy
    assert vacancy is not None and vacancy.zone == "Europe/Brussels"
    assert outcome.zone_unknown
    assert "time zone of the duty station (Kandahar, Afghanistan) is not known" in outcome.reason
    event = audit_events_for(vacancy).get(event_type="NOTICE_IMPORTED")
    assert event.extra["zone_unknown"] is True


def test_a_reimport_keeps_the_zone_a_recruiter_gave() -> None:
    """Once a person has given an unknown station's zone, another copy of the notice does not undo it."""
    first = vacancy_import_notice(text=_notice("Kandahar"), source="a.txt", actor=None)
    assert first.vacancy is not None
    Vacancy.objects.filter(pk=first.vacancy.pk).update(zone="Asia/Kabul")
    text = _notice("Kandahar").replace("Reference:", "Grade: G15\nReference:")
    again = vacancy_import_notice(text=text, source="b.txt", actor=None)
    assert again.action == "updated" and not again.zone_unknown
    assert again.vacancy is not None and again.vacancy.zone == "Asia/Kabul"
    assert again.vacancy.local_deadline == dt.datetime(2027, 1, 15, 23, 59, tzinfo=KABUL)


def test_the_review_form_asks_for_the_zone_of_an_unknown_station() -> None:
    """Its zone starts empty and is required; a known station's zone is filled in."""
    unknown = {"title": "T", "organisation": "NATO", "location": "Kandahar, Afghanistan"}
    initial = notice_initial(unknown, title_fr="", zone="Europe/Brussels", deadline=None)
    assert initial["zone"] == ""
    form = NoticeForm({**unknown, "zone": ""}, initial=initial)
    assert not form.is_valid() and "zone" in form.errors
    assert "not known" in str(form.fields["zone"].help_text)
    assert NoticeForm({**unknown, "zone": "Asia/Kabul"}, initial=initial).is_valid()
    known = {**unknown, "location": "Kabul, Afghanistan"}
    assert notice_initial(known, title_fr="", zone="Asia/Kabul", deadline=None)["zone"] == "Asia/Kabul"
    # A zone a person gave for an unknown station is shown again.
    assert notice_initial(unknown, title_fr="", zone="Asia/Kabul", deadline=None)["zone"] == "Asia/Kabul"


def test_a_deadline_stored_in_brussels_time_is_read_again_in_kabul() -> None:
    """Same local wall-clock time, the station's zone, one audit event with the old and new values."""
    vacancy = _kabul_vacancy_in_brussels_time()
    correction = vacancy_zone_correct(vacancy=vacancy, actor=None)
    assert correction is not None
    vacancy.refresh_from_db()
    assert vacancy.zone == "Asia/Kabul"
    assert vacancy.local_deadline is not None
    assert vacancy.local_deadline.replace(tzinfo=None) == dt.datetime(2027, 1, 15, 23, 59)
    assert vacancy.deadline == dt.datetime(2027, 1, 15, 23, 59, tzinfo=KABUL)
    events = audit_events_for(vacancy).filter(event_type="VACANCY_ZONE_CORRECTED")
    assert events.count() == 1
    assert events[0].extra["old"] == {"zone": "Europe/Brussels", "deadline": "2027-01-15T22:59:00+00:00"}
    assert events[0].extra["new"] == {"zone": "Asia/Kabul", "deadline": "2027-01-15T23:59:00+04:30"}


def test_a_correct_vacancy_is_untouched() -> None:
    vacancy = VacancyFactory(location="Brussels, Belgium", zone="Europe/Brussels")
    before = Vacancy.objects.get(pk=vacancy.pk).deadline
    assert vacancy_zone_correct(vacancy=vacancy, actor=None) is None
    assert Vacancy.objects.get(pk=vacancy.pk).deadline == before
    assert not audit_events_for(vacancy).filter(event_type="VACANCY_ZONE_CORRECTED").exists()


def test_a_zone_a_person_gave_is_kept_and_an_unknown_station_is_left_alone() -> None:
    """Only the default zone imports stored can be the guess; an unknown place has nothing to correct to."""
    given = VacancyFactory(location="Kabul, Afghanistan", zone="Asia/Dubai")
    unknown = VacancyFactory(location="Kandahar, Afghanistan", zone="Europe/Brussels")
    assert vacancy_zone_correction(given) is None
    assert vacancy_zone_correct(vacancy=unknown, actor=None) is None


def test_running_the_correction_twice_changes_nothing_the_second_time() -> None:
    vacancy = _kabul_vacancy_in_brussels_time()
    assert vacancy_zone_correct(vacancy=vacancy, actor=None) is not None
    after = Vacancy.objects.get(pk=vacancy.pk)
    assert vacancy_zone_correct(vacancy=vacancy, actor=None) is None
    again = Vacancy.objects.get(pk=vacancy.pk)
    assert (again.zone, again.deadline) == (after.zone, after.deadline)
    assert audit_events_for(vacancy).filter(event_type="VACANCY_ZONE_CORRECTED").count() == 1


def test_the_command_lists_on_a_dry_run_and_corrects_otherwise() -> None:
    vacancy = _kabul_vacancy_in_brussels_time(reference="261001")
    VacancyFactory(location="Juba, South Sudan", zone="Africa/Juba")
    out = StringIO()
    call_command("correct_deadline_zones", "--dry-run", stdout=out)
    assert "would correct" in out.getvalue() and "1 vacancy to correct" in out.getvalue()
    assert Vacancy.objects.get(pk=vacancy.pk).zone == "Europe/Brussels"
    out = StringIO()
    call_command("correct_deadline_zones", stdout=out)
    assert "1 vacancy corrected" in out.getvalue()
    assert Vacancy.objects.get(pk=vacancy.pk).zone == "Asia/Kabul"
    out = StringIO()
    call_command("correct_deadline_zones", stdout=out)
    assert "0 vacancies corrected" in out.getvalue()


def test_the_data_migration_corrects_like_the_service() -> None:
    """The migration's own copy of the correction, run on the current models, agrees with the service."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("concours.vacancies.migrations.0003_correct_deadline_zones")
    vacancy = _kabul_vacancy_in_brussels_time()
    correct = VacancyFactory(location="Brussels, Belgium", zone="Europe/Brussels")
    before = Vacancy.objects.get(pk=correct.pk).deadline
    migration.correct_deadline_zones(apps, None)
    vacancy.refresh_from_db()
    assert vacancy.zone == "Asia/Kabul"
    assert vacancy.deadline == dt.datetime(2027, 1, 15, 23, 59, tzinfo=KABUL)
    event = audit_events_for(vacancy).get(event_type="VACANCY_ZONE_CORRECTED")
    assert event.extra["new"] == {"zone": "Asia/Kabul", "deadline": "2027-01-15T23:59:00+04:30"}
    assert Vacancy.objects.get(pk=correct.pk).deadline == before
    migration.correct_deadline_zones(apps, None)
    assert audit_events_for(vacancy).filter(event_type="VACANCY_ZONE_CORRECTED").count() == 1
