"""The assessment in a real browser, on a two-post vacancy: the recruiter sets the plan and the panel,
three members declare (one conflict) and score the longlist blind, the chair reads the agreement and
records a consensus, the ranking moves candidates on, a bad results CSV is refused whole and a good one
imported, the shortlist is confirmed, and two shortlisted candidates book interview slots and download
their calendar files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar

from assessment_scenario import NOTICE
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.assessment.models import Declaration, Invitation, Scorecard, Stage
from factories import ApplicationFactory, VacancyFactory, make_user
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = Application.Status


def log_in(browser, live_server, email: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    page = context.new_page()
    sign_in(page, live_server.url, email)
    return context, page


def test_the_whole_assessment_in_a_browser(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(notice=dict(NOTICE), posts=2)
    recruiter = make_user(Role.RECRUITER)
    applications = [ApplicationFactory(vacancy=vacancy, status=S.SCREENED_IN) for _ in range(4)]
    members = {
        key: make_user(Role.PANEL_MEMBER, name=f"{key.title()} Member")
        for key in ("chair", "expert", "manager")
    }
    assessment = f"{live_server.url}/backoffice/vacancies/{vacancy.pk}/assessment/"

    # The recruiter copies the default plan, keeps the best two at the longlist, and seats the panel.
    context, page = log_in(browser, live_server, recruiter.email)
    page.goto(assessment)
    page.click("#create-plan")
    page.wait_for_selector("#stage-longlist")
    longlist = Stage.objects.get(vacancy=vacancy, key="longlist")
    page.goto(f"{live_server.url}/backoffice/assessment/stages/{longlist.pk}/")
    page.fill("input[name=pass_value]", "2")
    page.click("#stage-form button[type=submit]")
    page.wait_for_selector(".messages")
    for key, role in (("chair", "chair"), ("expert", "expert"), ("manager", "hiring_manager")):
        page.goto(f"{assessment}panel/")
        page.fill("input[name=email]", members[key].email)
        page.select_option("select[name=role]", role)
        page.click("#add-member button[type=submit]")
        page.wait_for_selector(f"text={members[key].name}")
    context.close()

    # Each member declares, the expert with one conflict, then scores every candidate they may see.
    conflicted = applications[0]
    criteria = list(longlist.criteria.values_list("pk", flat=True))
    for key, member in members.items():
        context, page = log_in(browser, live_server, member.email)
        page.goto(f"{assessment}declarations/")
        for application in applications:
            answer = "yes" if key == "expert" and application == conflicted else "no"
            page.check(f"input[name=conflict_{application.pk}][value={answer}]")
            if answer == "yes":
                page.fill(f"input[name=reason_{application.pk}]", "Former direct report.")
        page.click("#declare-submit")
        page.wait_for_selector("#all-declared")
        page.goto(f"{live_server.url}/backoffice/assessment/stages/{longlist.pk}/candidates/")
        listed = page.inner_text("#candidates")
        assert (conflicted.candidate_code in listed) == (key != "expert")
        for application in applications:
            url = f"{live_server.url}/backoffice/assessment/stages/{longlist.pk}/candidates/{application.pk}/"
            if key == "expert" and application == conflicted:
                assert page.goto(url).status == 404
                continue
            page.goto(url)
            assert application.candidate.name not in page.content()
            value = 4 if application in applications[:2] else 3
            for pk in criteria:
                page.check(f"input[name=value_{pk}][value='{value}']")
            page.click("#submit-scorecard")
            page.wait_for_selector("#scorecard-status:has-text('Submitted')")
        context.close()
    assert Scorecard.objects.filter(status="submitted").count() == 11
    assert Declaration.objects.filter(conflicted=True).count() == 1

    # The chair reads the agreement and records a consensus.
    context, page = log_in(browser, live_server, members["chair"].email)
    page.goto(f"{live_server.url}/backoffice/assessment/stages/{longlist.pk}/agreement/")
    assert "Krippendorff" in page.inner_text("#alpha")
    assert "Expert Member" in page.inner_text("#deviations")
    page.goto(
        f"{live_server.url}/backoffice/assessment/stages/{longlist.pk}/candidates/{applications[1].pk}/consensus/"
    )
    page.click("#record-consensus")
    page.wait_for_selector("#side-by-side")
    context.close()

    # The recruiter confirms the longlist, imports test results (a bad file first), confirms the shortlist.
    context, page = log_in(browser, live_server, recruiter.email)
    page.goto(f"{live_server.url}/backoffice/assessment/stages/{longlist.pk}/ranking/")
    page.click("#confirm-ranking")
    page.wait_for_selector(".messages")
    longlisted = list(Application.objects.filter(vacancy=vacancy, status=S.LONGLISTED).order_by("pk"))
    assert longlisted == applications[:2]
    codes = [a.candidate_code for a in longlisted]
    header = "code,test,score,maximum,date\n"
    bad = header + "".join(
        f"{code},Pre-selection test,80,100,2027-01-10\n" for code in (codes[0], "C-NOBODY00")
    )
    page.goto(f"{assessment}results/")
    page.set_input_files(
        "input[name=file]", {"name": "bad.csv", "mimeType": "text/csv", "buffer": bad.encode()}
    )
    page.click("#import button[type=submit]")
    assert "nothing was imported" in page.inner_text("#refused")
    good = "".join(
        f"{code},Pre-selection test,{points},100,2027-01-10\n"
        for code, points in zip(codes, (80, 70), strict=True)
    )
    good = header + good
    page.set_input_files(
        "input[name=file]", {"name": "good.csv", "mimeType": "text/csv", "buffer": good.encode()}
    )
    page.click("#import button[type=submit]")
    assert "2 new" in page.inner_text(".messages")
    shortlist = Stage.objects.get(vacancy=vacancy, key="shortlist")
    page.goto(f"{live_server.url}/backoffice/assessment/stages/{shortlist.pk}/ranking/")
    page.click("#confirm-ranking")
    page.wait_for_selector(".messages")
    assert set(Application.objects.filter(vacancy=vacancy, status=S.SHORTLISTED)) == set(longlisted)

    # Slots for the final interviews; both shortlisted candidates are invited.
    final = Stage.objects.get(vacancy=vacancy, key="final")
    day = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    page.goto(f"{live_server.url}/backoffice/assessment/stages/{final.pk}/slots/")
    for time in ("09:30", "11:00"):
        page.fill("input[name=date]", day)
        page.fill("input[name=time]", time)
        page.fill("input[name=place]", "NATO HQ, Brussels")
        page.click("#open-slot button[type=submit]")
        page.wait_for_selector(".messages")
    page.click("#invite-submit")
    page.wait_for_selector(".messages")
    context.close()

    # Each candidate books a slot in the portal and downloads the calendar file.
    for application in longlisted:
        context, page = log_in(browser, live_server, application.candidate.user.email)
        page.goto(f"{live_server.url}/applications/{application.pk}/")
        page.click("#slots-link")
        page.check("input[name=slot] >> nth=0")
        page.click("button.book")
        page.wait_for_selector("a.ics")
        with page.expect_download() as info:
            page.click("a.ics")
        calendar = Calendar.from_ical(Path(info.value.path()).read_bytes())
        (event,) = calendar.walk("VEVENT")
        assert str(calendar["METHOD"]) == "REQUEST" and "NATO HQ" in str(event["LOCATION"])
        context.close()
    booked = Invitation.objects.filter(stage=final, status="booked")
    assert booked.count() == 2 and len({i.slot_id for i in booked}) == 2
