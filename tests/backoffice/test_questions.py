"""A recruiter adds yes/no or numeric screening questions to a vacancy, some of them knock-out, and removes
them while nobody has applied; every change is audited and the wrong roles are refused (issue 12)."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from claims_scenario import assistant_profile, assistant_vacancy, clearance_question, submit_with_claims
from concours.accounts.models import Role
from concours.applications.models import Application
from concours.core.audit import audit_events_for
from concours.core.errors import DomainError
from concours.core.models import AuditEventType
from concours.vacancies.models import ScreeningQuestion
from concours.vacancies.services import question_add, question_remove
from factories import AssignmentFactory, ProfileFactory, make_user

pytestmark = pytest.mark.django_db

CLEARANCE = {
    "text": "Do you hold a valid NATO SECRET clearance?",
    "text_fr": "Détenez-vous une habilitation NATO SECRET valide\u00a0?",
    "kind": "yes_no",
    "knockout": "on",
    "required_yes": "yes",
}


def events(vacancy, kind: AuditEventType) -> int:  # type: ignore[no-untyped-def]
    return audit_events_for(vacancy).filter(event_type=kind).count()


def test_a_recruiter_adds_a_knock_out_question_in_english_and_french(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    client.force_login(make_user(Role.RECRUITER))
    response = client.post(reverse("backoffice:questions", args=[vacancy.pk]), CLEARANCE, follow=True)
    assert "The question was added." in response.content.decode()
    (question,) = ScreeningQuestion.objects.filter(vacancy=vacancy)
    assert (question.text, question.text_fr, question.kind, question.knockout, question.required_yes) == (
        CLEARANCE["text"],
        CLEARANCE["text_fr"],
        "yes_no",
        True,
        True,
    )
    assert events(vacancy, AuditEventType.QUESTION_ADDED) == 1
    rows = lxml.html.fromstring(response.content).xpath("//table[@id='question-list']/tbody/tr")
    assert "required: yes" in rows[0].text_content()


def test_a_numeric_knock_out_question_needs_a_minimum_and_nothing_is_kept_without_it(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    client.force_login(make_user(Role.RECRUITER))
    data = {"text": "Years of office work?", "kind": "number", "knockout": "on", "minimum": ""}
    response = client.post(reverse("backoffice:questions", args=[vacancy.pk]), data)
    assert response.status_code == 400
    assert "Give the least answer a knock-out question accepts." in response.content.decode()
    assert not ScreeningQuestion.objects.exists() and events(vacancy, AuditEventType.QUESTION_ADDED) == 0
    client.post(reverse("backoffice:questions", args=[vacancy.pk]), {**data, "minimum": "3"})
    assert ScreeningQuestion.objects.get().minimum == 3


def test_a_question_that_is_not_knock_out_keeps_no_requirement() -> None:
    vacancy = assistant_vacancy()
    question = question_add(
        vacancy=vacancy,
        text="  Do you   drive? ",
        text_fr="",
        kind="yes_no",
        knockout=False,
        required_yes=True,
        minimum=None,
        actor=make_user(Role.RECRUITER),
    )
    assert (question.text, question.required_yes, question.minimum) == ("Do you drive?", None, None)


def test_a_question_is_removed_with_an_audit_record(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    question = clearance_question(vacancy)
    client.force_login(make_user(Role.RECRUITER))
    response = client.post(reverse("backoffice:question_remove", args=[question.pk]), follow=True)
    assert "The question was removed." in response.content.decode()
    assert not ScreeningQuestion.objects.exists()
    assert events(vacancy, AuditEventType.QUESTION_REMOVED) == 1


def test_questions_are_fixed_once_a_candidate_has_applied(client) -> None:  # type: ignore[no-untyped-def]
    """Every candidate answers the same questions: neither adding nor removing once someone submitted."""
    vacancy = assistant_vacancy()
    question = clearance_question(vacancy)
    profile, *_posts = assistant_profile()
    submit_with_claims(profile, vacancy, None, answers={question.pk: True})
    recruiter = make_user(Role.RECRUITER)
    with pytest.raises(DomainError, match="can no longer change"):
        question_remove(question=question, actor=recruiter)
    with pytest.raises(DomainError, match="can no longer change"):
        question_add(
            vacancy=vacancy,
            text="Do you drive?",
            text_fr="",
            kind="yes_no",
            knockout=False,
            required_yes=None,
            minimum=None,
            actor=recruiter,
        )
    client.force_login(recruiter)
    page = client.get(reverse("backoffice:questions", args=[vacancy.pk])).content.decode()
    assert 'id="questions-locked"' in page and 'id="question-form"' not in page
    client.post(reverse("backoffice:question_remove", args=[question.pk]))
    assert ScreeningQuestion.objects.filter(pk=question.pk).exists()
    assert events(vacancy, AuditEventType.QUESTION_REMOVED) == 0


def test_a_draft_does_not_fix_the_questions_and_loses_its_answer_to_a_removed_one() -> None:
    vacancy = assistant_vacancy()
    question = clearance_question(vacancy)
    draft = Application.objects.create(candidate=ProfileFactory(), vacancy=vacancy)
    draft.answers.create(question=question, yes=True)
    question_remove(question=question, actor=make_user(Role.RECRUITER))
    assert not draft.answers.exists()


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.HIRING_MANAGER, Role.CANDIDATE])
def test_the_wrong_roles_are_refused(client, role: Role) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    question = clearance_question(vacancy)
    if role == Role.CANDIDATE:
        user = make_user(role)
    else:
        user = AssignmentFactory(vacancy=vacancy, role=role.value, user__role=role).user
    client.force_login(user)
    assert client.get(reverse("backoffice:questions", args=[vacancy.pk])).status_code == 403
    added = client.post(
        reverse("backoffice:questions", args=[vacancy.pk]), {**CLEARANCE, "text": "Smuggled?"}
    )
    removed = client.post(reverse("backoffice:question_remove", args=[question.pk]))
    assert (added.status_code, removed.status_code) == (403, 403)
    assert list(ScreeningQuestion.objects.values_list("text", flat=True)) == [question.text]
    assert (
        events(vacancy, AuditEventType.QUESTION_ADDED) + events(vacancy, AuditEventType.QUESTION_REMOVED) == 0
    )


def test_anonymous_visitors_are_sent_to_log_in(client) -> None:  # type: ignore[no-untyped-def]
    vacancy = assistant_vacancy()
    response = client.get(reverse("backoffice:questions", args=[vacancy.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
