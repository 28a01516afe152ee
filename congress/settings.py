"""Settings, read from the environment; a value we cannot use stops the start with a clear message."""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from congress.databases import databases
from congress.env import env_bool, env_int, env_list, env_str

# The text-message settings, kept in a module of their own.
from congress.settings_sms import (  # noqa: F401 - settings, read through django.conf.settings
    SMS_APP_ID,
    SMS_BACKEND,
    SMS_DAILY_CAP,
    SMS_ENDPOINT,
    SMS_KEY_ID,
    SMS_KEY_SECRET,
    SMS_PROVIDER,
    SMS_PROVIDERS,
    SMS_QUIET_FROM,
    SMS_QUIET_UNTIL,
    SMS_REGION,
    SMS_SIGN_NAME,
    SMS_TEMPLATES,
    SMS_TIMEOUT,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    # Only ever used on a developer's machine with debug on.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # The widgets' own templates, found through TEMPLATES so that templates/django/forms can replace one.
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "simple_history",
    "django_celery_beat",
    "axes",
    # Per-address limits of the voters' pages; installed for its system check of the cache (see CACHES).
    "django_ratelimit",
    # The operator's view: /healthz (django-health-check) and /metrics (django-prometheus), see congress/health.py.
    "health_check",
    "django_prometheus",
    "congress",
    "deputies",
    "activities",
    "petitions",
    "proposals",
    "assessments",
    "demo",
]

MIDDLEWARE = [
    # First and last, as django-prometheus asks: its request counts and latencies span every other middleware.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # Outside the rest, so a request's log line times all of it and sees the status that was sent.
    "congress.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "congress.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "congress.middleware.SessionRenewalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "congress.middleware.TenancyMiddleware",
    "congress.middleware.PasswordChangeRequiredMiddleware",
    "congress.middleware.OutOfRangeInputMiddleware",
    "congress.replica.ReplicaStickyMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last of ours, as django-axes asks: it turns a locked-out login into the lockout page (prometheus' counter
    # only wraps it, and changes no response).
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's backend, which also takes a login's registered phone in place of its name.
    "congress.backends.PhoneOrUsernameBackend",
]

ROOT_URLCONF = "congress.urls"
WSGI_APPLICATION = "congress.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "congress.context_processors.shell",
            ],
        },
    },
]

# Widgets render through TEMPLATES: templates/django/forms/widgets/select_option.html words the empty choice.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------
DATABASES = databases(BASE_DIR)
DATABASE_ROUTERS = ["congress.db_routers.ReplicaRouter"]
# After a user writes, their reads stay on the primary this long, so they see their change before the replica does.
REPLICA_STICKY_SECONDS = env_int("DJANGO_REPLICA_STICKY_SECONDS", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Dates as an office writes them (2027年2月22日, 2026年10月), not Django's defaults (02月22日).
FORMAT_MODULE_PATH = ["congress.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploads are private (congress.storage): no public address; each is sent by its record's download view.
    "default": {"BACKEND": "congress.storage.PrivateStorage"},
    # Hashed names let browsers cache our files for a year; debug serves them straight from the folders.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Absolute and normalised as the storage makes a file's path, which must lie under SENDFILE_ROOT to be sent.
MEDIA_ROOT = Path(os.path.abspath(env_str("DJANGO_MEDIA_ROOT") or BASE_DIR / "media"))
# No MEDIA_URL: nothing under MEDIA_ROOT has a public address, and no URL serves the folder.

# Sending a private file after its view has checked the viewer (django-sendfile2): `simple` reads it through
# Django (`make run`, a small intranet machine); in production `nginx` answers with X-Accel-Redirect to the
# internal location SENDFILE_URL, and nginx sends the bytes from SENDFILE_ROOT (README, "Production").
SENDFILE_BACKENDS = ("simple", "nginx", "xsendfile", "mod_wsgi")
_sendfile_backend = env_str("DJANGO_SENDFILE_BACKEND", "simple").removeprefix("django_sendfile.backends.")
if _sendfile_backend not in SENDFILE_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_SENDFILE_BACKEND={_sendfile_backend!r} is not one of {', '.join(SENDFILE_BACKENDS)}."
    )
SENDFILE_BACKEND = f"django_sendfile.backends.{_sendfile_backend}"
SENDFILE_ROOT = MEDIA_ROOT
SENDFILE_URL = "/" + env_str("DJANGO_SENDFILE_URL", "/private-files").strip("/")
# The largest request body accepted: the largest upload (10 MB) and the form around it. Larger is refused
# before it is read (congress.middleware.RequestSizeLimitMiddleware).
MAX_REQUEST_BYTES = 11 * 1024 * 1024

# --- Cache ----------------------------------------------------------------------------------
# Shared by every web process: the per-address limits of the voters' pages (django-ratelimit) count in it.
# Redis when DJANGO_CACHE_URL names one (redis://127.0.0.1:6379/1); otherwise files under the data folder,
# which the gunicorn workers of one machine share without any setup: `cache/` beside the uploads folder (not in
# it: Django's deployment check refuses a cache under MEDIA_ROOT).
_cache_url = env_str("DJANGO_CACHE_URL")
if _cache_url:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("DJANGO_CACHE_DIR") or str(MEDIA_ROOT.parent / "cache"),
            # Room for a busy hour's addresses before the cache culls (and so forgets) a third of its counts.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
# django-ratelimit warns of Django's own Redis backend (it names only django-redis) and refuses the file cache,
# whose increment is not atomic: two requests at the same instant may count once. For a limit of tens an hour
# that is a rounding error, and the per-mobile limits are counted from the database anyway.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Mail and SMS ---------------------------------------------------------------------------
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "noreply@localhost")
# Text messages: congress/settings_sms.py, imported above.

