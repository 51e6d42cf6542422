"""Applying with experience claimed per requirement and answers to the screening questions (issue 12)."""

from __future__ import annotations

import re

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from claims_scenario import (
    assistant_profile,
    assistant_vacancy,
    clearance_question,
    keys,
    submit_with_claims,
    years_question,
)
from concours.applications.claims import ClaimInput
from concours.applications.models import Application, ExperienceClaim, ScreeningAnswer
from concours.core.errors import DomainError
from concours.screening.models import Verdict
from concours.vacancies.models import Vacancy
from factories import PDF_BYTES, ProfileFactory

pytestmark = pytest.mark.django_db


def cv() -> SimpleUploadedFile:
    return SimpleUploadedFile("cv.pdf", PDF_BYTES, content_type="application/pdf")


def form_data(vacancy, ticks: dict[str, list[int]], sentences: dict[str, str] | None = None, **extra):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {"seen": " ".join(keys(vacancy)), "confirm": "on", "cv": cv()}
    for key, pks in ticks.items():
        data[f"claim-{key}"] = [str(pk) for pk in pks]
    for key, text in (sentences or {}).items():
        data[f"sentence-{key}"] = text
    data.update(extra)
    return data


def ticked(response, key: str) -> set[str]:  # type: ignore[no-untyped-def]
    page = lxml.html.fromstring(response.content)
    return set(page.xpath(f"//input[@name='claim-{key}' and @checked]/@value"))


