"""The assessment competition (tests/browser/test_assessment_flow.py, carried to its last stage by
tests/selection_scenario.py) to its end in a real browser: the recruiter draws up the recommendation
(one selected candidate per post, two on the reserve list), the appointing authority returns it once
with comments and approves it when resubmitted, the selection report downloads and names both posts
and the decisions; a later vacancy of a lower grade is offered to a reserve candidate, who accepts it
in the portal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from concours.applications.models import Application
from concours.selection.models import Recommendation, ReserveEntry, ReserveOffer
from selection_scenario import build_ending, later_vacancy
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = Application.Status


def log_in(browser, live_server, email: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    page = context.new_page()
    sign_in(page, live_server.url, email)
    return context, page


def test_the_competition_ends_and_its_reserve_list_is_drawn_on(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    ending = build_ending()
    vacancy = ending.vacancy
    first, second, third, fourth = ending.applications
    one, two = vacancy.posts.order_by("id")
    selection = f"{live_server.url}/backoffice/vacancies/{vacancy.pk}/selection/"

    # The recruiter draws up the recommendation from the vacancy's page and submits it.
    context, page = log_in(browser, live_server, ending.recruiter.email)
    page.goto(f"{live_server.url}/backoffice/vacancies/{vacancy.pk}/")
    page.click("#selection-link")
    page.click("#draw-recommendation")
    page.wait_for_selector("#recommendation")
    for application, choice, reason in (
        (first, f"post_{one.pk}", "First in the final ranking."),
        (second, f"post_{two.pk}", "Second in the final ranking."),
        (third, "reserve", "Suitable: third in the ranking."),
        (fourth, "reserve", "Suitable: fourth in the ranking."),
    ):
        page.select_option(f"select[name=decision_{application.pk}]", choice)
        page.fill(f"textarea[name=reason_{application.pk}]", reason)
    page.click("#submit-recommendation")
    page.wait_for_selector("#recommendation-status:has-text('Submitted')")
    context.close()
    assert set(Application.objects.filter(vacancy=vacancy).values_list("status", flat=True)) == {
        S.SHORTLISTED
    }

    # The appointing authority finds it in their inbox and returns it with comments.
    context, page = log_in(browser, live_server, ending.authority.email)
    page.click("#selection-inbox-link")
    page.click(f"#waiting a:has-text('{vacancy.reference}')")
    assert first.candidate.name in page.inner_text("#decisions")
    page.fill("#comments", "Say why the second candidate suits the second post better than the third.")
    page.click("#return")
    page.wait_for_selector("#recommendation-status:has-text('Returned')")
    context.close()

    # The recruiter reads the comments, revises the reason and submits again.
    context, page = log_in(browser, live_server, ending.recruiter.email)
    page.goto(selection)
    assert "suits the second post" in page.inner_text("#reviews")
    page.fill(f"textarea[name=reason_{second.pk}]", "Second; stronger in procurement, which the post needs.")
    page.click("#submit-recommendation")
    page.wait_for_selector("#recommendation-status:has-text('Submitted')")
    context.close()

    # The authority approves: the candidates move only now.
    context, page = log_in(browser, live_server, ending.authority.email)
    recommendation = Recommendation.objects.get(vacancy=vacancy)
    page.goto(f"{live_server.url}/backoffice/selection/recommendations/{recommendation.pk}/")
    page.click("#approve")
    page.wait_for_selector("#recommendation-status:has-text('Approved')")
    statuses = [Application.objects.get(pk=a.pk).status for a in ending.applications]
    assert statuses == [S.SELECTED, S.SELECTED, S.RESERVE, S.RESERVE]
    assert ReserveEntry.objects.count() == 2
    assert list(recommendation.reviews.values_list("outcome", flat=True)) == ["returned", "approved"]

    # The selection report downloads and names both posts and the decisions.
    page.goto(f"{live_server.url}/backoffice/vacancies/{vacancy.pk}/selection/reports/")
    page.check("input[name=language][value=en]")
    page.click("#make-report button[type=submit]")
    page.wait_for_selector("#reports a")
    with page.expect_download() as info:
        page.click("#reports a")
    text = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(io.BytesIO(Path(info.value.path()).read_bytes())).pages
    )
    for name in (str(one), str(two), "First in the final ranking.", "Suitable: third in the ranking."):
        assert " ".join(name.split()) in text, name
    context.close()

    # A later vacancy at a lower grade: the recruiter offers its post to the third candidate.
    later = later_vacancy(ending, grade="G15")
    entry = ReserveEntry.objects.get(application=third)
    context, page = log_in(browser, live_server, ending.recruiter.email)
    page.goto(f"{live_server.url}/backoffice/vacancies/{later.pk}/")
    page.click("#reserve-link")
    assert fourth.candidate.name in page.inner_text("#reserve")
    page.click(f"#entry-{entry.pk} button[type=submit]")
    page.wait_for_selector("#offers .offer-state:has-text('Offered')")
    context.close()

    # The candidate accepts it in the portal.
    context, page = log_in(browser, live_server, third.candidate.user.email)
    page.goto(f"{live_server.url}/applications/")
    page.click("#offers-link")
    page.click(f"#offers a:has-text('{later.posts.get().title}')")
    page.click("#accept-offer")
    page.wait_for_selector(".messages")
    context.close()
    offer = ReserveOffer.objects.get()
    assert offer.state == ReserveOffer.State.ACCEPTED
    assert offer.application.vacancy == later and offer.application.status == S.SELECTED
    assert ReserveEntry.objects.get(pk=entry.pk).state == ReserveEntry.State.APPOINTED
