"""Experience claimed per requirement and screening questions in a real Chromium (issue 12): a recruiter
adds a knock-out question; the candidate applies with a claim per requirement (a draft first, finished in
a later sitting) and answers it; the recruiter corrects a claim and screening runs again. axe-core checks
each page."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from claims_scenario import assistant_profile, assistant_vacancy, keys
from concours.accounts.models import Role
from concours.applications.models import Application, ExperienceClaim
from concours.screening.models import Verdict
from concours.vacancies.models import ScreeningQuestion
from factories import PDF_BYTES, make_user
from signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAILING_IMPACTS = {"critical", "serious", "moderate"}


def violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{violation['id']} ({violation['impact']})"
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


def log_in(browser, live_server, email: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, email)
    return context, page


def test_a_claim_per_requirement_from_apply_to_the_recruiters_correction(
    browser, live_server, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    profile, first, senior, clerk = assistant_profile()
    assistant, administration = keys(vacancy)
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(PDF_BYTES)
    recruiter = make_user(Role.RECRUITER, name="Rita Recruiter")

    # The recruiter adds a knock-out question before anyone applies.
    context, page = log_in(browser, live_server, recruiter.email)
    page.goto(live_server.url + reverse("backoffice:vacancy", args=[vacancy.pk]))
    page.click("#questions-link")
    page.fill("#id_text", "Do you hold a valid NATO SECRET clearance?")
    page.fill("#id_text_fr", "Détenez-vous une habilitation NATO SECRET valide\u00a0?")
    page.check("#id_kind_0")  # yes or no
    page.check("#id_knockout")
    page.select_option("#id_required_yes", "yes")
    page.click("#question-form button.primary")
    page.wait_for_selector("text=The question was added.")
    assert violations(page) == []
    question = ScreeningQuestion.objects.get(vacancy=vacancy)
    context.close()

    # The candidate: tags ticked nothing for the assistant requirement, the clerk's post for the other.
    context, page = log_in(browser, live_server, profile.user.email)
    page.goto(live_server.url + reverse("applications:apply", args=[vacancy.pk]))
    assert page.locator(f"input[name='claim-{assistant}']:checked").count() == 0
    assert page.is_checked(f"input[name='claim-{administration}'][value='{clerk.pk}']")
    assert violations(page) == []
    page.check(f"input[name='claim-{assistant}'][value='{senior.pk}']")
    page.fill(f"#id_sentence-{assistant}", "I ran the diary and mail of the Secretary-General.")
    page.set_input_files("#id_cv", str(cv))
    page.click("#save-draft")
    page.wait_for_selector("text=Your draft has been saved.")

    # A later sitting: the ticks and the sentence are still there; the candidate adds the first post.
    page.goto(live_server.url + reverse("applications:apply", args=[vacancy.pk]))
    assert page.is_checked(f"input[name='claim-{assistant}'][value='{senior.pk}']")
    assert (
        page.input_value(f"#id_sentence-{assistant}") == "I ran the diary and mail of the Secretary-General."
    )
    page.check(f"input[name='claim-{assistant}'][value='{first.pk}']")
    page.check("#id_confirm")
    page.click("#apply-form button.primary")  # the question is not answered yet: refused
    assert page.locator("#apply-form").is_visible()
    assert not Application.objects.filter(vacancy=vacancy, status=Application.Status.SUBMITTED).exists()
    page.check(f"#id_question-{question.pk}_0")  # yes
    page.check("#id_confirm")
    page.click("#apply-form button.primary")
    assert page.inner_text("#application-status") == "Submitted"
    context.close()

    application = Application.objects.get(vacancy=vacancy, status=Application.Status.SUBMITTED)
    claims = {claim.requirement_key: claim.posts for claim in application.claims.all()}
    assert claims == {assistant: [1, 2], administration: [0]}
    verdict = Verdict.objects.get(application=application)
    assert verdict.eligible == "yes"

    # The recruiter reads the claims beside the posts and counts the clerk's post out of the second one.
    context, page = log_in(browser, live_server, recruiter.email)
    page.goto(live_server.url + reverse("backoffice:application", args=[application.pk]))
    claim = ExperienceClaim.objects.get(application=application, requirement_key=administration)
    section = page.locator(f"#claim-{claim.pk}")
    assert "Registry clerk" in section.inner_text()
    assert "the candidate's claim (1 post)" in page.inner_text("#verdict")
    assert violations(page) == []
    section.locator("input[value='0']").uncheck()
    section.locator("textarea").fill("The OSCE is neither a national administration nor, here, relevant.")
    section.locator("button[type=submit]").click()
    page.wait_for_selector("text=Your review of the claim is recorded")
    assert re.search(r"Corrected by Rita Recruiter", page.locator(f"#claim-{claim.pk}").inner_text())
    assert "Not eligible" in page.inner_text("#verdict")
    assert Verdict.objects.get(application=application).eligible == "no"
    context.close()
