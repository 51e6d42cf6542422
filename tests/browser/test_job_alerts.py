"""Job alerts in a real Chromium: a candidate saves a filtered search from the vacancies' page, finds it on
"My job alerts"; the next day's mail's link, opened without signing in, asks before it stops the alert.
axe-core checks each of these pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail

from concours.accounts.models import Role
from concours.candidates.models import JobAlert
from concours.candidates.services import job_alerts_send
from factories import VacancyFactory, make_user
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAILING_IMPACTS = {"critical", "serious", "moderate"}


def violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{violation['id']} ({violation['impact']})"
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


def test_a_candidate_saves_a_search_and_stops_it_from_the_mail(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    VacancyFactory(title="Cyber Defence Officer", grade="G17")
    VacancyFactory(title="Logistics Officer", grade="G15")
    candidate = make_user(Role.CANDIDATE, name="Camille Candidate")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server.url, candidate.email)

    page.goto(f"{live_server.url}/vacancies/")
    page.select_option("#id_grade", "G17")
    with page.expect_navigation():  # else the filtered list would be read before it arrives
        page.click("#vacancy-filters button[type=submit]")
    assert "Logistics Officer" not in page.content()
    assert violations(page) == []
    page.click("#save-alert button[type=submit]")
    page.wait_for_url(re.compile(r"/job-alerts/$"))
    assert page.locator("#job-alerts tbody tr").count() == 1
    assert "G17" in page.locator("#job-alerts").inner_text()
    assert violations(page) == []
    context.close()

    # The next day's mail, and its link opened by someone not signed in.
    alert = JobAlert.objects.get(owner=candidate)
    JobAlert.objects.filter(pk=alert.pk).update(last_sent_at=alert.last_sent_at - dt.timedelta(days=1))
    VacancyFactory(
        title="Cyber Security Officer", grade="G17", published_at=alert.last_sent_at - dt.timedelta(hours=1)
    )
    job_alerts_send()
    [message] = mail.outbox
    assert "Cyber Security Officer" in message.body and "Logistics" not in message.body
    link = re.search(r"http\S+/unsubscribe/\S+/", message.body)
    assert link
    anonymous = browser.new_context(locale="en-GB")
    page = anonymous.new_page()
    page.goto(link[0].replace(settings.CONCOURS_SITE_URL, live_server.url))
    assert page.locator("#confirm-unsubscribe").is_visible()
    assert violations(page) == []
    alert.refresh_from_db()
    assert alert.active
    page.click("#confirm-unsubscribe")
    assert "This alert is cancelled" in page.locator("#unsubscribe").inner_text()
    assert violations(page) == []
    alert.refresh_from_db()
    assert not alert.active
    anonymous.close()
