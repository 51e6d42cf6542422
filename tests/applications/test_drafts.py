"""Drafts and applying again (issue 12): what a draft keeps, and one live application per vacancy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from concours.applications.models import Application, Attachment
from concours.applications.services import (
    application_draft_save,
    application_submit,
    application_withdraw,
)
from concours.core.audit import audit_events_for
from concours.core.errors import DomainError
from factories import ApplicationFactory, ProfileFactory, VacancyFactory, cv_upload, essay_upload

pytestmark = pytest.mark.django_db
S = Application.Status


def draft(profile, vacancy, **files):  # type: ignore[no-untyped-def]
    files.setdefault("cv", None)
    files.setdefault("essay", None)
    return application_draft_save(candidate=profile, vacancy=vacancy, actor=profile.user, **files)


def test_a_draft_keeps_its_files_and_is_audited(media_files) -> None:  # type: ignore[no-untyped-def]
    """The files sent are kept on a draft application; the audit trail names them."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    application = draft(profile, vacancy, cv=cv_upload("cv.pdf"), essay=essay_upload("essay.docx"))
    assert application.status == S.DRAFT and application.submitted_at is None
    assert dict(application.attachments.values_list("kind", "original_name")) == {
        "cv": "cv.pdf",
        "essay": "essay.docx",
    }
    event = audit_events_for(application).get(event_type="APPLICATION_DRAFT_SAVED")
    assert event.extra["files"] == {"cv": "cv.pdf", "essay": "essay.docx"}
    assert len(media_files()) == 2


def test_a_file_sent_again_replaces_the_drafts_and_the_other_stays(
    media_files,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    """A new CV replaces the kept one (its file removed); the essay not sent again is kept."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        draft(profile, vacancy, cv=cv_upload("old.pdf"), essay=essay_upload("essay.docx"))
        application = draft(profile, vacancy, cv=cv_upload("new.pdf"))
    assert dict(application.attachments.values_list("kind", "original_name")) == {
        "cv": "new.pdf",
        "essay": "essay.docx",
    }
    assert len(media_files()) == 2
    assert Application.objects.count() == 1


def test_submitting_uses_the_drafts_files_not_sent_again(
    media_files, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    """A submission without a CV takes the draft's, checked again; the draft's stored copy goes."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    kept = draft(profile, vacancy, cv=cv_upload("kept.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            candidate=profile, vacancy=vacancy, cv=None, essay=None, actor=profile.user
        )
    assert application.pk == kept.pk and application.status == S.SUBMITTED
    cv = application.attachments.get(kind=Attachment.Kind.CV)
    assert cv.original_name == "kept.pdf" and cv.file.read().startswith(b"%PDF-")
    assert len(media_files()) == 1


def test_a_submission_without_a_cv_or_a_draft_is_refused() -> None:
    """With nothing kept, the CV is still required."""
    with pytest.raises(DomainError, match="The CV is missing"):
        application_submit(
            candidate=ProfileFactory(), vacancy=VacancyFactory(), cv=None, essay=None, actor=None
        )
    assert not Application.objects.exists()


def test_no_draft_after_the_deadline_or_after_submitting(media_files) -> None:  # type: ignore[no-untyped-def]
    """A draft is saved only while the vacancy is open, and only before submission."""
    closed = VacancyFactory(deadline=timezone.now() - dt.timedelta(minutes=1))
    profile = ProfileFactory()
    with pytest.raises(DomainError, match="has passed"):
        draft(profile, closed, cv=cv_upload())
    assert not Application.objects.exists() and media_files() == []
    vacancy = VacancyFactory()
    application_submit(candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user)
    with pytest.raises(DomainError, match="already applied"):
        draft(profile, vacancy, cv=cv_upload())


def test_a_withdrawn_application_stays_and_a_new_one_is_made() -> None:
    """Applying again after withdrawing makes a second application; the first keeps its state and files."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    first = application_submit(
        candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user
    )
    application_withdraw(application=first, actor=profile.user, reason="Another offer")
    second = application_submit(
        candidate=profile, vacancy=vacancy, cv=cv_upload(), essay=None, actor=profile.user
    )
    first.refresh_from_db()
    assert second.pk != first.pk
    assert (first.status, second.status) == (S.WITHDRAWN, S.SUBMITTED)
    assert first.attachments.count() == 1 and first.profile_snapshot is not None


def test_the_database_keeps_one_live_application_per_candidate_and_vacancy() -> None:
    """Two live applications of one candidate to one vacancy cannot be stored; withdrawn ones can."""
    live = ApplicationFactory()
    ApplicationFactory(candidate=live.candidate, vacancy=live.vacancy, status=S.WITHDRAWN)
    ApplicationFactory(candidate=live.candidate, vacancy=live.vacancy, status=S.WITHDRAWN)
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(candidate=live.candidate, vacancy=live.vacancy, status=S.SUBMITTED)
