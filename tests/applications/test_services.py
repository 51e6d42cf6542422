from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from concours.accounts.models import Role
from concours.applications.decisions import Decision
from concours.applications.models import Application, Attachment, Transition
from concours.applications.services import application_submit, application_transition, application_withdraw
from concours.applications.workflow import DECISIONS
from concours.core.audit import audit_events_for
from concours.core.errors import DomainError, NotAllowed
from factories import (
    ESSAY_RULES,
    ApplicationFactory,
    ProfileFactory,
    VacancyFactory,
    cv_upload,
    essay_upload,
    make_user,
)

pytestmark = pytest.mark.django_db
S = Application.Status


def submit(profile, vacancy, **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("cv", cv_upload())
    kwargs.setdefault("essay", essay_upload())
    return application_submit(candidate=profile, vacancy=vacancy, actor=profile.user, **kwargs)


def test_submission_keeps_both_files_and_records_the_transition(media_files) -> None:  # type: ignore[no-untyped-def]
    """A submitted application has its CV and essay and a draft → submitted record."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    application = submit(profile, vacancy)
    assert application.status == S.SUBMITTED
    assert application.submitted_at is not None
    assert set(application.attachments.values_list("kind", flat=True)) == {"cv", "essay"}
    assert len(media_files()) == 2
    transition = Transition.objects.get(application=application)
    assert (transition.from_status, transition.to_status, transition.actor) == (
        S.DRAFT,
        S.SUBMITTED,
        profile.user,
    )
    assert audit_events_for(application).filter(event_type="APPLICATION_SUBMITTED").count() == 1


def test_submission_after_the_deadline_is_refused_with_a_frozen_clock() -> None:
    """After the deadline the server refuses, whatever the page showed; nothing is kept."""
    vacancy = VacancyFactory(deadline=dt.datetime(2026, 3, 1, 23, 59, tzinfo=dt.UTC))
    profile = ProfileFactory()
    late = dt.datetime(2026, 3, 2, 0, 0, 1, tzinfo=dt.UTC)
    with time_machine.travel(late, tick=False), pytest.raises(DomainError, match="deadline"):
        submit(profile, vacancy)
    assert not Application.objects.exists()
    with time_machine.travel(dt.datetime(2026, 3, 1, 23, 58, tzinfo=dt.UTC), tick=False):
        assert submit(profile, vacancy).status == S.SUBMITTED


def test_deadline_is_read_at_the_duty_station() -> None:
    """A deadline of 23:59 in Brussels has passed at 23:30 UTC in summer (01:30 local)."""
    from zoneinfo import ZoneInfo

    vacancy = VacancyFactory(deadline=dt.datetime(2026, 7, 1, 23, 59, tzinfo=ZoneInfo("Europe/Brussels")))
    with pytest.raises(DomainError):
        submit(ProfileFactory(), vacancy, now=dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    ("cv", "essay", "message"),
    [
        (None, "ok", "missing"),
        (SimpleUploadedFile("cv.exe", b"MZ\x90\x00"), "ok", "must be"),
        (SimpleUploadedFile("cv.pdf", b""), "ok", "empty"),
        (SimpleUploadedFile("cv.pdf", b"not a pdf at all"), "ok", "plain text; accepted: PDF"),
        ("ok", SimpleUploadedFile("essay.doc", b"\xd0\xcf\x11\xe0"), "must be"),
        ("ok", None, "missing"),
    ],
)
def test_a_rejected_upload_leaves_no_record_and_no_file(cv, essay, message, media_files) -> None:  # type: ignore[no-untyped-def]
    """Bad files are refused with a clear reason; no application, attachment or file remains."""
    profile, vacancy = ProfileFactory(), VacancyFactory(notice={"title": "Officer", "essay": ESSAY_RULES})
    with pytest.raises(DomainError, match=message):
        submit(
            profile,
            vacancy,
            cv=cv_upload() if cv == "ok" else cv,
            essay=essay_upload() if essay == "ok" else essay,
        )
    assert not Application.objects.exists()
    assert not Attachment.objects.exists()
    assert media_files() == []


def test_a_crash_after_the_files_are_written_leaves_nothing(monkeypatch, media_files) -> None:  # type: ignore[no-untyped-def]
    """A failure mid-way rolls the whole submission back, files included."""
    from concours.applications import services

    def explode(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_record", explode)
    with pytest.raises(RuntimeError):
        submit(ProfileFactory(), VacancyFactory())
    assert not Application.objects.exists()
    assert media_files() == []


def test_oversized_upload_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    """A file over the size limit is refused and named."""
    settings.CONCOURS_MAX_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 200)
    with pytest.raises(DomainError, match=r"big\.pdf"):
        submit(ProfileFactory(), VacancyFactory(), cv=big)


def test_an_essay_is_optional_when_the_notice_asks_for_none() -> None:
    """Without essay rules in the notice, a CV alone makes a complete application."""
    vacancy = VacancyFactory(notice={"title": "Clerk", "essay": None})
    assert submit(ProfileFactory(), vacancy, essay=None).attachments.count() == 1


def test_applying_twice_is_refused() -> None:
    """One application per candidate and vacancy."""
    profile, vacancy = ProfileFactory(), VacancyFactory()
    submit(profile, vacancy)
    with pytest.raises(DomainError, match="already"):
        submit(profile, vacancy)


def test_a_draft_vacancy_takes_no_application() -> None:
    """Only published vacancies accept applications."""
    with pytest.raises(DomainError):
        submit(ProfileFactory(), VacancyFactory(status="draft"))


def test_every_state_change_leaves_a_transition_record() -> None:
    """Each move through the workflow writes who, when, from, to and why."""
    recruiter = make_user(Role.RECRUITER)
    profile = ProfileFactory()
    application = submit(profile, VacancyFactory())
    path = [S.SCREENED_IN, S.LONGLISTED, S.SHORTLISTED, S.RESERVE, S.SELECTED, S.WITHDRAWN]
    for to in path:
        actor = profile.user if to == S.WITHDRAWN else recruiter
        application = application_transition(
            application=application,
            to=to,
            reason=f"because {to}",
            actor=actor,
            decision=Decision("test: approved") if to in DECISIONS else None,
        )
    records = list(Transition.objects.filter(application=application).order_by("at", "id"))
    assert [(r.from_status, r.to_status) for r in records] == list(
        zip([S.DRAFT, S.SUBMITTED, *path[:-1]], [S.SUBMITTED, *path], strict=True)
    )
    assert all(r.at <= timezone.now() for r in records)
    assert records[1].actor == recruiter and records[1].reason == "because screened_in"
    assert audit_events_for(application).count() == len(path) + 1


def test_illegal_moves_are_refused_and_leave_no_record() -> None:
    """A submitted application cannot jump to selected."""
    recruiter = make_user(Role.RECRUITER)
    application = submit(ProfileFactory(), VacancyFactory())
    with pytest.raises(DomainError):
        application_transition(
            application=application, to=S.SELECTED, reason="x", actor=recruiter, decision=Decision("test")
        )
    assert application.transitions.count() == 1


def test_a_recruiter_must_give_a_reason() -> None:
    """Moves by staff carry a reason."""
    application = submit(ProfileFactory(), VacancyFactory())
    with pytest.raises(DomainError, match="reason"):
        application_transition(
            application=application, to=S.SCREENED_IN, reason="  ", actor=make_user(Role.RECRUITER)
        )


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.PANEL_MEMBER, Role.HIRING_MANAGER])
def test_only_recruiters_move_applications(role: Role) -> None:
    """Other candidates, panel members and hiring managers may not move an application."""
    application = submit(ProfileFactory(), VacancyFactory())
    with pytest.raises(NotAllowed):
        application_transition(application=application, to=S.SCREENED_IN, reason="x", actor=make_user(role))
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_a_candidate_withdraws_their_own_application() -> None:
    """Withdrawal by the candidate needs no reason and is recorded."""
    profile = ProfileFactory()
    application = application_withdraw(application=submit(profile, VacancyFactory()), actor=profile.user)
    assert application.status == S.WITHDRAWN
    assert application.transitions.last().actor == profile.user


def test_a_withdrawn_application_cannot_be_withdrawn_again() -> None:
    """Terminal states have no way out."""
    profile = ProfileFactory()
    application = ApplicationFactory(candidate=profile, status=S.WITHDRAWN)
    with pytest.raises(DomainError):
        application_withdraw(application=application, actor=profile.user)
