"""A candidate's first day, in a real browser (issue 12): register, a profile with one language only,
apply (a draft first, finished later), withdraw with a confirmation, and apply again."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from concours.applications.models import Application
from concours.candidates.models import CandidateProfile
from factories import PDF_BYTES, VacancyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def chosen(page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The nationalities shown as chosen: each chip's code and name (without its remove button)."""
    return [
        (value, text.split("\n")[0].rstrip("×"))
        for value, text in page.locator(".ts-control .item").evaluate_all(
            "items => items.map(item => [item.dataset.value, item.innerText])"
        )
    ]


def test_a_candidates_first_day(browser, live_server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every step works as a newcomer expects it to, and no page breaks the Content Security Policy."""
    vacancy = VacancyFactory(
        title="Executive Assistant",
        reference="260201",
        notice={"organisation": "NATO", "title": "Executive Assistant", "reference": "260201", "essay": None},
    )
    cv = tmp_path / "Joana Pereira CV.pdf"
    cv.write_bytes(PDF_BYTES)

    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: blocked.append(str(error)))

    # Register, and confirm the address with the link from the mail.
    page.goto(f"{live_server.url}/accounts/signup/")
    page.fill("input[name=email]", "joana.pereira@example.org")
    page.fill("input[name=password1]", "Tagus-river-2026")
    page.fill("input[name=password2]", "Tagus-river-2026")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    page.goto(re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    # The profile: a name, a nationality picked by searching, one language. A level off its scale is
    # refused first; lines are added in the page, and an untouched one is ignored.
    page.goto(f"{live_server.url}/profile/")
    page.fill("#id_name", "Joana Pereira")
    nationalities = page.get_by_role("combobox", name="Nationalities")  # the search box, named by the label
    nationalities.click()
    page.keyboard.type("portu")
    page.keyboard.press("Enter")
    assert chosen(page) == [("PT", "Portugal")]
    page.select_option("#id_lang-0-language", "en")
    page.fill("#id_lang-0-level", "B2")
    page.click("#exp button.add-row")
    assert page.locator("#exp .formrow").count() == 2
    assert page.evaluate("document.activeElement.id") == "id_exp-1-title"
    page.click("#profile-form button.primary")
    assert "“B2” is not a level of the NATO (I-VI) scale" in page.inner_text("#lang")
    # The page comes back with what was typed, the chosen nationality still shown.
    assert chosen(page) == [("PT", "Portugal")]
    page.fill("#id_lang-0-level", "vi")
    page.click("#profile-form button.primary")
    page.wait_for_selector("text=Your profile has been saved.")
    page.goto(f"{live_server.url}/profile/")
    profile = CandidateProfile.objects.get(user__email="joana.pereira@example.org")
    assert profile.nationalities == ["PT"]
    assert list(profile.languages.values_list("language", "scale", "level")) == [("en", "NATO", "VI")]
    assert (profile.education.count(), profile.experience.count()) == (0, 0)

    # Apply: the CV kept in a draft, the application finished in a later sitting.
    page.goto(f"{live_server.url}/vacancies/{vacancy.pk}/")
    page.click("#apply")
    assert page.locator("#id_essay").count() == 0  # this notice asks for no essay
    page.set_input_files("#id_cv", str(cv))
    page.click("#save-draft")
    page.wait_for_selector("text=Your draft has been saved.")
    page.goto(f"{live_server.url}/vacancies/{vacancy.pk}/")
    page.click("#apply")
    assert "Joana Pereira CV.pdf" in page.inner_text("#draft")
    page.check("#id_confirm")
    page.click("#apply-form button.primary")
    assert page.inner_text("#application-status") == "Submitted"

    # Withdraw: a confirmation page, a reason.
    page.click("#withdraw")
    assert page.inner_text("h1") == "Withdraw my application"
    page.fill("#id_reason", "I was offered another post.")
    page.click("#confirm-withdraw")
    assert page.inner_text("#application-status") == "Withdrawn"

    # Apply again, before the deadline: a new application.
    page.click("#apply-again a")
    page.set_input_files("#id_cv", str(cv))
    page.check("#id_confirm")
    page.click("#apply-form button.primary")
    assert page.inner_text("#application-status") == "Submitted"
    states = sorted(Application.objects.filter(vacancy=vacancy).values_list("status", flat=True))
    assert states == [Application.Status.SUBMITTED, Application.Status.WITHDRAWN]
    assert blocked == []
    context.close()
