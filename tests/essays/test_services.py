"""A candidate's draft essay check is audited when it is asked for and when its result is known."""

from __future__ import annotations

import pytest
from django.test import TestCase

from concours.core.audit import audit_events_for
from concours.core.errors import DomainError
from concours.core.models import AuditEvent, AuditEventType
from concours.essays.models import DraftCheck
from concours.essays.services import draft_check_start
from factories import ESSAY_RULES, ProfileFactory, VacancyFactory, docx_bytes

pytestmark = pytest.mark.django_db


def essay_vacancy():  # type: ignore[no-untyped-def]
    return VacancyFactory(notice={"title": "Head of Section", "essay": ESSAY_RULES})


def test_asking_for_a_draft_check_is_recorded_with_the_candidate() -> None:
    """The candidate, the vacancy and the file's name are on the event; the check is its subject."""
    profile, vacancy = ProfileFactory(), essay_vacancy()
    check = draft_check_start(
        candidate=profile,
        vacancy=vacancy,
        data=docx_bytes(),
        file_name="Key challenges.docx",
        actor=profile.user,
    )
    event = audit_events_for(check).get(event_type=AuditEventType.DRAFT_CHECK_STARTED)
    assert event.actor == profile.user
    assert event.extra == {"vacancy": vacancy.pk, "file_name": "Key challenges.docx"}


def test_a_refused_draft_leaves_no_event() -> None:
    """An unsafe file is refused at once: nothing is kept, not even an audit row."""
    profile = ProfileFactory()
    with pytest.raises(DomainError):
        draft_check_start(
            candidate=profile,
            vacancy=essay_vacancy(),
            data=b"not a zip",
            file_name="x.docx",
            actor=profile.user,
        )
    assert not DraftCheck.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.DRAFT_CHECK_STARTED).exists()


@pytest.mark.libreoffice
def test_the_result_of_a_draft_check_is_recorded_with_the_rules_it_fails() -> None:
    """Rendered by the worker: the event says done and names each failed rule."""
    profile, vacancy = ProfileFactory(), essay_vacancy()
    with TestCase.captureOnCommitCallbacks(execute=True):
        check = draft_check_start(
            candidate=profile,
            vacancy=vacancy,
            data=docx_bytes(),
            file_name="my draft.docx",
            actor=profile.user,
        )
    event = audit_events_for(check).get(event_type=AuditEventType.DRAFT_CHECK_FINISHED)
    assert event.actor is None
    assert event.extra == {"status": "done", "failed": ["title"]}