def test_the_page_asks_for_posts_per_requirement_with_tags_only_ticking_in_advance(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    question = clearance_question(vacancy)
    profile, first, senior, clerk = assistant_profile()
    client.force_login(profile.user)
    response = client.get(reverse("applications:apply", args=[vacancy.pk]))
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    legends = [
        " ".join(legend.text_content().split()) for legend in page.xpath("//fieldset[@class='claim']/legend")
    ]
    assert legends == [
        "At least 5 years of experience: assistant in a senior manager's office",
        "At least 2 years of experience: national administration or an international organisation",
    ]
    assistant, administration = keys(vacancy)
    boxes = page.xpath(f"//input[@name='claim-{assistant}']/@value")
    assert sorted(boxes) == sorted(str(post.pk) for post in (first, senior, clerk))
    assert ticked(response, assistant) == set()  # no tag says "assistant": nothing ticked
    assert ticked(response, administration) == {str(clerk.pk)}  # the tag "international organisation"
    label = "Executive assistant to the Secretary-General, Ministry of Foreign Affairs"
    assert f"{label} (January 2015 – December 2019, 50%)" in response.content.decode()
    assert page.xpath(f"//fieldset[@id='id_question-{question.pk}']/legend/text()") == [
        "Do you hold a valid NATO SECRET clearance?"
    ]


def test_applying_keeps_the_claims_and_answers_and_screening_counts_the_claimed_posts(client) -> None:  # type: ignore[no-untyped-def]
    """The bug: ten years of assistant work at a ministry were 'not met' by tags."""
    vacancy = assistant_vacancy()
    question = clearance_question(vacancy)
    number = years_question(vacancy)
    profile, first, senior, clerk = assistant_profile()
    assistant, administration = keys(vacancy)
    client.force_login(profile.user)
    data = form_data(
        vacancy,
        {assistant: [first.pk, senior.pk], administration: [first.pk, senior.pk, clerk.pk]},
        {assistant: "I ran the diary and correspondence of two heads of the ministry."},
        **{f"question-{question.pk}": "yes", f"question-{number.pk}": "12"},
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("applications:apply", args=[vacancy.pk]), data)
    assert response.status_code == 302, response.content.decode()
    application = Application.objects.get(candidate=profile, vacancy=vacancy)
    assert application.status == Application.Status.SUBMITTED
    claims = {claim.requirement_key: claim for claim in application.claims.all()}
    # Positions in the profile as submitted: clerk 0, senior post 1, first post 2.
    assert (claims[assistant].posts, claims[administration].posts) == ([1, 2], [0, 1, 2])
    assert claims[assistant].sentence == "I ran the diary and correspondence of two heads of the ministry."
    snapshot_titles = [post["title"] for post in application.profile_snapshot["experience"]]
    assert [snapshot_titles[i] for i in claims[assistant].posts] == [senior.title, first.title]
    answers = {answer.question_id: answer.value for answer in application.answers.all()}
    assert answers == {question.pk: True, number.pk: 12.0}
    verdict = Verdict.objects.get(application=application)
    experience = [check for check in verdict.checks if check["criterion"] == "experience"]
    assert [check["code"] for check in experience] == ["experience.pass_claimed", "experience.pass_claimed"]
    assert experience[0]["params"]["years"] == 7.5  # five years full time, five at half time
    assert verdict.eligible == "yes"


def test_a_missing_answer_refuses_the_submission_and_saves_nothing(client, media_files) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    clearance_question(vacancy)
    profile, first, _senior, _clerk = assistant_profile()
    assistant, _administration = keys(vacancy)
    client.force_login(profile.user)
    response = client.post(
        reverse("applications:apply", args=[vacancy.pk]), form_data(vacancy, {assistant: [first.pk]})
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Application.objects.filter(vacancy=vacancy).exists()
    assert not ExperienceClaim.objects.exists() and not ScreeningAnswer.objects.exists()
    assert media_files() == []


def test_the_service_refuses_a_missing_answer_whatever_the_form(client) -> None:  # type: ignore[no-untyped-def]
    """The page is not the only guard: a submission without the answer is refused by the service."""
    vacancy = assistant_vacancy()
    clearance_question(vacancy)
    profile, first, *_rest = assistant_profile()
    with pytest.raises(DomainError, match="Answer every screening question"):
        submit_with_claims(profile, vacancy, [ClaimInput(keys(vacancy)[0], (first.pk,))], answers={})
    assert not Application.objects.filter(vacancy=vacancy).exists()
    assert not ExperienceClaim.objects.exists()


def test_a_knock_out_answer_makes_the_candidate_not_eligible_with_the_reason(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    question = clearance_question(vacancy)
    profile, first, senior, clerk = assistant_profile()
    assistant, administration = keys(vacancy)
    client.force_login(profile.user)
    data = form_data(
        vacancy,
        {assistant: [first.pk, senior.pk], administration: [clerk.pk]},
        **{f"question-{question.pk}": "no"},
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("applications:apply", args=[vacancy.pk]), data)
    verdict = Verdict.objects.get(application__vacancy=vacancy)
    assert verdict.eligible == "no"
    (knockout,) = [check for check in verdict.checks if check["criterion"] == "question"]
    assert (knockout["result"], knockout["code"]) == ("fail", "question.fail")


def test_a_draft_keeps_the_ticks_the_sentence_and_the_answers_between_sittings(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    question = clearance_question(vacancy)
    profile, _first, senior, _clerk = assistant_profile()
    assistant, administration = keys(vacancy)
    client.force_login(profile.user)
    data = form_data(
        vacancy,
        {assistant: [senior.pk], administration: []},
        {assistant: "Diary of the Secretary-General."},
        save_draft="1",
        **{f"question-{question.pk}": "yes"},
    )
    del data["confirm"]
    response = client.post(reverse("applications:apply", args=[vacancy.pk]), data)
    assert response.status_code == 302
    draft = Application.objects.get(vacancy=vacancy)
    assert draft.status == Application.Status.DRAFT
    later = client.get(reverse("applications:apply", args=[vacancy.pk]))
    assert ticked(later, assistant) == {str(senior.pk)}
    # Unticked by the candidate: the tag's guess does not come back.
    assert ticked(later, administration) == set()
    page = lxml.html.fromstring(later.content)
    assert page.xpath(f"//input[@name='sentence-{assistant}']/@value") == ["Diary of the Secretary-General."]
    assert page.xpath(f"//input[@name='question-{question.pk}' and @checked]/@value") == ["yes"]

    # Submitted in a later sitting without touching the claims: the draft's claims are submitted.
    finish = form_data(
        vacancy,
        {assistant: [senior.pk], administration: []},
        {assistant: "Diary of the Secretary-General."},
        **{f"question-{question.pk}": "yes"},
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(reverse("applications:apply", args=[vacancy.pk]), finish).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    claims = {claim.requirement_key: claim for claim in draft.claims.all()}
    assert (claims[assistant].posts, claims[administration].posts) == ([1], [])
    codes = [
        c["code"] for c in Verdict.objects.get(application=draft).checks if c["criterion"] == "experience"
    ]
    # Half-time for five years: claimed but short; nothing ticked: not claimed.
    assert codes == ["experience.fail_claimed", "experience.not_claimed"]


def test_claims_for_requirements_the_notice_no_longer_has_are_refused(client) -> None:  # type: ignore[no-untyped-def]
    """The notice was edited while the candidate applied: nothing is kept for requirements they never read."""
    vacancy = assistant_vacancy()
    profile, first, *_rest = assistant_profile()
    client.force_login(profile.user)
    data = form_data(vacancy, {keys(vacancy)[0]: [first.pk]})
    vacancy.notice = {
        **vacancy.notice,
        "experience": [{"min_years": 7, "max_years": None, "of": "office work"}],
    }
    vacancy.save()
    response = client.post(reverse("applications:apply", args=[vacancy.pk]), data)
    assert response.status_code == 200
    assert "has changed while you were applying" in response.content.decode()
    assert not Application.objects.filter(vacancy=vacancy).exists()


def test_another_candidates_post_cannot_be_claimed(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    profile, *_posts = assistant_profile()
    _other, stranger, *_others = assistant_profile()
    client.force_login(profile.user)
    data = form_data(vacancy, {keys(vacancy)[0]: [stranger.pk]})
    response = client.post(reverse("applications:apply", args=[vacancy.pk]), data)
    assert response.status_code == 200  # not one of the choices offered
    assert not Application.objects.filter(vacancy=vacancy).exists()


def in_french(vacancy: Vacancy) -> None:
    """The vacancy's French notice, wording its two experience requirements in French."""
    vacancy.notice_fr = {
        "experience": [
            {"min_years": 5, "max_years": None, "of": "assistanat dans le bureau d’un haut responsable"},
            {
                "min_years": 2,
                "max_years": None,
                "of": "administration nationale ou organisation internationale",
            },
        ]
    }
    vacancy.save()


def test_the_page_is_in_french_with_the_requirements_of_the_french_notice(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    in_french(vacancy)
    question = clearance_question(vacancy)
    profile, *_posts = assistant_profile()
    client.force_login(profile.user)
    response = client.get(reverse("applications:apply", args=[vacancy.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    text = response.content.decode()
    assert "Votre expérience, exigence par exigence" in text
    page = lxml.html.fromstring(response.content)
    legends = [
        re.sub(r"[ \t\n]+", " ", item.text_content()).strip() for item in page.xpath("//fieldset/legend")
    ]
    assert (
        legends[0]
        == "Au moins 5\u00a0ans d’expérience\u00a0: assistanat dans le bureau d’un haut responsable"
    )
    assert page.xpath("//fieldset[@class='claim']/legend/span/@lang") == ["fr", "fr"]
    assert "Détenez-vous une habilitation NATO SECRET valide\u00a0?" in text
    assert question.text not in text


def test_a_requirement_the_french_notice_lacks_is_shown_in_english_marked_so(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    profile, *_posts = assistant_profile()
    client.force_login(profile.user)
    response = client.get(reverse("applications:apply", args=[vacancy.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    page = lxml.html.fromstring(response.content)
    (span, _other) = page.xpath("//fieldset[@class='claim']/legend/span")
    assert (span.get("lang"), span.text) == ("en", "assistant in a senior manager's office")


def test_the_gaps_before_applying_quote_the_french_notices_requirement(client) -> None:  # type: ignore[no-untyped-def]
    """What the profile does not show quotes each experience requirement as the French notice words it,
    like the claims beside it, not the English notice's words."""
    vacancy = assistant_vacancy()
    english = str(vacancy.notice["experience"][0]["of"])
    in_french(vacancy)
    profile = ProfileFactory(nationalities=["PT"])
    client.force_login(profile.user)
    response = client.get(reverse("applications:apply", args=[vacancy.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    text = re.sub(r"[ \t\n]+", " ", lxml.html.fromstring(response.content).text_content())
    assert "d'expérience (« assistanat dans le bureau d’un haut responsable »)" in text.replace("\u00a0", " ")
    assert f"« {english} »" not in text.replace("\u00a0", " ")
