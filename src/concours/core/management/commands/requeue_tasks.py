"""`concours requeue_tasks`: give back to the queue the tasks a worker that died left "running".

`concours db_worker` marks a task RUNNING when it takes it and SUCCESSFUL or FAILED when it is done. A
worker killed in between (SIGKILL, out of memory, the machine lost) leaves the task RUNNING for ever,
and no other worker takes it: the application it was for would wait for its screening or its essay's
page check indefinitely. This command sets such tasks READY again, so that the next free worker runs
them; every Concours task may run twice (screening replaces its verdict, checks and renditions already
done are kept).

Two ways to know a task was abandoned:
- `--worker ID`: the worker of that id is known to be gone. Give each worker a stable id
  (`concours db_worker --worker-id web1-rendering`) and run this with the same id before starting it
  again (systemd: ExecStartPre), so that whatever its previous run left is taken up at once.
- `--running-longer-than SECONDS`: longer than any task may run (rendering stops a document after its
  wall-time limit), from cron every few minutes, for workers that never come back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = "Set READY again the tasks left RUNNING by a worker that died."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--worker",
            action="append",
            default=[],
            metavar="ID",
            help="the id of a worker that is gone (repeat for several)",
        )
        parser.add_argument(
            "--running-longer-than",
            type=float,
            metavar="SECONDS",
            help="tasks started more than this long ago, whichever worker took them",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        gone: set[str] = set(options["worker"])
        longer_than: float | None = options["running_longer_than"]
        if not gone and longer_than is None:
            raise CommandError("Say which tasks: --worker ID or --running-longer-than SECONDS.")
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        if longer_than is not None:
            running = running.filter(started_at__lt=timezone.now() - dt.timedelta(seconds=longer_than))
        for task in running.only("id", "task_path", "worker_ids"):
            # The last id is the worker that took the task this time (earlier ones ran it before a requeue).
            if gone and (not task.worker_ids or task.worker_ids[-1] not in gone):
                continue
            # Only if it is still RUNNING: a worker that was merely slow may have finished it meanwhile.
            requeued = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY, started_at=None
            )
            if requeued:
                self.stdout.write(f"requeued {task.task_path} {task.pk} (left by {task.worker_ids[-1:]})")
