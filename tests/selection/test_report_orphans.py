"""A selection report made in a transaction that rolls back afterwards leaves no file behind: the file
written before the rollback has no row, and `concours erase_orphan_reports` deletes it once it is old
enough that no transaction can still hold it; the files of the reports kept stay."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from concours.accounts.models import Role
from concours.selection.models import SelectionReport
from concours.selection.reporting import report_bytes, report_make
from factories import VacancyFactory, make_user

pytestmark = pytest.mark.django_db


class Undone(Exception):
    pass


def _erase() -> str:
    out = io.StringIO()
    call_command("erase_orphan_reports", stdout=out)
    return out.getvalue().strip()


def test_a_rollback_after_report_make_leaves_no_file(media_files) -> None:  # type: ignore[no-untyped-def]
    vacancy, recruiter = VacancyFactory(), make_user(Role.RECRUITER)
    kept = report_make(vacancy=vacancy, language="en", actor=recruiter)
    with pytest.raises(Undone), transaction.atomic():  # the caller's transaction, rolled back after it
        undone = report_make(vacancy=vacancy, language="fr", actor=recruiter)
        orphan = undone.file.name
        assert undone.file.storage.exists(orphan)
        raise Undone
    assert list(SelectionReport.objects.all()) == [kept]
    storage = kept.file.storage
    assert storage.exists(orphan) and len(media_files()) == 2  # left behind, for now

    assert _erase() == "erased 0 orphaned report files"  # too recent: it may belong to a running one
    assert storage.exists(orphan)
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, minutes=1)):
        assert _erase() == "erased 1 orphaned report files"
        assert _erase() == "erased 0 orphaned report files"
    assert not storage.exists(orphan)
    assert [path.name for path in media_files()] == [kept.file.name.rsplit("/", 1)[-1]]
    assert report_bytes(kept)  # the report kept is whole


def test_nothing_to_erase_without_any_report() -> None:
    assert _erase() == "erased 0 orphaned report files"


@pytest.mark.s3
def test_the_orphans_go_from_a_bucket_too(s3_bucket, media_files) -> None:  # type: ignore[no-untyped-def]
    vacancy, recruiter = VacancyFactory(), make_user(Role.RECRUITER)
    kept = report_make(vacancy=vacancy, language="en", actor=recruiter)
    with pytest.raises(Undone), transaction.atomic():
        orphan = report_make(vacancy=vacancy, language="fr", actor=recruiter).file.name
        raise Undone
    assert s3_bucket.names() == sorted([kept.file.name, orphan]) and media_files() == []
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, minutes=1)):
        assert _erase() == "erased 1 orphaned report files"
    assert s3_bucket.names() == [kept.file.name]
