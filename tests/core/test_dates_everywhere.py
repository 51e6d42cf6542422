"""Dates written out everywhere a person reads them (issue 12, item 4): no template formats a date with
Django's `date` filter, except for machines (the ISO value of a <time> element's `datetime`), no Python
string shows one as "2026-12-01 10:05"; and pages in French read "1er décembre 2026, 9 h 30"."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

import concours
from assessment_scenario import build_competition
from concours.accounts.models import Role
from concours.applications.models import Application, Transition
from concours.applications.services import application_submit
from concours.assessment.services import booking_make, candidates_invite, slot_open
from concours.kernel.text.dates import MONTHS
from concours.selection.models import Recommendation
from concours.selection.report import report_gather, report_html
from factories import ProfileFactory, VacancyFactory, cv_upload, make_user
from selection_report_scenario import decided_competition

NB = "\u00a0"
SOURCE = Path(concours.__file__).parent

# A date or time formatted by Django in a template: `|date:…`, `|time:…`, `|utc`, `|naturaltime`.
DJANGO_FORMAT = re.compile(r"\|\s*(date|time|utc|naturaltime|naturalday)\b(:\s*(\"[^\"]*\"|'[^']*'))?")
# The one machine format allowed: the ISO 8601 value of a <time> element's `datetime` attribute, which
# browsers and assistive tools read (the text inside the element is written out).
MACHINE = re.compile(r"""datetime="\{\{ [\w.]+\|date:(?:'c'|"c") \}\}\"""")

# Python code that formats a date with strftime (or an f-string's format): each file allowed here says
# why a person never reads the result, or why it must be so.
STRFTIME = re.compile(r"strftime\(|\{[^{}]*:%[a-zA-Z]")
PYTHON_ALLOWED = {
    # Input values and accepted formats of HTML form fields (datetime-local, month), read by browsers.
    "vacancies/notice_form.py": "form input formats",
    "backoffice/views/vacancies.py": "form input formats",
    "candidates/forms.py": "a month field's input value",
    # File names of downloads: sortable and free of spaces.
    "backoffice/views/selection_report.py": "a download's file name",
    "portal/views/privacy.py": "a download's file name",
    "selection/models.py": "a stored file's name, and __str__ for the admin",
    # Object names for the admin and logs, never on a page.
    "assessment/models.py": "__str__ for the admin",
    "genai/models.py": "__str__ for the admin",
    # Screening reasons: the day is written out (format_date); the clock keeps its seconds, since a
    # submission one second after the deadline is refused and the reason must show it.
    "kernel/eligibility/messages.py": "verdict reasons to the second",
}


def templates() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("templates/**/*") if p.suffix in {".html", ".txt"})


def test_templates_write_dates_out_and_keep_django_formats_for_machines() -> None:
    found = []
    for path in templates():
        text = MACHINE.sub("", path.read_text(encoding="utf-8"))
        for match in DJANGO_FORMAT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(SOURCE)}:{line}: {match.group(0)}")
    assert found == [], (
        "use written_date, written_datetime, written_moment or written_deadline:\n" + "\n".join(found)
    )


def test_the_scan_finds_what_it_looks_for() -> None:
    assert DJANGO_FORMAT.search('{{ t.at|date:"j F Y H:i" }}')
    assert DJANGO_FORMAT.search("{{ report.made_at|utc|written_date }}")
    assert DJANGO_FORMAT.search("{{ slot.start|time }}")
    assert not DJANGO_FORMAT.search("{{ t.at|written_datetime }} {{ vacancy.deadline|written_deadline:z }}")
    kept = "<time datetime=\"{{ event.at|date:'c' }}\">{{ event.at|written_datetime }}</time>"
    assert not DJANGO_FORMAT.search(MACHINE.sub("", kept))
    assert DJANGO_FORMAT.search(MACHINE.sub("", '<td>{{ event.at|date:"c" }}</td>'))


def test_python_strings_write_dates_out() -> None:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        name = path.relative_to(SOURCE).as_posix()
        if name.startswith("kernel/notices/") or "/migrations/" in name:  # reading notices, not writing
            continue
        if name not in PYTHON_ALLOWED and STRFTIME.search(path.read_text(encoding="utf-8")):
            found.append(name)
    assert found == [], "write dates out with concours.core.dates: " + ", ".join(found)


