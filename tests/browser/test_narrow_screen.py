"""At 390 px (a phone held upright) the back-office lists scroll inside their own box, never the page."""

from __future__ import annotations

import pytest

from concours.accounts.models import Role
from concours.applications.models import Application
from concours.applications.services import application_submit
from factories import ApplicationFactory, ProfileFactory, VacancyFactory, cv_upload, make_user
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390


def test_back_office_lists_scroll_in_their_own_box(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(title="Head, Armaments Cooperation and Interoperability Section")
    for status in (Application.Status.SUBMITTED, Application.Status.SCREENED_IN):
        ApplicationFactory(
            vacancy=vacancy, status=status, candidate__name="Maximiliane Wiśniewska-Oberhausen"
        )
    recruiter = make_user(Role.RECRUITER)
    context = browser.new_context(locale="en-GB", viewport={"width": WIDTH, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, recruiter.email)
    for path in ("/backoffice/", f"/backoffice/vacancies/{vacancy.pk}/"):
        page.goto(live_server.url + path)
        assert page.locator("table").count() > 0, path
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, path
        # The table's box is a named region a keyboard can reach and scroll.
        region = page.locator("table").first.locator("xpath=..")
        assert region.get_attribute("role") == "region", path
        assert region.get_attribute("tabindex") == "0", path
        assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label"), path
        assert page.evaluate("(el) => el.scrollWidth > el.clientWidth", region.element_handle()), path
    context.close()


def test_any_other_table_gets_its_own_box_too(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    """Tables whose template has no box (here the candidate's list of applications) get one from
    static/tables.js: a named region the keyboard reaches while the table is wider than the screen."""
    candidate = ProfileFactory()
    for title in ("Head, Armaments Cooperation and Interoperability Section", "Data Protection Officer"):
        application_submit(
            candidate=candidate,
            vacancy=VacancyFactory(title=title),
            cv=cv_upload(),
            essay=None,
            actor=candidate.user,
        )
    context = browser.new_context(locale="en-GB", viewport={"width": WIDTH, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, candidate.user.email)
    page.goto(f"{live_server.url}/applications/")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    box = page.locator("main table").first.locator("xpath=..")
    assert box.get_attribute("class") == "table-scroll"
    assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
    assert box.get_attribute("aria-label")
    # Wide enough, the same table needs no box to scroll: no extra stop for the keyboard.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("!document.querySelector('main .table-scroll').hasAttribute('tabindex')")
    context.close()
