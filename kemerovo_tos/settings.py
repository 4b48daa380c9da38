"""Settings of the TOS registry, read from the environment.

Local defaults are safe for a developer's machine: an SQLite file beside the
code, DEBUG only when asked for. In production (DJANGO_DEBUG off) a secret key
must be given, or the app refuses to start.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it, or set DJANGO_DEBUG=1 for local work."
        )
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "import_export",
    "simple_history",
    "core.apps.AxesConfig",
    "django_tasks",
    "django_tasks_db",
    # The foundation, the domain apps bottom to top, the pages, the wiring
    # (docs/architecture.md).
    "core",
    "accounts",
    "committees",
    "events",
    "centers",
    "contests",
    "returns",
    "reports",
    "portal",
    "demo",
    "kemerovo_tos",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response.
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of the authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kemerovo_tos.urls"
WSGI_APPLICATION = "kemerovo_tos.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work beside one writer; IMMEDIATE transactions take
    # the write lock up front, so concurrent writers queue for busy_timeout
    # instead of failing with "database is locked" half-way through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
    # The annual report groups a year of events (tens of thousands of rows)
    # in one query; PostgreSQL's default 4 MB sorts them on disk
    # (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c work_mem={env.str('DJANGO_PG_WORK_MEM', default='32MB')}"
    )

# A PostgreSQL streaming replica for report reads (core.db_router).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.db_router.PrimaryReplicaRouter"]

# One cache shared by every process and host: the report page's figures,
# tables and charts of an unchanged year (reports.views, reports.charts), so
# a restarted worker does not compute them again. By default a table of the
# database, made by `migrate` (kemerovo_tos/apps.py); DJANGO_CACHE_URL names
# another (e.g. redis://host:6379/1).
CACHES = {
    "default": env.cache_url("DJANGO_CACHE_URL", default="dbcache://kemerovo_tos_cache"),
}
CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 1000)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = "Asia/Novokuznetsk"  # Kemerovo time, UTC+7
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded files are served by the app after a permission check
# (portal.media), never by the web server directly. With nginx in front,
# set this to an `internal` location that maps to MEDIA_ROOT: the app
# checks, then answers with X-Accel-Redirect and nginx sends the bytes.
TOS_MEDIA_ACCEL_PREFIX = env.str("DJANGO_MEDIA_ACCEL_PREFIX", default="")
# Uploaded photos and booklets: the local MEDIA_ROOT by default; an
# S3-compatible bucket (django-storages) when several app hosts share them.
S3_BUCKET = env.str("DJANGO_S3_BUCKET", default="")
MEDIA_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("DJANGO_S3_ENDPOINT_URL", default="") or None,
            "access_key": env.str("DJANGO_S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("DJANGO_S3_SECRET_KEY", default="") or None,
            "region_name": env.str("DJANGO_S3_REGION", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,  # photos are personal data: signed links only
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "/"

# Sessions: end after an hour idle; the cookie is renewed on every request.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_AGE", default=60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): scripts and styles only from our
# own static files, no inline code anywhere. The one exception is a style
# attribute the admin writes on a photo's preview (events/admin.py), allowed
# by its hash alone ('unsafe-hashes' permits attribute values with exactly
# these hashes, not inline <style> or <script>). Photos in an S3 bucket come
# from the bucket's origin. No page uses data: images (the report inlines
# its charts as sanitised SVG, reports.charts.safe_svg), so none are allowed.
_CSP_STYLE_ATTR_HASHES = [
    # events.admin.EventPhotoInline.preview: "max-height:80px;max-width:120px"
    "'sha256-ilR0eaz07YL6p1BUxrxL/wJdfIIlt+NeabXSmMOsYPI='",
]
_CSP_MEDIA_ORIGINS = []
if S3_BUCKET:
    # The endpoint's host (path-style links) and its subdomains (the bucket's
    # own host, virtual-hosted links); AWS itself without an endpoint.
    _s3_endpoint = env.str("DJANGO_S3_ENDPOINT_URL", default="") or "https://amazonaws.com"
    _s3_scheme, _, _s3_rest = _s3_endpoint.partition("://")
    _s3_host = _s3_rest.split("/")[0]
    _CSP_MEDIA_ORIGINS = [f"{_s3_scheme}://{_s3_host}", f"{_s3_scheme}://*.{_s3_host}"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-hashes'", *_CSP_STYLE_ATTR_HASHES],
        "img-src": ["'self'", *_CSP_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Failed logins: five in a row lock the username from that address for a
# cool-off period, not for ever.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Behind a reverse proxy: the number of proxies in front of the app, so that
# the client address is the one the outermost trusted proxy saw, never what a
# client wrote into X-Forwarded-For itself (accounts.security).
TOS_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip_address"

IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# An upload waits for its confirmation under a random id, in a private
# folder, confirmable only by the session that made it (never a path the
# client names: the library's default reads and deletes any temp file).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "core.imports.upload_store.PrivateUploadStorage"
# Uploads go unread to the registry's import engine (core.imports);
# CSV exports carry a BOM so that Excel reads Cyrillic right; «CSV (Excel, ;)»
# is split at semicolons, as a Russian locale expects.
from core.imports import formats as _import_formats  # noqa: E402

IMPORT_FORMATS = [_import_formats.XLSXImport, _import_formats.CSVImport]
EXPORT_FORMATS = [
    _import_formats.XLSXExport, _import_formats.CSVWithBOM, _import_formats.CSVForExcel,
]

# Long work (the PDF booklet) runs as tasks. By default they wait in the
# database for `manage.py db_worker`; tests run them at once
# (DJANGO_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend).
# A booklet is made by the task worker, never in a request; each user may
# order at most this many new ones in the window (seconds); a finished
# booklet of unchanged data is handed out again instead (reports.services).
REPORTS_BOOKLET_JOBS_PER_USER = env.int("DJANGO_BOOKLET_JOBS_PER_USER", default=3)
REPORTS_BOOKLET_JOBS_WINDOW = env.int("DJANGO_BOOKLET_JOBS_WINDOW", default=600)
# A booklet job that has not moved on for this many seconds lost its worker
# (killed by a restart or the OOM killer) and is marked failed; a booklet
# takes seconds, each of its stages far less (reports.services).
REPORTS_BOOKLET_JOB_TIMEOUT = env.int("DJANGO_BOOKLET_JOB_TIMEOUT", default=600)
# While entries stream in, the live report page drawn before is served
# rather than drawn again on every request; once it is this many seconds
# old, the task worker redraws it (reports.views._live, reports.tasks).
# 0: always draw on the request (the tests).
REPORTS_LIVE_STALE_SECONDS = env.int("DJANGO_REPORT_STALE_SECONDS", default=60)

# The access log of personal data (accounts.AccessRecord) keeps each entry
# this many days; the database refuses to delete a younger one. Three years
# by default (the period Roskomnadzor asks records of processing be kept).
ACCESS_LOG_RETENTION_DAYS = env.int("DJANGO_ACCESS_LOG_RETENTION_DAYS", default=3 * 365)
# Personal data is destroyed (accounts.destruction, `manage.py
# destroy_personal_data` daily) this many days after a consent is withdrawn
# (30 by 152-ФЗ art. 21.5) and after a person leaves their TOS body.
PERSONAL_DATA_WITHDRAWAL_DAYS = env.int("DJANGO_PERSONAL_DATA_WITHDRAWAL_DAYS", default=30)
PERSONAL_DATA_RETENTION_DAYS = env.int("DJANGO_PERSONAL_DATA_RETENTION_DAYS", default=365)

TASKS = {
    "default": {
        "BACKEND": env.str("DJANGO_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# The monthly return (returns/): on this day of each month, committees and
# centers whose previous month is not submitted get a reminder by e-mail
# (`manage.py send_return_reminders`, run daily by cron or a systemd timer).
# An event of more participants than EVENT_PARTICIPANTS_CONFIRM asks
# «Да, число верное» before it is saved (refused in imports).
RETURN_REMINDER_DAY = env.int("DJANGO_RETURN_REMINDER_DAY", default=5)
EVENT_PARTICIPANTS_CONFIRM = env.int("DJANGO_EVENT_PARTICIPANTS_CONFIRM", default=2000)
# The address the reminders' links start with (no trailing slash).
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# E-mail: printed to the console unless an SMTP server is given
# (docs/deployment.md, «Напоминания об отчете за месяц»).
_MAIL = "smtp" if env.str("DJANGO_EMAIL_HOST", default="") else "console"
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default=f"django.core.mail.backends.{_MAIL}.EmailBackend"
)
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=True)
EMAIL_USE_SSL = env.bool("DJANGO_EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Реестр ТОС <noreply@localhost>"
)

DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}
