from __future__ import annotations

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concours.config.settings")
application = get_wsgi_application()
# A web process refuses to start without a secret key (DEBUG off and no SECRET_KEY) rather than fail on
# every request: Django raises ImproperlyConfigured when an empty key is read. Commands that sign
# nothing, such as migrate, run without one.
_secret_key = settings.SECRET_KEY
