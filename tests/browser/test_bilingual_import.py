"""A recruiter imports the English then the French notice of one vacancy in a real browser, publishes
it, and a French reader reads it in French, with its deadline written out and French spacing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from bilingual_notices import ENGLISH, FRENCH
from concours.accounts.models import Role
from concours.vacancies.models import Vacancy
from factories import make_user
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FAILING_IMPACTS = {"critical", "serious", "moderate"}


def test_a_recruiter_imports_both_notices_and_a_french_reader_reads_french(  # type: ignore[no-untyped-def]
    browser, live_server, tmp_path
) -> None:
    # The notices' deadline a few years ahead, so that the vacancy can be published whatever today is.
    year = str(dt.date.today().year + 3)
    (tmp_path / "notice-en.txt").write_text(ENGLISH.replace("2027", year), encoding="utf-8")
    (tmp_path / "avis-fr.txt").write_text(FRENCH.replace("2027", year), encoding="utf-8")
    recruiter = make_user(Role.RECRUITER, name="Ana Ferreira")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server.url, recruiter.email)

    # The English notice makes the draft; the French one, sent afterwards, fills its French version.
    for name, action in (("notice-en.txt", "created"), ("avis-fr.txt", "updated")):
        page.goto(f"{live_server.url}/backoffice/notices/import/")
        page.set_input_files("#import-form input[type=file]", str(tmp_path / name))
        page.click("#import-form button[type=submit]")
        report = page.inner_text("#import-report")
        assert name in report and action in report, report
    vacancy = Vacancy.objects.get()
    assert vacancy.notice_fr["key_challenges"][0].startswith("rédiger des analyses")

    # The review page shows both versions side by side; save and publish.
    page.goto(f"{live_server.url}/backoffice/vacancies/{vacancy.pk}/review/")
    versions = page.inner_text("#notice-versions")
    assert "drafting analyses" in versions and "rédiger des analyses" in versions
    page.click("#save-and-publish")
    page.wait_for_load_state()
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED, page.inner_text("main")[:1500]
    context.close()

    # A French reader, not signed in.
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/vacancies/{vacancy.pk}/")
    assert page.inner_text("h1") == "Chargé(e) de politique (maîtrise des armements)"
    assert "rédiger des analyses" in page.inner_text("#key_challenges")
    deadline = page.inner_text("#deadline")
    assert re.fullmatch(rf"15 janvier {year}, 23\s?h\s?59 \(heure de Bruxelles\)", deadline), deadline
    assert "\u00a0h\u00a0" in page.locator("#deadline").text_content()  # type: ignore[operator]
    violations = [
        (violation["id"], violation["impact"])
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]
    assert not violations, violations
    context.close()
