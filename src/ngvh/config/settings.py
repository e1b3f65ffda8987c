"""Settings read from the environment so the same code runs in a clone, in CI and in production.

Environment:
  DATABASE_URL   postgres://user:pass@host:5432/db ; default SQLite (WAL) in NGVH_DATA_DIR
  SECRET_KEY     required when DEBUG=0 (the development secret is refused)
  DEBUG          1/0 (default 0: production settings; 1 only when asked, or in demo mode)
  NGVH_DEMO      1/0 (default 0): demo accounts and development settings; `make run` sets it
  ALLOWED_HOSTS  comma separated
  NGVH_DATA_DIR  where the SQLite file and uploaded evidence live (default ./var)
  NGVH_S3_*      evidence and pending imports in an S3-compatible bucket (see s3_storage)
  REDIS_URL      the shared cache (see cache_settings); local memory when unset
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
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

# Safe by default: a bare start gets production settings. Development settings come only
# from DEBUG=1 or from demo mode (NGVH_DEMO=1, which `make run` sets); DEBUG=0 wins over
# demo mode when both are given.
NGVH_DEMO = env_bool("NGVH_DEMO", False)
DEBUG = env_bool("DEBUG", NGVH_DEMO)
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-" + "x" * 32
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and (
    not SECRET_KEY
    or SECRET_KEY == DEVELOPMENT_SECRET_KEY
    or SECRET_KEY.startswith(("dev-only-insecure", "django-insecure"))
):
    # Refused at settings load so no entry point (gunicorn, manage commands, timers)
    # can start with a published key. Both languages: the reader may be either.
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a private random value when DEBUG=0 (the development "
        "secret is refused); set DEBUG=1 or NGVH_DEMO=1 only on a development machine. / "
        "Khi DEBUG=0 phải đặt SECRET_KEY bằng một giá trị ngẫu nhiên, giữ bí mật (không "
        "chấp nhận khóa dùng cho phát triển); chỉ đặt DEBUG=1 hoặc NGVH_DEMO=1 trên máy phát triển."
    )
if not SECRET_KEY:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

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
    "ngvh.outbox",
    "ngvh.partners",
    "ngvh.delegations",
    "ngvh.people",
    "ngvh.gifts",
    "ngvh.training",
    "ngvh.budget",
    "ngvh.site",
]
# The benchmark is a developer's tool: its command exists only where the bench runs
# (``ngvh bench`` sets this), never in a production install.
if os.environ.get("NGVH_BENCH") == "1":
    INSTALLED_APPS.append("ngvh.bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ngvh.core.sessions.SessionRefreshMiddleware",
    "ngvh.core.middleware.LanguageMiddleware",
    "ngvh.core.middleware.RefuseNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "ngvh.accounts.backends.SessionBackendUpgradeMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ngvh.core.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ngvh.core.middleware.CSPMiddleware",  # django-csp's, the site-wide header built once
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
                "ngvh.site.context_processors.ngvh",
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
    # ModelBackend with the agency and the demo flag in the user's query (sessions signed in
    # through ModelBackend are moved to it by SessionBackendUpgradeMiddleware).
    "ngvh.accounts.backends.AccountBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "site:home"

# Sessions end after an hour without activity.
SESSION_COOKIE_AGE = int(os.environ.get("NGVH_SESSION_IDLE_SECONDS", "3600"))
# The session is extended by ngvh.core.sessions.SessionRefreshMiddleware, not on every
# request: a write per page view queued readers behind writers on SQLite.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("NGVH_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("NGVH_LOGIN_COOLOFF_HOURS", "0.25"))
# Locked per (username, address) pair: failures from one address never lock the same
# account for someone signing in from another.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address as the lockout sees it: X-Forwarded-For only from a trusted proxy.
AXES_CLIENT_IP_CALLABLE = "ngvh.core.net.client_ip"
# Reverse proxies (addresses or networks, comma separated) whose X-Forwarded-For is
# believed, e.g. "127.0.0.1,10.0.0.0/24". Empty: the direct peer is the client.
NGVH_TRUSTED_PROXIES = env_list("NGVH_TRUSTED_PROXIES")
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


def _s3_client_config(addressing_style: str, timeout: float = 5, attempts: int = 2):
    """Timeouts bound what an S3 that stops answering costs an officer: each call waits at
    most ``timeout`` seconds per read and tries ``attempts`` times, so an upload or a
    download fails with its message within about 2 × timeout instead of the botocore
    default's minutes (60 s × 3 reads)."""
    from botocore.config import Config

    return Config(
        s3={"addressing_style": addressing_style}, connect_timeout=min(timeout, 5), read_timeout=timeout,
        retries={"total_max_attempts": attempts, "mode": "standard"},
    )