# The address deputies open from a text message: the links in texts start with it.
SITE_URL = (env_str("DJANGO_SITE_URL") or "http://localhost:8000").rstrip("/")

# --- Celery ---------------------------------------------------------------------------------
_broker_url = env_str("CELERY_BROKER_URL")
# No broker (the embedded default): run every task in-process, at once, so one machine works alone.
# The in-memory transport keeps Celery from ever reaching for a default AMQP server in that case.
CELERY_BROKER_URL = _broker_url or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not _broker_url
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
# A task is acknowledged after it ran, so a worker killed mid-task leaves it for another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message at a time per process: long monthly jobs must not hold back short reminders.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
# A broker that is down at start is retried and logged, not a crash.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message taken by a worker that died unacknowledged goes back to the queue after this many seconds
# (Redis keeps it aside until then); longer than the longest task, so a slow task is never run twice at once.
# A worker looks for such messages every 10 s × 10 (kombu's defaults; a test of a killed worker, every second).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "unacked_restore_interval": env_int("CELERY_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": env_int("CELERY_RESTORE_THROTTLE", 10),
}
# With the broker down, a page that enqueues a task gives up within about a second: the message stays in the
# outbox for the sweep, and the page answers.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Security -------------------------------------------------------------------------------
# Idle timeout: the session ends after this many minutes without a request. A logged-in user's requests
# renew it, at most once a minute (congress.middleware.SessionRenewalMiddleware), not with a write each.
SESSION_COOKIE_AGE = 60 * env_int("DJANGO_SESSION_IDLE_MINUTES", 30)
SESSION_RENEW_SECONDS = 60
# A deputy on their own phone ("remember this phone" at login) stays logged in this long, idle or not; every
# other role keeps the idle timeout above whatever they ticked (congress.views.Login, the renewal middleware).
SESSION_REMEMBER_DAYS = env_int("DJANGO_SESSION_REMEMBER_DAYS", 30)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # Behind the intranet's proxy, which terminates HTTPS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

