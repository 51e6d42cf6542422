"""Settings for Concours, read from the environment with safe defaults for the demo.

Production sets at least SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and DATABASE_URL; see the README.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # src/concours
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("CONCOURS_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless the environment turns it on: `make demo` and the test settings do.
DEBUG = env_bool("DEBUG", False)
# The demo key is only used while DEBUG is on. With DEBUG off and no SECRET_KEY, Django refuses to sign
# anything (sessions, CSRF) and `check --deploy` says so; tools that sign nothing (migrations, mypy's
# plugin, makemigrations --check) still run.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "concours-demo-key-not-for-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "concours.core",
    "concours.accounts",
    "concours.vacancies",
    "concours.candidates",
    "concours.applications",
    "concours.notifications",
    "concours.screening",
    "concours.essays",
    "concours.accommodation",
    "concours.genai",
    "concours.assessment",
    "concours.selection",
    "concours.privacy",
    "concours.portal",
    "concours.backoffice",
    "concours.demo",
]

MIDDLEWARE = [
    # First: the instant a request arrived is what deadlines are checked against.
    "concours.core.middleware.ArrivalMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "concours.accounts.middleware.UserLanguageMiddleware",  # mails go out in the user's language
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "concours.accounts.middleware.StaffMFARequiredMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "concours.config.urls"
WSGI_APPLICATION = "concours.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "concours.accounts.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'concours.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker and the web process read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
    )
    # Every transaction takes the write lock when it begins, waiting up to busy_timeout for it. With
    # SQLite's default (deferred), a transaction reads first and asks for the lock at its first write;
    # if another wrote since it began reading, SQLite answers "database is locked" at once, without
    # waiting: 9 of 10 simultaneous submissions failed so. (SQLite ignores SELECT ... FOR UPDATE.)
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every process, in the database (table made by `concours createcachetable`): it holds
# the login and sign-up counts, which must not differ from one web worker to the next.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "concours_cache",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: candidates register with their email address, which they must verify.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "concours.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "concours.accounts.forms.SignupForm"}
# Sign-up for an address that has an account answers as for a new one and mails the owner instead.
ACCOUNT_PREVENT_ENUMERATION = True
# allauth counts attempts in Django's cache: the database cache (CACHES), so every web process shares
# the counts. Failed logins are limited per client address (spraying many accounts) and per account
# (guessing one); a wrong guess from one address never locks out the others.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
}
# How many proxies of ours stand in front of Concours, each adding the address it saw to
# X-Forwarded-For: the client's address is read that many places from the right (what a client writes
# itself is further left and ignored). 0: the connection's own address.
CONCOURS_TRUSTED_PROXIES = int(os.environ.get("CONCOURS_TRUSTED_PROXIES", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = CONCOURS_TRUSTED_PROXIES

# Staff sign in with a second factor: an authenticator app (TOTP), with recovery codes. Recruiters and
# administrators must set one up before the back office opens (accounts/middleware.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("CONCOURS_SITE_NAME", "Concours")
CONCOURS_REQUIRE_STAFF_MFA = env_bool("CONCOURS_REQUIRE_STAFF_MFA", True)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Concours <no-reply@localhost>")
# The product's or organisation's name, as mails and the authenticator app show it (not the host name).
CONCOURS_SITE_NAME = os.environ.get("CONCOURS_SITE_NAME", "Concours")
# Links in mails (slot invitations, panel invitations) start with this address.
CONCOURS_SITE_URL = os.environ.get("CONCOURS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The right-hand part of calendar UIDs (RFC 5545 asks for a domain the organisation controls).
CONCOURS_CALENDAR_DOMAIN = os.environ.get("CONCOURS_CALENDAR_DOMAIN", "concours.localhost")
# Below this many scorers left for a candidate (after conflicts of interest), the panel's chair is told.
CONCOURS_MIN_SCORERS = int(os.environ.get("CONCOURS_MIN_SCORERS", "2"))

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files and renditions go through Django's storage API: to MEDIA_ROOT on this machine, or, with
# CONCOURS_STORAGE=s3, to an S3-compatible bucket that every web and worker machine shares. Files are
# never linked to: they stream through the permission-checked views (no public URL, no signed URL).
CONCOURS_STORAGE = os.environ.get("CONCOURS_STORAGE", "local")
DEFAULT_STORAGE: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if CONCOURS_STORAGE == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "concours.core.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            # Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment, or the
            # machine's role, as boto3 finds them; none is kept in settings.
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            "max_memory_size": 1024 * 1024,  # a download larger than this spools to disk
        },
    }
elif CONCOURS_STORAGE != "local":
    raise ImproperlyConfigured("CONCOURS_STORAGE must be 'local' or 's3'.")
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"  # never served directly: attachments go through permission-checked views

# Uploads: the limit per attachment, checked as the file arrives (concours.core.uploads) and by the
# services; every attachment then passes the kernel's gate (concours.kernel.documents).
CONCOURS_MAX_UPLOAD_BYTES = int(os.environ.get("CONCOURS_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
CONCOURS_MAX_PDF_PAGES = int(os.environ.get("CONCOURS_MAX_PDF_PAGES", "30"))
# The whole request body, files included; above it nothing is read (400). The proxy's limit should
# match (nginx: client_max_body_size). Room for a CV and an essay each somewhat over their limit, so
# that a candidate is told which file is too large rather than shown a bare error.
CONCOURS_MAX_REQUEST_BYTES = int(
    os.environ.get("CONCOURS_MAX_REQUEST_BYTES", str(4 * CONCOURS_MAX_UPLOAD_BYTES))
)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",  # requests under 1 MiB stay in memory
    "concours.core.uploads.SizeLimitedUploadHandler",  # larger ones stream to disk, cut at the limit
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # form fields without the files: no page needs more
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000  # the profile form at its row caps, every box ticked: about 1,300
DATA_UPLOAD_MAX_NUMBER_FILES = 20  # notices are imported a few at a time; larger batches use the command

# Applications, their files and draft checks are erased this many days after their competition closed
# (`concours erase_expired`, from cron); an organisation may set its own period (OrgUnit.retention_days).
CONCOURS_RETENTION_DAYS = int(os.environ.get("CONCOURS_RETENTION_DAYS", str(2 * 365)))
# Documents supporting a request for reasonable accommodation are kept apart and erased sooner: this many
# days after the competition closed (`concours erase_accommodation_documents`, from cron), unless the
# organisation sets its own period (OrgUnit.accommodation_retention_days).
CONCOURS_ACCOMMODATION_RETENTION_DAYS = int(os.environ.get("CONCOURS_ACCOMMODATION_RETENTION_DAYS", "90"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
        # Rendering (LibreOffice) has a queue of its own, so that a slow document never holds up
        # screening or mail: run `concours db_worker --queue-name rendering` beside the default worker.
        # The generative-AI signal (a language model, seconds per essay) has its own: "genai".
        "QUEUES": ["default", "rendering", "genai"],
    }
}

# HTTPS only outside the demo. Behind trusted proxies, the proxy says whether the client used HTTPS
# (X-Forwarded-Proto); without one, the connection itself says.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if CONCOURS_TRUSTED_PROXIES else None
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts, styles, fonts and images from our own origin only, no
# inline code anywhere; data: images for the QR code of the authenticator app.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
