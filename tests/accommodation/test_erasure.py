"""`concours erase_accommodation_documents`: the supporting documents of competitions closed longer ago
than their organisation keeps them go, files and rows, each request's erasure audited; the requests
and decisions stay; a competition still running or within its period keeps everything; run twice, the
second run finds nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accommodation_scenario import Scene, build, docx_upload, organisation, pdf_upload
from concours.accommodation.models import AccommodationDocument, AccommodationRequest
from concours.accommodation.selectors import accommodation_retention_days_for, competition_closed_at
from concours.accommodation.services import accommodation_decide
from concours.applications.decisions import Decision
from concours.applications.models import Application
from concours.applications.services import application_transition
from concours.core.models import AuditEvent, AuditEventType
from concours.vacancies.services import vacancy_close
from factories import OrgUnitFactory, VacancyFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()
APPROVED = Decision("test: as the appointing authority approved")


def asked_then_closed(scene: Scene, *, days_ago: int, decided: bool = True) -> AccommodationRequest:
    """The candidate asks (with two documents), is granted extra time, and the competition ends
    `days_ago` days ago: the vacancy closed and every application decided."""
    with time_machine.travel(NOW - dt.timedelta(days=days_ago + 30), tick=False):
        request = scene.request(documents=[pdf_upload(), docx_upload()])
        accommodation_decide(
            request=request,
            state="granted",
            measures=["extra_time"],
            measures_note="",
            reason="",
            actor=scene.recruiter,
        )
    with time_machine.travel(NOW - dt.timedelta(days=days_ago + 20), tick=False):
        vacancy_close(vacancy=scene.vacancy, actor=scene.recruiter)
    if decided:
        with time_machine.travel(NOW - dt.timedelta(days=days_ago), tick=False):
            for application in Application.objects.filter(vacancy=scene.vacancy):
                application_transition(
                    application=application,
                    to="not_selected",
                    reason="Ranked lower.",
                    actor=scene.recruiter,
                    decision=APPROVED,
                )
    return request


def erase() -> str:
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("erase_accommodation_documents", stdout=out)
    return out.getvalue().strip()


def test_documents_go_after_each_organisations_period_and_only_then(settings, media_files) -> None:  # type: ignore[no-untyped-def]
    settings.CONCOURS_ACCOMMODATION_RETENTION_DAYS = 90
    short = organisation("Short-keeping organisation", days=30)
    default = organisation("Organisation without a period of its own")
    expired_short = asked_then_closed(build(unit=OrgUnitFactory(parent=short)), days_ago=31)
    kept_short = asked_then_closed(build(unit=OrgUnitFactory(parent=short)), days_ago=29)
    kept_default = asked_then_closed(build(unit=OrgUnitFactory(parent=default)), days_ago=31)
    expired_default = asked_then_closed(build(unit=OrgUnitFactory(parent=default)), days_ago=91)
    running = asked_then_closed(build(unit=OrgUnitFactory(parent=short)), days_ago=400, decided=False)
    assert len(media_files()) == 10

    assert erase() == "erased 4 documents of 2 requests"

    for gone in (expired_short, expired_default):
        gone.refresh_from_db()
        assert not gone.documents.exists()
        assert gone.documents_erased_at == NOW
        # The decision stays: only the evidence goes.
        assert gone.state == "granted" and gone.measures == ["extra_time"]
        (event,) = AuditEvent.objects.filter(
            event_type=AuditEventType.ACCOMMODATION_DOCUMENTS_ERASED, subject_id=str(gone.pk)
        )
        assert (
            event.actor is None and event.extra["why"] == "retention" and len(event.extra["documents"]) == 2
        )
    for kept in (kept_short, kept_default, running):
        assert kept.documents.count() == 2
    assert len(media_files()) == 6
    stored = {d.file.name for d in AccommodationDocument.objects.all()}
    assert {str(p).split("/media/", 1)[1] for p in media_files()} == stored

    # Idempotent: nothing left to erase, nothing recorded.
    assert erase() == "erased 0 documents of 0 requests"
    assert AuditEvent.objects.filter(event_type=AuditEventType.ACCOMMODATION_DOCUMENTS_ERASED).count() == 2


def test_a_row_whose_file_went_already_is_erased_on_the_next_run(media_files) -> None:  # type: ignore[no-untyped-def]
    """A run that deleted files but failed before committing leaves rows without files: the next run
    erases them without error."""
    request = asked_then_closed(build(), days_ago=400)
    for document in request.documents.all():
        document.file.storage.delete(document.file.name)
    assert erase() == "erased 2 documents of 1 requests"
    assert not AccommodationDocument.objects.exists()


def test_the_competition_ends_with_its_last_decision_not_at_the_deadline() -> None:
    scene = build()
    with time_machine.travel(NOW - dt.timedelta(days=100), tick=False):
        vacancy_close(vacancy=scene.vacancy, actor=scene.recruiter)
    scene.vacancy.refresh_from_db()
    assert competition_closed_at(scene.vacancy) is None  # two applications still shortlisted
    with time_machine.travel(NOW - dt.timedelta(days=10), tick=False):
        for application in Application.objects.filter(vacancy=scene.vacancy):
            application_transition(
                application=application,
                to="reserve",
                reason="Suitable.",
                actor=scene.recruiter,
                decision=APPROVED,
            )
    assert competition_closed_at(scene.vacancy) == NOW - dt.timedelta(days=10)
    assert competition_closed_at(VacancyFactory()) is None  # still published


def test_the_period_is_the_organisations_at_the_top_of_the_unit_path(settings) -> None:  # type: ignore[no-untyped-def]
    settings.CONCOURS_ACCOMMODATION_RETENTION_DAYS = 90
    top = organisation("Top", days=14)
    division = OrgUnitFactory(parent=top, accommodation_retention_days=365)  # not an organisation
    section = OrgUnitFactory(parent=division)
    assert accommodation_retention_days_for(VacancyFactory(unit=section)) == 14
    assert (
        accommodation_retention_days_for(VacancyFactory(unit=OrgUnitFactory(parent=organisation("Other"))))
        == 90
    )
    # A vacancy without a unit: the organisation named on it.
    organisation("OTAN", days=7)
    assert accommodation_retention_days_for(VacancyFactory(unit=None, organisation="OTAN")) == 7
