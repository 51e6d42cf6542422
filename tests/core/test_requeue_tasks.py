"""`concours requeue_tasks`: tasks a dead worker left RUNNING are run again; nothing else is touched."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concours.applications.models import Application
from concours.applications.services import application_submit
from concours.screening.models import Verdict
from factories import ProfileFactory, VacancyFactory, cv_upload

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "rendering"]}
}


def submitted(settings) -> tuple[Application, DBTaskResult]:  # type: ignore[no-untyped-def]
    """An application whose screening waits in the database, as in production."""
    settings.TASKS = DATABASE_TASKS
    profile = ProfileFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):  # the task is queued once the submission commits
        application = application_submit(
            candidate=profile, vacancy=VacancyFactory(), cv=cv_upload(), essay=None, actor=profile.user
        )
    task = DBTaskResult.objects.get(
        task_path__endswith="application_screen", args_kwargs__args=[application.pk]
    )
    return application, task


def requeue(*args: str) -> str:
    out = io.StringIO()
    call_command("requeue_tasks", *args, stdout=out)
    return out.getvalue()


def status(task: DBTaskResult) -> str:
    task.refresh_from_db()
    return str(task.status)


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection, as in production
def test_the_screening_a_killed_worker_was_running_is_done_once_it_is_requeued(settings) -> None:  # type: ignore[no-untyped-def]
    application, task = submitted(settings)
    task.claim("web1-default")  # the worker took it, then was killed before finishing it
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert status(task) == "RUNNING"  # no worker takes a task another one holds: it would wait for ever
    assert not Verdict.objects.filter(application=application).exists()

    assert "application_screen" in requeue("--worker", "web1-default")
    assert status(task) == "READY"
    call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id", "web1-default", verbosity=0)
    assert Verdict.objects.get(application=application).eligible
    assert status(task) == "SUCCESSFUL"
    assert task.worker_ids == ["web1-default", "web1-default"]


@pytest.mark.django_db
def test_tasks_of_other_workers_and_finished_tasks_are_left_alone(settings) -> None:  # type: ignore[no-untyped-def]
    _, alive = submitted(settings)
    alive.claim("web2-default")
    _, waiting = submitted(settings)
    _, done = submitted(settings)
    done.claim("web1-default")
    done.set_successful("yes")
    _, requeued_before = submitted(settings)  # taken by the dead worker once, then by a live one
    requeued_before.claim("web1-default")
    requeued_before.claim("web2-default")

    assert requeue("--worker", "web1-default") == ""
    assert (status(alive), status(waiting), status(done), status(requeued_before)) == (
        "RUNNING",
        "READY",
        "SUCCESSFUL",
        "RUNNING",
    )


@pytest.mark.django_db
def test_tasks_running_longer_than_any_task_may_are_requeued_whoever_took_them(settings) -> None:  # type: ignore[no-untyped-def]
    _, old = submitted(settings)
    old.claim("gone-machine")
    DBTaskResult.objects.filter(pk=old.pk).update(started_at=timezone.now() - dt.timedelta(minutes=20))
    _, recent = submitted(settings)
    recent.claim("web2-default")

    requeue("--running-longer-than", "600")
    assert (status(old), status(recent)) == ("READY", "RUNNING")
    old.refresh_from_db()
    assert old.started_at is None


@pytest.mark.django_db
def test_it_asks_which_tasks() -> None:
    with pytest.raises(CommandError, match="--worker"):
        requeue()
