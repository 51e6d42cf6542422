"""The recruiter sees each claim beside the posts and confirms or corrects it; panels and hiring managers
never see claims (they carry employers and dates), and the wrong roles are refused (issue 12)."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from claims_scenario import (
    assistant_profile,
    assistant_vacancy,
    clearance_question,
    keys,
    submit_with_claims,
)
from concours.accounts.models import Role
from concours.applications.claims import ClaimInput
from concours.applications.models import Application, ExperienceClaim
from concours.core.audit import audit_events_for
from concours.core.models import AuditEventType
from concours.screening.models import Verdict
from factories import AssignmentFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claimed() -> tuple[Application, ExperienceClaim]:
    """Applied with the ministry's half-time post alone for the assistant requirement (short), the clerk
    for the administration one, and "yes" to the clearance question."""
    vacancy = assistant_vacancy()
    question = clearance_question(vacancy)
    profile, _first, senior, clerk = assistant_profile()
    assistant, administration = keys(vacancy)
    application = submit_with_claims(
        profile,
        vacancy,
        [
            ClaimInput(assistant, (senior.pk,), "I kept the diary of the Secretary-General."),
            ClaimInput(administration, (clerk.pk,)),
        ],
        answers={question.pk: True},
    )
    application.vacancy.applications.update(status=Application.Status.SCREENED_IN)
    return application, ExperienceClaim.objects.get(application=application, requirement_key=assistant)


def review_data(claim: ExperienceClaim, posts: list[int], note: str = "", seen: str | None = None) -> dict:  # type: ignore[type-arg]
    prefix = f"claim{claim.pk}"
    return {
        f"{prefix}-posts": [str(p) for p in posts],
        f"{prefix}-note": note,
        f"{prefix}-seen": seen or claim.revision,
    }


def test_the_recruiter_sees_each_claim_beside_the_posts_and_the_answers(client, claimed) -> None:  # type: ignore[no-untyped-def]
    application, claim = claimed
    client.force_login(make_user(Role.RECRUITER))
    response = client.get(reverse("backoffice:application", args=[application.pk]))
    page = lxml.html.fromstring(response.content)
    (section,) = page.xpath(f"//section[@id='claim-{claim.pk}']")
    text = " ".join(section.text_content().split())
    assert "At least 5 years of experience: assistant in a senior manager's office" in text
    assert "“I kept the diary of the Secretary-General.”" in text
    rows = section.xpath(".//tbody/tr")
    assert [" ".join(row.xpath("./td[2]")[0].text_content().split()) for row in rows] == [
        "Registry clerk",
        "Executive assistant to the Secretary-General",
        "Assistant to the Director-General",
    ]
    # The claimed post is ticked as counting; the others are not.
    assert section.xpath(".//input[@type='checkbox' and @checked]/@value") == ["1"]
    assert "Ministry of Foreign Affairs" in text and "January 2015" in text
    answers = " ".join(page.xpath("//div[@id='answers']")[0].text_content().split())
    assert "Do you hold a valid NATO SECRET clearance? Yes met" in answers


def test_a_correction_is_recorded_audited_and_screening_runs_again(client, claimed) -> None:  # type: ignore[no-untyped-def]
    application, claim = claimed
    assert Verdict.objects.get(application=application).eligible == "no"
    recruiter = make_user(Role.RECRUITER)
    client.force_login(recruiter)
    data = review_data(claim, [1, 2], "The first post at the ministry was assistant work too.")
    response = client.post(reverse("backoffice:claim_review", args=[claim.pk]), data, follow=True)
    assert "Your review of the claim is recorded" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.review, claim.reviewed_posts, claim.reviewed_by) == ("corrected", [1, 2], recruiter)
    assert Verdict.objects.get(application=application).eligible == "yes"
    assert audit_events_for(application).filter(event_type=AuditEventType.CLAIM_REVIEWED).count() == 1
    page = lxml.html.fromstring(response.content)
    assert page.xpath(f"//section[@id='claim-{claim.pk}']//input[@checked]/@value") == ["1", "2"]
    assert "Corrected by" in page.xpath(f"//section[@id='claim-{claim.pk}']")[0].text_content()


def test_a_stale_review_is_refused_with_a_message_and_changes_nothing(client, claimed) -> None:  # type: ignore[no-untyped-def]
    application, claim = claimed
    seen = claim.revision
    client.force_login(make_user(Role.RECRUITER))
    client.post(reverse("backoffice:claim_review", args=[claim.pk]), review_data(claim, [1], seen=seen))
    other = make_user(Role.RECRUITER)
    client.force_login(other)
    data = review_data(claim, [0, 1, 2], "Everything counts.", seen=seen)
    response = client.post(reverse("backoffice:claim_review", args=[claim.pk]), data, follow=True)
    assert "your review was not recorded" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.review, claim.reviewed_posts) == ("confirmed", [1])
    assert audit_events_for(application).filter(event_type=AuditEventType.CLAIM_REVIEWED).count() == 1


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.HIRING_MANAGER])
def test_panels_and_hiring_managers_never_see_claims_nor_review_them(client, claimed, role) -> None:  # type: ignore[no-untyped-def]
    application, claim = claimed
    assignment_role = "panel_member" if role == Role.PANEL_MEMBER else "hiring_manager"
    reader = AssignmentFactory(vacancy=application.vacancy, role=assignment_role, user__role=role).user
    client.force_login(reader)
    page = client.get(reverse("backoffice:application", args=[application.pk]))
    text = page.content.decode()
    assert "Ministry of Foreign Affairs" not in text and "Secretary-General" not in text
    assert f"claim-{claim.pk}" not in text and "NATO SECRET" not in text
    response = client.post(
        reverse("backoffice:claim_review", args=[claim.pk]), review_data(claim, [0, 1, 2], "x")
    )
    assert response.status_code in {403, 404}
    claim.refresh_from_db()
    assert claim.review == ""


def test_a_candidate_cannot_review_even_their_own_claim(client, claimed) -> None:  # type: ignore[no-untyped-def]
    application, claim = claimed
    client.force_login(application.candidate.user)
    response = client.post(
        reverse("backoffice:claim_review", args=[claim.pk]), review_data(claim, [0, 1, 2], "x")
    )
    assert response.status_code == 403
    claim.refresh_from_db()
    assert (
        claim.review == ""
        and not audit_events_for(application).filter(event_type=AuditEventType.CLAIM_REVIEWED).exists()
    )


def test_a_get_does_not_review(client, claimed) -> None:  # type: ignore[no-untyped-def]
    _application, claim = claimed
    client.force_login(make_user(Role.RECRUITER))
    assert client.get(reverse("backoffice:claim_review", args=[claim.pk])).status_code == 405


def test_the_review_form_reads_in_french(client, claimed) -> None:  # type: ignore[no-untyped-def]
    """The note's help is French on a French page (it was marked with an alias makemessages does not
    know, `_lazy`, so it never reached the catalogue)."""
    application, claim = claimed
    client.force_login(make_user(Role.RECRUITER))
    response = client.get(reverse("backoffice:application", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    page = lxml.html.fromstring(response.content)
    (section,) = page.xpath(f"//section[@id='claim-{claim.pk}']")
    text = " ".join(section.text_content().split())
    assert "Obligatoire si vous retenez d’autres postes que ceux déclarés dans la candidature." in text
    assert "Required when" not in text
    # The half-time post's working time, with a French decimal comma here and in the profile's table.
    assert "0,50" in [td.text_content() for td in section.xpath(".//td")]
    (profile,) = page.xpath("//div[@id='profile']")
    assert "0,50" in [td.text_content() for td in profile.xpath(".//td")]
