"""Screening on claimed experience: "not claimed" apart from "claimed but short", the tag rule for
applications without claims, and a recruiter's review that screens again (issue 12)."""

from __future__ import annotations

import pytest

from claims_scenario import (
    assistant_profile,
    assistant_vacancy,
    clearance_question,
    keys,
    submit_with_claims,
)
from concours.accounts.models import Role
from concours.applications.claims import ClaimInput
from concours.applications.models import ExperienceClaim
from concours.core.audit import audit_events_for
from concours.core.errors import Conflict, DomainError
from concours.core.models import AuditEventType
from concours.kernel.eligibility.messages import Voice
from concours.screening.models import Verdict
from concours.screening.selectors import check_lines
from concours.screening.services import claim_review, vacancy_screen_all
from factories import make_user

pytestmark = pytest.mark.django_db


def experience_codes(verdict: Verdict) -> list[str]:
    return [check["code"] for check in verdict.checks if check["criterion"] == "experience"]


def reasons(verdict: Verdict, lang: str, voice: Voice) -> list[str]:
    return [
        line.reason
        for line in check_lines(verdict.checks, lang, voice=voice)
        if line.criterion == "experience"
    ]


def test_not_claimed_and_claimed_but_short_are_told_apart_in_both_voices() -> None:
    vacancy = assistant_vacancy()
    profile, _first, senior, _clerk = assistant_profile()
    assistant, _administration = keys(vacancy)
    application = submit_with_claims(profile, vacancy, [ClaimInput(assistant, (senior.pk,))])
    verdict = Verdict.objects.get(application=application)
    assert experience_codes(verdict) == ["experience.fail_claimed", "experience.not_claimed"]
    assert verdict.eligible == "no"
    staff = [
        line.reason
        for line in check_lines(verdict.checks, "en", voice="staff")
        if line.criterion == "experience"
    ]
    mine = [line.reason for line in check_lines(verdict.checks, "en") if line.criterion == "experience"]
    assert "the candidate's claim (1 post) comes to only 2.5 years" in staff[0]
    assert "the candidate claimed no post for it" in staff[1]
    assert "your claim (1 post) comes to only 2.5 years" in mine[0]
    assert "you claimed no post for it" in mine[1]
    french = [
        line.reason
        for line in check_lines(verdict.checks, "fr", voice="staff")
        if line.criterion == "experience"
    ]
    assert "la candidature ne déclare aucun poste pour cette exigence" in french[1]


def test_applications_without_claims_keep_the_tag_rule() -> None:
    """Older applications (and callers that send no claims): screening reads tags, as before."""
    vacancy = assistant_vacancy()
    profile, *_posts = assistant_profile()
    application = submit_with_claims(profile, vacancy, None)
    assert not ExperienceClaim.objects.filter(application=application).exists()
    verdict = Verdict.objects.get(application=application)
    # "assistant in a senior manager's office" reads as senior management: no post is tagged so.
    assert experience_codes(verdict) == ["experience.fail", "experience.pass"]


def test_a_recruiters_correction_screens_again_on_the_posts_that_count() -> None:
    vacancy = assistant_vacancy()
    profile, _first, senior, clerk = assistant_profile()
    assistant, administration = keys(vacancy)
    application = submit_with_claims(
        profile, vacancy, [ClaimInput(assistant, (senior.pk,)), ClaimInput(administration, (clerk.pk,))]
    )
    assert Verdict.objects.get(application=application).eligible == "no"
    recruiter = make_user(Role.RECRUITER)
    claim = ExperienceClaim.objects.get(application=application, requirement_key=assistant)
    seen = claim.revision

    with pytest.raises(DomainError, match="Say why"):  # counting other posts needs a note
        claim_review(claim=claim, posts=[1, 2], note="", actor=recruiter, expected_revision=seen)
    assert not audit_events_for(application).filter(event_type=AuditEventType.CLAIM_REVIEWED).exists()

    claim_review(
        claim=claim,
        posts=[1, 2],
        note="The first post at the ministry was assistant work too.",
        actor=recruiter,
        expected_revision=seen,
    )
    claim.refresh_from_db()
    assert (claim.review, claim.reviewed_posts, claim.posts) == ("corrected", [1, 2], [1])
    verdict = Verdict.objects.get(application=application)
    assert experience_codes(verdict) == ["experience.pass_claimed", "experience.pass_claimed"]
    assert verdict.eligible == "yes"
    staff = check_lines(verdict.checks, "en", voice="staff")[1].reason
    assert "the claim as reviewed by a recruiter (2 posts) comes to 7.5 years" in staff
    (event,) = audit_events_for(application).filter(event_type=AuditEventType.CLAIM_REVIEWED)
    assert event.actor == recruiter
    # Screening the whole vacancy again keeps the correction.
    vacancy_screen_all(vacancy=vacancy, actor=recruiter)
    assert Verdict.objects.get(application=application).eligible == "yes"


