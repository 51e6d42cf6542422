"""Settings for the test suite (pyproject's DJANGO_SETTINGS_MODULE): the demo's, read with DEBUG on so
that the demo key and plain static files apply, and the staff's second factor not required, so that
tests can sign staff in with `force_login`; the tests about it turn it on.

pytest-django still runs every test with DEBUG off. Subprocesses started by tests inherit both.
"""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("CONCOURS_REQUIRE_STAFF_MFA", "0")

from concours.config.settings import *  # noqa: F403

# On SQLite the test database is a file, as the demo's is, not Django's default shared in-memory one:
# with that one, the live server's request threads (the browser tests) all use the test's single
# connection at once, and a request could run inside another's transaction (a flaky CI failure).
# Each thread now has its own connection, under the same WAL, busy timeout and IMMEDIATE transactions.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-suite.sqlite3")}  # noqa: F405
