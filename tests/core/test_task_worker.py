"""`concours task_worker`: the database worker, which waits for a busy machine when asked to."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest
from django.core.management import call_command
from django.test import TestCase
from django_tasks_db.compat import task_started
from django_tasks_db.models import DBTaskResult

from concours.applications.services import application_submit
from concours.core.cpu_pressure import PSI_CPU
from concours.screening.models import Verdict
from factories import ProfileFactory, VacancyFactory, cv_upload

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def queued_screening(settings) -> int:  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_TASKS
    profile = ProfileFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        application = application_submit(
            candidate=profile, vacancy=VacancyFactory(), cv=cv_upload(), essay=None, actor=profile.user
        )
    assert DBTaskResult.objects.filter(task_path__endswith="application_screen").count() == 1
    return application.pk


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_queued_tasks_and_leaves_no_waiting_behind(settings) -> None:  # type: ignore[no-untyped-def]
    application_id = queued_screening(settings)
    call_command("task_worker", "--batch", "--no-startup-delay", "--yield-to-web", "0.5", verbosity=0)
    assert Verdict.objects.filter(application_id=application_id).exists()
    assert DBTaskResult.objects.get(task_path__endswith="application_screen").status == "SUCCESSFUL"
    # The wait belongs to the worker's process: tasks run elsewhere afterwards (the web's) do not wait.
    assert not any("concours-task-worker-yield" in str(key) for key, *_ in task_started.receivers)


@pytest.mark.skipif(not PSI_CPU.exists(), reason="this kernel gives no pressure stall information")
@pytest.mark.django_db(transaction=True)
def test_on_a_machine_kept_busy_the_worker_waits_before_its_task(settings) -> None:  # type: ignore[no-untyped-def]
    application_id = queued_screening(settings)
    # More busy processes than cores: something always waits for a CPU while they run.
    busy = [multiprocessing.Process(target=spin, args=(6.0,)) for _ in range((os.cpu_count() or 1) * 2 + 1)]
    for process in busy:
        process.start()
    try:
        time.sleep(0.3)
        started = time.monotonic()
        call_command("task_worker", "--batch", "--no-startup-delay", "--yield-to-web", "1.5", verbosity=0)
        waited = time.monotonic() - started
    finally:
        for process in busy:
            process.terminate()
            process.join()
    assert waited >= 1.5  # it waited its longest, then ran the task all the same
    assert Verdict.objects.filter(application_id=application_id).exists()
