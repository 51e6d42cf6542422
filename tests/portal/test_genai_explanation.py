"""The candidate reads the recruiter's question about their essay in the portal and answers it once;
the answer is kept and audited. Another candidate's questions are 404; staff are refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from concours.accounts.models import Role
from concours.core.models import AuditEvent, AuditEventType
from concours.genai.models import ExplanationRequest
from concours.genai.services import explanation_ask
from factories import ProfileFactory, make_user
from genai_scenario import application_with_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked() -> ExplanationRequest:
    application = application_with_signal()
    return explanation_ask(
        application=application, message="How did you prepare your essay?", actor=make_user(Role.RECRUITER)
    )


def test_the_candidate_follows_the_link_reads_the_question_and_answers_once(
    client: Any, asked: ExplanationRequest
) -> None:
    application = asked.application
    client.force_login(application.candidate.user)
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    url = reverse("applications:explanations", args=[application.pk])
    assert f'href="{url}"' in detail
    page = client.get(url).content.decode()
    assert "How did you prepare your essay?" in page and "it is not evidence" in page
    assert "AI-written" not in page
    response = client.post(url, {"request": asked.pk, "answer": "I wrote it myself from my notes."})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.answer == "I wrote it myself from my notes." and asked.answered
    event = AuditEvent.objects.get(event_type=AuditEventType.GENAI_EXPLANATION_GIVEN)
    assert event.actor == application.candidate.user
    page = client.get(url).content.decode()
    assert "I wrote it myself from my notes." in page and "<textarea" not in page
    client.post(url, {"request": asked.pk, "answer": "Another answer"})
    asked.refresh_from_db()
    assert asked.answer == "I wrote it myself from my notes."
    assert AuditEvent.objects.filter(event_type=AuditEventType.GENAI_EXPLANATION_GIVEN).count() == 1


def test_an_empty_answer_is_refused(client: Any, asked: ExplanationRequest) -> None:
    client.force_login(asked.application.candidate.user)
    url = reverse("applications:explanations", args=[asked.application_id])
    assert client.post(url, {"request": asked.pk, "answer": "  "}).status_code == 400
    asked.refresh_from_db()
    assert not asked.answered


def test_the_page_is_in_french_for_a_french_reader(client: Any, asked: ExplanationRequest) -> None:
    client.force_login(asked.application.candidate.user)
    url = reverse("applications:explanations", args=[asked.application_id])
    page = client.get(url, headers={"accept-language": "fr"}).content.decode()
    assert "Questions sur votre essai" in page


def test_another_candidate_gets_404_and_staff_are_refused(client: Any, asked: ExplanationRequest) -> None:
    url = reverse("applications:explanations", args=[asked.application_id])
    client.force_login(ProfileFactory().user)
    assert client.get(url).status_code == 404
    assert client.post(url, {"request": asked.pk, "answer": "Not mine"}).status_code == 404
    for role in (Role.RECRUITER, Role.PANEL_MEMBER):
        client.force_login(make_user(role))
        assert client.get(url).status_code == 403
    asked.refresh_from_db()
    assert not asked.answered


def test_an_answer_to_another_candidates_question_is_404(client: Any, asked: ExplanationRequest) -> None:
    mine = application_with_signal()
    client.force_login(mine.candidate.user)
    url = reverse("applications:explanations", args=[mine.pk])
    assert client.post(url, {"request": asked.pk, "answer": "Not mine"}).status_code == 404
    asked.refresh_from_db()
    assert not asked.answered
