"""Settings for the test suite (pyproject's DJANGO_SETTINGS_MODULE): the demo's, read with DEBUG on so
that the demo key and plain static files apply, and the staff's second factor not required, so that
tests can sign staff in with `force_login`; the tests about it turn it on.

pytest-django still runs every test with DEBUG off. Subprocesses started by tests inherit both.
"""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("CONCOURS_REQUIRE_STAFF_MFA", "0")

from concours.config.settings import *  # noqa: F403