def test_a_stale_review_is_refused_and_leaves_no_record() -> None:
    vacancy = assistant_vacancy()
    profile, _first, senior, _clerk = assistant_profile()
    assistant, _administration = keys(vacancy)
    application = submit_with_claims(profile, vacancy, [ClaimInput(assistant, (senior.pk,))])
    claim = ExperienceClaim.objects.get(application=application, requirement_key=assistant)
    seen = claim.revision
    first_recruiter, second_recruiter = make_user(Role.RECRUITER), make_user(Role.RECRUITER)
    claim_review(claim=claim, posts=[1], note="", actor=first_recruiter, expected_revision=seen)  # confirmed
    with pytest.raises(Conflict, match="reviewed this claim"):
        claim_review(
            claim=claim, posts=[0], note="Not at a ministry.", actor=second_recruiter, expected_revision=seen
        )
    claim.refresh_from_db()
    assert (claim.review, claim.reviewed_posts, claim.reviewed_by) == ("confirmed", [1], first_recruiter)
    assert audit_events_for(application).filter(event_type=AuditEventType.CLAIM_REVIEWED).count() == 1


def test_a_review_counts_only_posts_of_the_profile_as_submitted() -> None:
    vacancy = assistant_vacancy()
    profile, _first, senior, _clerk = assistant_profile()
    application = submit_with_claims(profile, vacancy, [ClaimInput(keys(vacancy)[0], (senior.pk,))])
    claim = ExperienceClaim.objects.filter(application=application).first()
    assert claim is not None
    with pytest.raises(DomainError, match="profile as submitted"):
        claim_review(claim=claim, posts=[3], note="A post added later.", actor=make_user(Role.RECRUITER))


def test_an_unanswered_knock_out_question_asks_a_person_and_a_wrong_answer_fails() -> None:
    vacancy = assistant_vacancy()
    profile, first, senior, clerk = assistant_profile()
    assistant, administration = keys(vacancy)
    claims = [ClaimInput(assistant, (first.pk, senior.pk)), ClaimInput(administration, (clerk.pk,))]
    application = submit_with_claims(profile, vacancy, claims)
    assert Verdict.objects.get(application=application).eligible == "yes"
    # A question added since (before anyone else applied) was never answered: a person checks.
    question = clearance_question(vacancy)
    vacancy_screen_all(vacancy=vacancy, actor=None)
    verdict = Verdict.objects.get(application=application)
    assert verdict.eligible == "review"
    assert [c["code"] for c in verdict.checks if c["criterion"] == "question"] == [
        "question.review_unanswered"
    ]
    application.answers.create(question=question, yes=False)
    vacancy_screen_all(vacancy=vacancy, actor=None)
    verdict = Verdict.objects.get(application=application)
    assert verdict.eligible == "no"
    (line,) = [
        line for line in check_lines(verdict.checks, "en", voice="staff") if line.criterion == "question"
    ]
    assert line.label == "Screening question"
    assert line.reason == (
        "The vacancy asks “Do you hold a valid NATO SECRET clearance?”; the candidate answered “No”, and it"
        " requires “Yes”."
    )