# ---------------------------------------------------------------------------------------------------
# Pages in French


def first_of_a_month_ahead() -> dt.date:
    """The first day of a month at least two months from now: "1er …" in French, and still ahead."""
    ahead = timezone.localdate() + dt.timedelta(days=62)
    return ahead.replace(day=1)


def french(day: dt.date) -> str:
    return f"1er {MONTHS['fr'][day.month - 1]} {day.year}"


@pytest.mark.django_db
def test_the_back_office_application_page_in_french(client) -> None:  # type: ignore[no-untyped-def]
    profile = ProfileFactory(user__language="fr")
    vacancy = VacancyFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        application = application_submit(
            candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user
        )
    # Submitted on 1 December 2026 at 9:30 in Brussels (the site's clock), 8:30 UTC.
    Transition.objects.filter(application=application).update(
        at=dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)
    )
    client.force_login(make_user(Role.RECRUITER))
    page = client.get(reverse("backoffice:application", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    html = page.content.decode()
    history = html[html.index(">Historique<") :]
    assert f"1er décembre 2026, 9{NB}h{NB}30" in history
    # The career's months as the profile keeps them: "janvier 2012", never "2012-01".
    profile_card = html[html.index('id="profile"') : html.index(">Historique<")]
    assert "janvier 2012" in profile_card and "2012-01" not in profile_card


@pytest.mark.django_db
def test_the_candidate_s_slots_and_timeline_in_french(client) -> None:  # type: ignore[no-untyped-def]
    competition = build_competition()
    application = competition.applications[0]
    Application.objects.filter(pk=application.pk).update(status="shortlisted")
    stage = competition.stage("final")
    day = first_of_a_month_ahead()
    slot = slot_open(
        stage=stage,
        local_start=dt.datetime.combine(day, dt.time(9, 30)),
        minutes=45,
        place="NATO HQ, Brussels",
        video_link="",
        capacity=2,
        actor=competition.recruiter,
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        (invitation,) = candidates_invite(
            stage=stage,
            applications=[Application.objects.get(pk=application.pk)],
            actor=competition.recruiter,
        )
    user = application.candidate.user
    client.force_login(user)
    url = reverse("applications:slots", args=[application.pk])
    offered = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    # The time at the place, with the place whose clock it is.
    assert f"{french(day)}, 9{NB}h{NB}30 (heure de Bruxelles)" in offered

    with TestCase.captureOnCommitCallbacks(execute=True):
        booking_make(invitation=invitation, slot=slot, actor=user)
    booked = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    status = booked[booked.index('class="booking-status"') :][:400]
    assert f"{french(day)}, 9{NB}h{NB}30 (heure de Bruxelles)" in status
    # The timeline's next step is the interview, on the place's clock too.
    detail = client.get(reverse("applications:detail", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    html = detail.content.decode()
    next_step = html[html.index('id="next-step"') :][:600]
    assert f"{french(day)}, 9{NB}h{NB}30 (heure de Bruxelles)" in next_step


@pytest.mark.django_db
def test_the_selection_report_in_french_writes_its_dates_out() -> None:
    competition, recommendation = decided_competition()
    vacancy = competition.vacancy
    vacancy.deadline = dt.datetime(2026, 12, 1, 22, 59, tzinfo=dt.UTC)  # 23:59 in Brussels
    vacancy.save(update_fields=["deadline"])
    Recommendation.objects.filter(pk=recommendation.pk).update(
        approved_at=dt.datetime(2027, 3, 1, 9, 5, tzinfo=dt.UTC)
    )
    made_at = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)
    html = report_html(
        report_gather(vacancy=vacancy, language="fr", made_at=made_at, made_by=competition.recruiter)
    )
    assert f"le 1er décembre 2026, 8{NB}h{NB}30 UTC par" in html
    assert f"1er décembre 2026, 23{NB}h{NB}59 (heure de Bruxelles)" in html
    assert f"le 1er mars 2027, 9{NB}h{NB}05 UTC." in html
    body = html[html.index("<body>") :]
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", body), "an ISO date left in the report"
    english = report_html(
        report_gather(vacancy=vacancy, language="en", made_at=made_at, made_by=competition.recruiter)
    )
    assert "on 1 December 2026, 08:30 UTC by" in english
    assert "1 December 2026, 23:59 (Brussels time)" in english
