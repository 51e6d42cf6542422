"""The recruiter's day in a real browser: edit a draft then publish it in one go, extend the deadline
(the applicant is told), move two applications at once, export the list."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit
from concours.vacancies.models import Vacancy
from factories import ProfileFactory, VacancyFactory, cv_upload, make_user
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_recruiters_day(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    recruiter = make_user(Role.RECRUITER, name="Ana Ferreira")
    vacancy = VacancyFactory(status=Vacancy.Status.DRAFT, title="Policy Officer")
    profiles = [ProfileFactory(name=name) for name in ("Bo Lindqvist", "Chloé Martin")]
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    page = context.new_page()
    sign_in(page, live_server.url, recruiter.email)

    # Edit the draft, then "Save and publish": the edit goes live with it.
    page.goto(f"{live_server.url}/backoffice/vacancies/{vacancy.pk}/review/")
    page.fill("#review-form input[name=title]", "Senior Policy Officer")
    page.fill("#review-form input[name=zone]", "Europe/Brussels")  # the notice names no duty station
    with page.expect_navigation():  # the click returns before the answer: wait for it
        page.click("#save-and-publish")
    assert page.url.endswith(f"/backoffice/vacancies/{vacancy.pk}/"), page.inner_text("main")[:1500]
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.title) == (Vacancy.Status.PUBLISHED, "Senior Policy Officer")

    for profile in profiles:
        application_submit(candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user)
    # Each applicant is told their application was received (the candidates' outbox); then the extension.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in profiles)
    mail.outbox.clear()

    # Extend the deadline: the page says so, each applicant gets a mail.
    later = timezone.localtime(vacancy.deadline + dt.timedelta(days=14), vacancy.local_deadline.tzinfo)  # type: ignore[operator,union-attr]
    page.goto(f"{live_server.url}/backoffice/vacancies/{vacancy.pk}/review/")
    page.fill("#extend-form input[name=deadline]", later.strftime("%Y-%m-%dT%H:%M"))
    with page.expect_navigation():
        page.click("#extend-form button[type=submit]")
    assert "the applicants are told by mail" in page.inner_text("main")
    vacancy.refresh_from_db()
    assert vacancy.local_deadline.strftime("%Y-%m-%d %H:%M") == later.strftime("%Y-%m-%d %H:%M")  # type: ignore[union-attr]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in profiles)

    # Move both applications at once, with one reason.
    page.goto(f"{live_server.url}/backoffice/vacancies/{vacancy.pk}/")
    for checkbox in page.locator("#applications input[name=selected]").all():
        checkbox.check()
    page.select_option("#bulk-move select[name=to]", "screened_in")
    page.fill("#bulk-move textarea[name=reason]", "Meets every requirement")
    with page.expect_navigation():
        page.click("#bulk-move button[type=submit]")
    assert "2 applications moved to “Screened in”." in page.inner_text("main")
    statuses = set(Application.objects.filter(vacancy=vacancy).values_list("status", flat=True))
    assert statuses == {Application.Status.SCREENED_IN}

    # Export the list.
    with page.expect_download() as info:
        page.click("#export")
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Candidate code", "Name"]
    assert sorted(row[1] for row in rows[1:]) == ["Bo Lindqvist", "Chloé Martin"]
    assert {row[3] for row in rows[1:]} == {"Screened in"}
    context.close()
