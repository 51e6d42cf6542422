"""Ten candidates submit to one vacancy at the same instant, on a SQLite file, with the demo's settings.

Run in a process of its own by test_sqlite_rush.py (the test suite's SQLite database lives in memory,
where neither WAL nor the busy timeout nor file locks apply). Each thread has its own connection, as
each request of a threaded server does. Prints one JSON object: what each submission answered.

Usage: python tests/applications/sqlite_rush.py FOLDER [--deferred]
--deferred starts transactions as SQLite does by default, to see what the setting prevents.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

CANDIDATES = 10


def main(folder: Path, *, deferred: bool) -> dict[str, object]:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'rush.sqlite3'}"
    os.environ["CONCOURS_VAR_DIR"] = str(folder)
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concours.config.settings_test")
    import django

    django.setup()
    from django.conf import settings

    if deferred:
        settings.DATABASES["default"]["OPTIONS"].pop("transaction_mode", None)
    from django.core.management import call_command
    from django.db import connection

    from concours.applications.models import Application
    from concours.applications.services import application_submit
    from factories import ProfileFactory, VacancyFactory, cv_upload

    call_command("migrate", verbosity=0)
    vacancy = VacancyFactory()
    profiles = [ProfileFactory() for _ in range(CANDIDATES)]
    uploads = [cv_upload() for _ in profiles]
    connection.close()
    start = threading.Barrier(CANDIDATES)
    answers: list[str] = []
    spans: list[tuple[float, float]] = []

    def submit(index: int) -> None:
        profile = profiles[index]
        try:
            start.wait()
            began = time.monotonic()
            application_submit(
                candidate=profile, vacancy=vacancy, cv=uploads[index], essay=None, actor=profile.user
            )
            answers.append("submitted")
            spans.append((began, time.monotonic()))
        except Exception as error:  # reported, not swallowed: the test prints every answer
            answers.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(index,)) for index in range(CANDIDATES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "transaction_mode": settings.DATABASES["default"]["OPTIONS"].get("transaction_mode", "DEFERRED"),
        "journal_mode": _journal_mode(connection),
        "answers": answers,
        # Every submission was under way before any had finished: they really were at once.
        "all_at_once": len(spans) == CANDIDATES and max(b for b, _ in spans) < min(e for _, e in spans),
        "stored": Application.objects.filter(vacancy=vacancy, status=Application.Status.SUBMITTED).count(),
        "with_snapshot": Application.objects.filter(vacancy=vacancy, profile_snapshot__isnull=False).count(),
    }


def _journal_mode(connection: object) -> str:
    with connection.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute("PRAGMA journal_mode")
        return str(cursor.fetchone()[0])


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), deferred="--deferred" in sys.argv[2:])))
