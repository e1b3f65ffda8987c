"""Settings read from the environment so the same code runs in a clone, in CI and in production.

Environment:
  DATABASE_URL   postgres://user:pass@host:5432/db ; default SQLite (WAL) in NGVH_DATA_DIR
  SECRET_KEY     required when DEBUG=0
  DEBUG          1/0 (default 1 for the local clone)
  ALLOWED_HOSTS  comma separated
  NGVH_DATA_DIR  where the SQLite file and uploaded evidence live (default ./var)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("NGVH_DATA_DIR", Path.cwd() / "var")).resolve()

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG=0")
    SECRET_KEY = "dev-only-insecure-key-change-me-" + "x" * 32

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "ngvh.core",
    "ngvh.accounts",
    "ngvh.agencies",
    "ngvh.plans",
    "ngvh.activities",
    "ngvh.reporting",
    "ngvh.documents",
    "ngvh.dashboard",
    "ngvh.api",
    "ngvh.public",
    "ngvh.partners",
    "ngvh.delegations",
    "ngvh.people",
    "ngvh.gifts",
    "ngvh.training",
    "ngvh.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ngvh.core.sessions.SessionRefreshMiddleware",
    "ngvh.core.middleware.LanguageMiddleware",
    "ngvh.core.middleware.RefuseNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves static files itself (gunicorn behind a proxy, no CDN).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "ngvh.config.urls"
WSGI_APPLICATION = "ngvh.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ngvh.core.context_processors.ngvh",
            ],
        },
    }
]

_default_sqlite = f"sqlite:///{DATA_DIR / 'ngvh.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_sqlite))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers work while one writer commits; IMMEDIATE takes the write
            # lock at BEGIN so concurrent submitters queue instead of failing with
            # "database is locked" half-way through a transaction.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
# Persistent connections for both engines: reopening the SQLite file per request re-ran
# the PRAGMAs above and started every request with a cold page cache (the init_command
# still runs once per new connection). dj_database_url always fills CONN_MAX_AGE with 0,
# so a setdefault here would never apply; NGVH_CONN_MAX_AGE overrides.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("NGVH_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Sessions end after an hour without activity.
SESSION_COOKIE_AGE = int(os.environ.get("NGVH_SESSION_IDLE_SECONDS", "3600"))
# The session is extended by ngvh.core.sessions.SessionRefreshMiddleware, not on every
# request: a write per page view queued readers behind writers on SQLite.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("NGVH_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("NGVH_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["ngvh.config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "evidence"  # never served directly: see activities.views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ngvh@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
NGVH_BASE_URL = os.environ.get("NGVH_BASE_URL", "http://127.0.0.1:8000")

# Uploaded evidence.
NGVH_MAX_UPLOAD_BYTES = int(os.environ.get("NGVH_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ngvh.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "ngvh.api.pagination.Pages",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "ngvh.api.problems.handle",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle", "rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("NGVH_API_RATE_USER", "6000/hour"),
        "anon": os.environ.get("NGVH_API_RATE_ANON", "1200/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NGVH API",
    "DESCRIPTION": (
        "Plans, tasks, agencies, activities, annual reports and reporting rates. Authenticate with "
        "`Authorization: Token <key>` (created on the account's API tokens page) or a signed-in session. "
        "Lists are paginated (`page`, `page_size` ≤ 200). Errors are problem details (RFC 9457) with a "
        "stable `code`; messages are Vietnamese unless `Accept-Language: en` is sent. Writes answer 409 "
        "when the version (reports) or ETag (activities, `If-Match`) you read is no longer current."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from the sidecar package: served by us, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActivityKindEnum": "ngvh.activities.models.ActivityKind",
        "ActivityStatusEnum": "ngvh.activities.models.ActivityStatus",
        "ReportStatusEnum": "ngvh.reporting.models.ReportStatus",
        "TaskStatusEnum": "ngvh.reporting.models.TaskStatus",
        "PartnerKindEnum": "ngvh.activities.models.PartnerKind",
    },
}

# Content-Security-Policy (django-csp 3.x): no inline script anywhere.
CSP_DEFAULT_SRC = ("'self'",)
CSP_SCRIPT_SRC = ("'self'",)
CSP_STYLE_SRC = ("'self'",)
CSP_IMG_SRC = ("'self'", "data:")
CSP_FONT_SRC = ("'self'",)
CSP_CONNECT_SRC = ("'self'",)
CSP_FRAME_ANCESTORS = ("'none'",)
CSP_FORM_ACTION = ("'self'",)
CSP_BASE_URI = ("'none'",)
CSP_OBJECT_SRC = ("'none'",)

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "ngvh": {"handlers": ["console"], "level": os.environ.get("NGVH_LOG_LEVEL", "INFO")},
        "ngvh.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Demo mode: `ngvh demo` refuses to create demo accounts unless this is on (it is, for
# `make run`); production deployments leave it off.
NGVH_DEMO = env_bool("NGVH_DEMO", DEBUG)

# Report reminders (`ngvh remind`, docs/reminders.md): days before the deadline, and how
# many days after it the overdue notices and the coordinators' summary may still go out.
NGVH_REMINDER_DAYS = tuple(int(n) for n in env_list("NGVH_REMINDER_DAYS", "14,3"))
NGVH_REMINDER_OVERDUE_WINDOW_DAYS = int(os.environ.get("NGVH_REMINDER_OVERDUE_WINDOW_DAYS", "14"))
