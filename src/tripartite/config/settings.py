"""Tripartite settings, read from the environment (see .env.example).

The embedded default needs no variable at all: SQLite under ``var/``, long work queued for
``tripartite worker``, mail printed to the console, a secret key generated once into ``var/``.
"""

import re
import secrets
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from tripartite.config.env import (
    ConfigurationError,
    database_from_env,
    env_bool,
    env_int,
    env_list,
    env_str,
    file_storage_from_env,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent.parent
# From a checkout, var/ sits beside src/; from an installed package, in the working directory.
_DEFAULT_VAR = REPO_DIR / "var" if (REPO_DIR / "pyproject.toml").exists() else Path.cwd() / "var"
VAR_DIR = Path(env_str("TRIPARTITE_VAR_DIR", str(_DEFAULT_VAR)))


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in var/."""
    configured = env_str("SECRET_KEY")
    if configured:
        if len(configured) < 32:
            raise ConfigurationError("SECRET_KEY must be at least 32 characters long.")
        return configured
    # Only the embedded default writes here: with SECRET_KEY and DATABASE_URL set, importing
    # the settings writes nothing to disk (a read-only server image works).
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
SECRET_KEY_FROM_ENV = bool(env_str("SECRET_KEY"))
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "tripartite.common.views.csrf_failure"
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs page's assets locally: no CDN
    "axes",
    "django_tasks",
    "django_tasks_db",
    "tripartite.common",
    "tripartite.accounts",
    "tripartite.jobs",
    "tripartite.constituents",
    "tripartite.meetings",
    "tripartite.delegations",
    "tripartite.registration",
    "tripartite.membership",
    "tripartite.votes",
    "tripartite.proposals",
    "tripartite.correspondence",
    "tripartite.sittings",
    "tripartite.library",
    "tripartite.site",
]

MIDDLEWARE = [
    # First: the request id, the log line and the metrics cover every answer.
    "tripartite.site.middleware.RequestObservationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "tripartite.common.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tripartite.accounts.middleware.UserLanguageMiddleware",
    # After the language is known (its refusals are translated), before any view reads input.
    "tripartite.common.middleware.RefuseUnreadableInputMiddleware",
    "tripartite.common.middleware.RefusalPageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees a view's error first: Redis or the object store unreachable → 503.
    "tripartite.site.middleware.ServiceUnavailableMiddleware",
]

ROOT_URLCONF = "tripartite.config.urls"
WSGI_APPLICATION = "tripartite.config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tripartite.site.context_processors.permissions",
                "tripartite.site.context_processors.navigation",
            ],
            # Dates, ranges and amounts as each language writes them, in every template.
            "builtins": ["tripartite.common.templatetags.tripartite"],
        },
    },
]

DATABASES = {"default": database_from_env(VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts: argon2 first; repeated failed logins are throttled by django-axes.
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# One address failing with many usernames is locked too, past a higher limit: a venue's
# delegates may share one address (tripartite.accounts.lockout).
AXES_HANDLER = "tripartite.accounts.lockout.AddressAwareLockoutHandler"
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 50, minimum=1)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Languages: the ILO's three official languages; meeting content is stored in all three.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es")
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_NAME = "tripartite_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files are served by WhiteNoise, also behind a proxy.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Hashed names (app.3f2a1b.css): browsers may keep them for ever, and a new release is never
# served an old file. `collectstatic` (make run does it) writes them and their manifest.
# Uploaded and generated files (photos, letters, templates, PDFs…) go through Django's storage
# API only: the local disk under MEDIA_ROOT in the embedded default, a private S3-compatible
# bucket when S3_BUCKET is set (tripartite.config.env.file_storage_from_env). No URL serves
# them directly: each download is a view that checks permission, then streams the file.
STORAGES = {
    "default": file_storage_from_env(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = DEBUG

# Security: cookies only over HTTPS unless told otherwise (SECURE_COOKIES=false for plain HTTP
# on a machine other than this one); browsers treat 127.0.0.1 and localhost as secure.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Lock-outs count per client, not per proxy: take the address the proxy forwarded.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# Mail: sent through the SMTP server configured here. Without one, mail is printed whole to
# the console with DEBUG on (development), and with DEBUG off it is not sent and only its
# recipients and subject are logged: a password-reset link must never reach the server log.
# The console backend with DEBUG off is refused (tripartite.E002) unless ALLOW_CONSOLE_EMAIL
# is set, as `make run` does for the demonstration.
CONSOLE_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
UNSENT_EMAIL_BACKEND = "tripartite.common.mail.UnsentMailBackend"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", CONSOLE_EMAIL_BACKEND if DEBUG else UNSENT_EMAIL_BACKEND)
ALLOW_CONSOLE_EMAIL = env_bool("ALLOW_CONSOLE_EMAIL", False)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tripartite@localhost")

# Cache: Redis when REDIS_URL is given (several app servers), else in-process memory. An
# unreachable Redis fails a request within seconds, answered 503 (tripartite.site.middleware).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Live displays of sittings (docs/sittings.md): the most live streams one login may hold open
# at once, across the room displays and the delegates' pages (the next one is answered 429).
# Counted in Redis with REDIS_URL, else in the database. Raise it for a login that several
# rooms' projectors share.
LIVE_STREAMS_PER_USER = env_int("LIVE_STREAMS_PER_USER", 4, minimum=1)

# Background work: a queue in the database, run by `tripartite worker` (docs/background-jobs.md),
# in the embedded default as in production (`make run` starts one beside the web server).
# `immediate` runs the work inside the request that asks for it: for tests that want it.
TASK_BACKEND = env_str("TASK_BACKEND", "database")
if TASK_BACKEND not in {"immediate", "database"}:
    raise ConfigurationError(f"TASK_BACKEND must be immediate or database, not {TASK_BACKEND!r}.")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.backend.DatabaseBackend",
        }[TASK_BACKEND]
    }
}

# The jobs' timings, in seconds (docs/background-jobs.md). A running job shows a sign of life
# every JOBS_HEARTBEAT; one silent for JOBS_STALE_AFTER lost its worker and is queued again by
# a worker, which looks for such jobs every JOBS_RESUME_EVERY. The progress page asks again
# every JOBS_PAGE_POLL. A finished job and its file are kept JOBS_KEEP_DAYS days, then the
# worker removes them (it looks every JOBS_PRUNE_EVERY; `tripartite prunejobs` does it at once).
JOBS_HEARTBEAT = env_int("JOBS_HEARTBEAT", 15, minimum=1)
JOBS_STALE_AFTER = env_int("JOBS_STALE_AFTER", 180, minimum=2)
if JOBS_STALE_AFTER <= JOBS_HEARTBEAT:
    raise ConfigurationError(
        f"JOBS_STALE_AFTER ({JOBS_STALE_AFTER} s) must be longer than JOBS_HEARTBEAT "
        f"({JOBS_HEARTBEAT} s): a living job would be taken for a dead one.")
JOBS_RESUME_EVERY = env_int("JOBS_RESUME_EVERY", 30, minimum=1)
JOBS_PAGE_POLL = env_int("JOBS_PAGE_POLL", 2, minimum=1)
JOBS_KEEP_DAYS = env_int("JOBS_KEEP_DAYS", 30, minimum=1)
JOBS_PRUNE_EVERY = env_int("JOBS_PRUNE_EVERY", 3600, minimum=1)

# Logs go to standard error. LOG_FORMAT=json: one JSON object per line, and one line per
# request (tripartite.request) with its id, taken from the proxy's X-Request-ID or made here
# and echoed in the response. Plain text otherwise (gunicorn's access log has the requests).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ConfigurationError(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "tripartite.site.logs.RequestIdFilter"},
        "client_errors_on_one_line": {
            "()": "tripartite.common.log_filters.ClientErrorsOnOneLine"},
    },
    "formatters": {
        "json": {"()": "tripartite.site.logs.JsonFormatter"},
        "text": {"format": "%(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                             "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # A refused request (403…) is logged in one line, without the traceback that refused it.
    "loggers": {"tripartite.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
                "django.request": {"filters": ["client_errors_on_one_line"]},
                "django.security": {"filters": ["client_errors_on_one_line"]}},
}

# /metrics (Prometheus's text format) answers a scraper that sends this bearer token, and
# staff users logged in; without a token, staff only.
METRICS_TOKEN = env_str("METRICS_TOKEN")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ConfigurationError("METRICS_TOKEN must be at least 32 characters long.")

# Form bodies above this size are refused; larger files are streamed to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Registration, badges and check-in (docs/registration.md). Badge QR codes carry a token
# signed with BADGE_SIGNING_KEY; to rotate, put the old key in BADGE_SIGNING_KEY_FALLBACKS
# (comma-separated): badges signed with it stay valid until reprinted.
BADGE_SIGNING_KEY = env_str("BADGE_SIGNING_KEY") or SECRET_KEY
BADGE_SIGNING_KEY_FALLBACKS = env_list("BADGE_SIGNING_KEY_FALLBACKS", [])
BADGE_FORMAT = env_str("BADGE_FORMAT", "cr80")
if BADGE_FORMAT not in {"cr80", "a6"}:
    raise ConfigurationError(f"BADGE_FORMAT must be cr80 or a6, not {BADGE_FORMAT!r}.")
# Colour band per badge category; BADGE_COLOURS="press=#7a7a7a,observer=#2e8b57" overrides.
BADGE_COLOURS = {"government": "#1f4e9c", "employers": "#b03a2e", "workers": "#1e8449",
                 "observer": "#7d3c98", "secretariat": "#5d6d7e", "press": "#d4ac0d"}
for _entry in env_list("BADGE_COLOURS", []):
    _category, _, _colour = _entry.partition("=")
    if _category not in BADGE_COLOURS or not re.fullmatch(r"#[0-9a-fA-F]{6}", _colour):
        raise ConfigurationError(
            f"BADGE_COLOURS: {_entry!r} is not category=#rrggbb for one of "
            f"{', '.join(BADGE_COLOURS)}.")
    BADGE_COLOURS[_category] = _colour
# Scans a check-in login may make per minute (a door scans one person every few seconds).
CHECKIN_RATE_PER_MINUTE = env_int("CHECKIN_RATE_PER_MINUTE", 120, minimum=1)
