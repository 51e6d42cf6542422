"""`concours task_worker`: `db_worker`, which lets the web server have the machine in a rush when asked.

The same worker as `concours db_worker` (every option is the same). With `--yield-to-web SECONDS`, before
each task it takes, it waits while the machine's processes wait for a CPU (Linux's pressure stall
information, `core.cpu_pressure`), for at most SECONDS: on a machine that serves the pages too, the
submissions of a deadline rush go first and the screening, page checks and renditions they queue are
done once it is over. Without PSI (another kernel), it never waits.
"""

from __future__ import annotations

import logging
from argparse import ArgumentParser
from typing import Any

from django_tasks_db.compat import task_started
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from concours.core.cpu_pressure import PressureGauge, wait_while_busy

logger = logging.getLogger(__name__)


class Command(DatabaseWorkerCommand):
    help = "Run a task worker (db_worker) that can wait for the web server's rush to pass."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--yield-to-web",
            type=float,
            default=0.0,
            metavar="SECONDS",
            help="before each task, wait while processes wait for a CPU, at most this long (0: never)",
        )
        parser.add_argument(
            "--busy-above",
            type=float,
            # In the rush the bench measures, something waited for a CPU 21 to 38 % of the time; while
            # the workers drained the work it queued, 3 to 15 %.
            default=0.15,
            metavar="SHARE",
            help="the share of time some process waits for a CPU above which the machine is busy "
            "(default: %(default)s)",
        )

    def handle(self, **options: Any) -> None:  # type: ignore[override]  # adds two options to db_worker's
        yield_to_web: float = options.pop("yield_to_web")
        busy_above: float = options.pop("busy_above")
        if yield_to_web > 0:
            gauge = PressureGauge()

            def give_way(**_: Any) -> None:
                # Sent by the worker once it has taken a task and before it runs it (in this process only).
                waited = wait_while_busy(gauge, threshold=busy_above, longest=yield_to_web)
                if waited >= 1:
                    logger.info("Waited %.1f s for the machine to be less busy", waited)

            task_started.connect(give_way, weak=False, dispatch_uid="concours-task-worker-yield")
        try:
            super().handle(**options)
        finally:
            task_started.disconnect(dispatch_uid="concours-task-worker-yield")
