"""Two people acting at once, each on a connection of their own as two web workers are: one holds its
transaction open while the other starts, to show that the second waits for the first's row lock and what
it then answers. PostgreSQL only (SQLite locks the whole database)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction

from concours.core.errors import DomainError

# For a module of race tests: skipped on SQLite; each side commits on a connection of its own.
POSTGRES_RACE = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: run with scripts/with-postgres.sh"
    ),
    pytest.mark.django_db(transaction=True),
]


def someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return bool(cursor.fetchone()[0])


def race(first: Callable[[], Any], second: Callable[[], Any]) -> tuple[bool, str]:
    """`first` runs and holds its transaction open; `second` starts meanwhile on another connection.
    Once `second` is seen waiting for a lock (or has finished), `first` commits. Returns whether
    `second` waited, and what it answered: "done", the message of its refusal, or any other error."""
    holding, release = threading.Event(), threading.Event()
    answer: list[str] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                first()
                holding.set()
                release.wait(20)
        finally:
            connection.close()

    def then() -> None:
        try:
            second()
            answer.append("done")
        except DomainError as error:
            answer.append(error.message)
        except Exception as error:  # a race lost without a lock ends so: shown in the assertion
            answer.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        other = threading.Thread(target=then)
        other.start()
        waited = False
        deadline = time.monotonic() + 10
        while other.is_alive() and time.monotonic() < deadline:
            if someone_waits_for_a_lock():
                waited = True
                break
            time.sleep(0.02)
    finally:
        release.set()
        holder.join()
    other.join(20)
    assert not other.is_alive()
    return waited, answer[0]