# Content security policy (django-csp), in every mode so the tests see what production serves: our own
# files only, no inline script or style, nothing from another host, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Login lockout (django-axes), a lock nobody can turn on someone else: 5 failed attempts on one login from one
# address lock that pair for 15 minutes; the same login from another address still logs in. Never the address
# alone: a whole office shares one address behind the town's router, and five typos must not lock them all out.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A phone typed at the login counts against the login it stands for (congress.backends).
AXES_USERNAME_CALLABLE = "congress.backends.login_username"
# Guessing one login from many addresses (congress.lockout): once it has failed LOGIN_DELAY_AFTER times within
# the lockout period, whatever the addresses, each further attempt must wait 2^k seconds after the last failure
# (k = failures beyond that number), at most LOGIN_DELAY_MAX_SECONDS, and is refused with how long to wait,
# never held. 10 is twice the pair's limit: a person who mistypes at the office and at home never meets it.
# The owner waits at most 5 minutes, never the 15 of a lock. Failures count while axes keeps their rows (the
# lockout period after each address's last one), so a guesser with endless addresses settles at about one try a
# minute (a 64-second delay with some 14 failures in the last 15 minutes), where the pair lock alone allows 4
# per address.
LOGIN_DELAY_AFTER = env_int("DJANGO_LOGIN_DELAY_AFTER", 10)
LOGIN_DELAY_MAX_SECONDS = env_int("DJANGO_LOGIN_DELAY_MAX_SECONDS", 300)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "congress.views.login_locked"
# Every failed login is kept for the audit, not only the running count.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 1000
AXES_VERBOSE = False
# Imports of the register: at most this many rows a sheet (a preview of each row is a page the office reads),
# and a workbook's parts at most this many MB once unpacked, checked before parsing (a zip bomb is refused).
IMPORT_MAX_ROWS = env_int("DJANGO_IMPORT_MAX_ROWS", 5000)
IMPORT_MAX_UNCOMPRESSED_MB = env_int("DJANGO_IMPORT_MAX_UNCOMPRESSED_MB", 50)
# The files uploaded for a preview are removed this many hours after upload if never confirmed nor cancelled.
IMPORT_FILE_HOURS = env_int("DJANGO_IMPORT_FILE_HOURS", 24)
# How long the audit keeps login records and record histories (days); at least 180 (等保 2.0).
AUDIT_RETENTION_DAYS = max(180, env_int("DJANGO_AUDIT_RETENTION_DAYS", 365))
# The demo's published logins (load_demo) keep their password while debug is on: a first look, never production.
DEMO_LOGINS = frozenset({"office", "leader", "deputy", "unit", "county", "office2"})
AUDITED_APPS = ("congress", "deputies", "activities", "petitions", "proposals", "assessments")
# Behind a proxy that sets X-Forwarded-For, record the address it forwarded rather than the proxy's own.
AUDIT_TRUST_X_FORWARDED_FOR = env_bool("DJANGO_TRUST_X_FORWARDED_FOR", default=False)
# django-simple-history: nobody reverts a record to an old version from the administration.
SIMPLE_HISTORY_REVERT_DISABLED = True

# One JSON line per record (python-json-logger: it turns the request line's fields, passed as `extra`, into keys,
# and any value into JSON; the stdlib would need a formatter of ours). DJANGO_LOG_FORMAT=plain for a terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["asctime", "levelname", "name", "message"],
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain" if env_str("DJANGO_LOG_FORMAT", "json") == "plain" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # In-process tasks would log a line per task run into the web server's log.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
        # The request line (congress.request_log) replaces the server's own access line.
        "congress.requests": {"level": "INFO"},
    },
}

# --- The operator's view (README, "Production"): /metrics answers only these addresses, others get a 404 ---
METRICS_ALLOWED_IPS = env_list("DJANGO_METRICS_ALLOWED_IPS", "127.0.0.1,::1")
# /healthz: a replica further behind than this is reported (a warning: it still answers, only late).
HEALTH_REPLICA_LAG_SECONDS = env_int("DJANGO_HEALTH_REPLICA_LAG_SECONDS", 60)
# beat's most frequent job (every minute) not sent for this long: beat is down.
HEALTH_BEAT_STALE_SECONDS = env_int("DJANGO_HEALTH_BEAT_STALE_SECONDS", 600)
# Less free space than this under MEDIA_ROOT fails the disk check: uploads and exports would start failing.
HEALTH_DISK_MIN_FREE_MB = env_int("DJANGO_HEALTH_DISK_MIN_FREE_MB", 1024)
HEALTH_WORKER_PING_SECONDS = env_int("DJANGO_HEALTH_WORKER_PING_SECONDS", 2)  # /healthz's wait for a pong

# Shown in the page shell and the public pages.
PRODUCT_NAME = _("Township Congress Deputies' Work")

# In debug, serve files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