def s3_storage(environ) -> dict | None:
    """Evidence and pending imports in an S3-compatible bucket (django-storages) when
    ``NGVH_S3_BUCKET`` is set, so that every app server reads what another one stored:

      NGVH_S3_BUCKET         bucket name (required to switch S3 on)
      NGVH_S3_ENDPOINT_URL   https://s3.example.vn (MinIO, Ceph, a cloud's S3); empty for AWS
      NGVH_S3_ACCESS_KEY_ID, NGVH_S3_SECRET_ACCESS_KEY   keys (or the usual AWS_* variables / an instance role)
      NGVH_S3_REGION         region name (default us-east-1)
      NGVH_S3_PREFIX         folder inside the bucket (default none)
      NGVH_S3_ADDRESSING     path (default) or virtual
      NGVH_S3_TIMEOUT_SECONDS, NGVH_S3_ATTEMPTS   per-read timeout (5 s) and tries (2)
    Files are never public: the bucket is private and the app streams every download itself."""
    bucket = environ.get("NGVH_S3_BUCKET", "").strip()
    if not bucket:
        return None
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("NGVH_S3_ENDPOINT_URL") or None,
        "access_key": environ.get("NGVH_S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("NGVH_S3_SECRET_ACCESS_KEY") or None,
        "region_name": environ.get("NGVH_S3_REGION", "us-east-1"),
        "location": environ.get("NGVH_S3_PREFIX", "").strip("/"),
        # A store that is down answers within seconds (the page says so) instead of hanging it.
        "client_config": _s3_client_config(
            environ.get("NGVH_S3_ADDRESSING", "path"),
            timeout=float(environ.get("NGVH_S3_TIMEOUT_SECONDS", "5")),
            attempts=int(environ.get("NGVH_S3_ATTEMPTS", "2")),
        ),
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": s3_storage(os.environ) or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG



def cache_settings(environ) -> dict:
    """The shared cache: Redis through Django's built-in backend when ``REDIS_URL`` is set
    (redis://host:6379/0; every app server must use the same one), local memory otherwise
    (one process only). Holds the dashboards' cached bodies (dashboard/cache.py), keyed on
    the data versions, so nothing in it has to be invalidated and a lost Redis loses
    nothing: pages are built again. Short timeouts so a Redis that stops answering slows a
    page by at most a second instead of hanging it."""
    url = environ.get("REDIS_URL", "").strip()
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ngvh"}}
    timeout = float(environ.get("NGVH_REDIS_TIMEOUT_SECONDS", "1"))
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": environ.get("NGVH_CACHE_PREFIX", "ngvh"),
            "TIMEOUT": 3600,
            "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        }
    }


CACHES = cache_settings(os.environ)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ngvh@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# The mail outbox (ngvh.outbox, docs/reminders.md): tries and the backoff between them.
NGVH_MAIL_MAX_ATTEMPTS = int(os.environ.get("NGVH_MAIL_MAX_ATTEMPTS", "8"))
# The try made right after the change that queued a mail runs inside the officer's request:
# a short SMTP timeout keeps a silent mail server from holding the page (the timer retries).
NGVH_MAIL_INLINE_TIMEOUT = float(os.environ.get("NGVH_MAIL_INLINE_TIMEOUT", "3"))
NGVH_MAIL_RETRY_BASE_SECONDS = int(os.environ.get("NGVH_MAIL_RETRY_BASE_SECONDS", "60"))
NGVH_MAIL_RETRY_MAX_SECONDS = int(os.environ.get("NGVH_MAIL_RETRY_MAX_SECONDS", "21600"))
NGVH_BASE_URL = os.environ.get("NGVH_BASE_URL", "http://127.0.0.1:8000")

# `ngvh cleanup` (site/cleanup.py): abandoned imports, orphaned evidence files, retention.
NGVH_CLEANUP_IMPORT_HOURS = int(os.environ.get("NGVH_CLEANUP_IMPORT_HOURS", "24"))
NGVH_CLEANUP_DRAFT_DAYS = int(os.environ.get("NGVH_CLEANUP_DRAFT_DAYS", "30"))
NGVH_CLEANUP_ORPHAN_HOURS = int(os.environ.get("NGVH_CLEANUP_ORPHAN_HOURS", "24"))
NGVH_RETENTION_ACCESS_LOG_DAYS = int(os.environ.get("NGVH_RETENTION_ACCESS_LOG_DAYS", "365"))
NGVH_RETENTION_SECURITY_EVENT_DAYS = int(os.environ.get("NGVH_RETENTION_SECURITY_EVENT_DAYS", "730"))

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

# Demo mode (NGVH_DEMO, read above): `ngvh demo` creates demo accounts only when it is on
# (it is, for `make run`); production deployments leave it off.

# Report reminders (`ngvh remind`, docs/reminders.md): days before the deadline, and how
# many days after it the overdue notices and the coordinators' summary may still go out.
NGVH_REMINDER_DAYS = tuple(int(n) for n in env_list("NGVH_REMINDER_DAYS", "14,3"))
NGVH_REMINDER_OVERDUE_WINDOW_DAYS = int(os.environ.get("NGVH_REMINDER_OVERDUE_WINDOW_DAYS", "14"))
