"""Settings for Văn khố, driven by environment variables.

DATABASE_URL   default: SQLite file under var/ (no server needed); postgres://... in production.
SECRET_KEY     required when DEBUG is off.
DEBUG          "1"/"0"; defaults to on for local development.
ALLOWED_HOSTS  comma-separated.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django_filters",
    "import_export",
    "simple_history",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "people",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Gives django-simple-history the request, so every history row says who made the change.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Reads an upload's body before CSRF's process_view does, to answer its limits in a sentence.
    "articles.upload.UploadLimitsMiddleware",
    "articles.middleware.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns repeated failed admin logins into a lockout.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
]

# Form widgets render through TEMPLATES, so a widget of ours can live in templates/ (admin/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'vankho.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the ingestion worker write at the same time. Writers wait for each
    # other (timeout) instead of failing; every transaction takes the write lock when it starts
    # (IMMEDIATE), so a transaction never reads, then finds it cannot write ("database is locked")
    # — which is also what makes look-up-then-create race-free on SQLite (people/namelocks.py);
    # WAL lets pages be read while a worker writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL;"
    )

# Read-heavy deployments: reads go to a replica when one is configured (docs/DEPLOY.md).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"]

# Page queries take milliseconds: starting parallel workers for them costs more than it saves
# (a 16 ms join took 36 ms with a worker on 2 cores) and takes cores from concurrent requests.
# DATABASE_PARALLEL_WORKERS raises PostgreSQL's max_parallel_workers_per_gather again.
# JIT off for the same reason: a search statement whose estimated cost passed jit_above_cost spent
# 5 s compiling for a 200 ms execution (docs/BENCHMARKS.md); DATABASE_JIT=1 turns it back on.
# work_mem pinned at PostgreSQL's default, whatever the server's: the search's statements were
# planned at 4MB, and at 16MB their p95 at 200k articles went from 195 to 799 ms (docs/DEPLOY.md).
for _db in DATABASES.values():
    if _db["ENGINE"] == "django.db.backends.postgresql":
        _options = _db.setdefault("OPTIONS", {})
        _workers = int(os.environ.get("DATABASE_PARALLEL_WORKERS", "0"))
        _jit = "on" if os.environ.get("DATABASE_JIT", "0") == "1" else "off"
        _work_mem = os.environ.get("DATABASE_WORK_MEM", "4MB")
        _options["options"] = (
            f"{_options.get('options', '')} -c max_parallel_workers_per_gather={_workers} -c jit={_jit} -c work_mem={_work_mem}"
        ).strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# locale/: our own strings (Vietnamese is the source language, English in locale/en).
# locale_vendor/: Vietnamese for the libraries that ship none (django-import-export,
# django-simple-history), kept apart so that makemessages never marks them obsolete.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
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

LOGIN_URL = "admin:login"

# Uploads: whole batches of articles go through the admin; the per-file limits that
# protect the server live in articles.ingestion and are checked file by file. The framework's
# own limits sit at or above the stated ones (a test holds them together): 2,000 files per
# upload (ingestion.MAX_BATCH_FILES), pasted text up to 10 MB (ingestion.MAX_FILE_BYTES) plus
# the form's other fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 2000
# Uploaded files wait here (articles.IngestUpload) until the workers have ingested them. With
# workers on other machines, this must be storage they all reach (docs/DEPLOY.md).
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"  # never served: staged uploads are read by the workers only

# Background jobs (ingestion) through Django's Tasks API (the django-tasks backport of Django 6's
# django.tasks). Default: a queue in the database itself, worked by `manage.py db_worker` (no
# extra server; `make run` starts one). TASKS_REDIS_URL switches to RQ on Redis, worked by
# `manage.py rqworker --job-class django_tasks_rq.Job` on as many machines as needed.
TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL", "")
if TASKS_REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

IMPORT_EXPORT_USE_TRANSACTIONS = True
# An import can overwrite rows and set them published, so only reviewers (who may delete) import;
# anyone who may view a model may export it.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "delete"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Content-Security-Policy: scripts only from our own static files, never inline; uploaded
# HTML is shown as escaped text, so nothing an article carries can run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],  # the Django admin sets a few style attributes
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Admin login throttling: 5 failures lock that user name + address for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Anonymous clients: requests per minute for pages and for CSV/JSON exports (0 = no limit), and
# rows per anonymous export. Behind a proxy, name the header that carries the client address.
RATE_LIMIT_PAGES_PER_MINUTE = int(os.environ.get("RATE_LIMIT_PAGES_PER_MINUTE", "120"))
RATE_LIMIT_EXPORTS_PER_MINUTE = int(os.environ.get("RATE_LIMIT_EXPORTS_PER_MINUTE", "10"))
RATE_LIMIT_TRUSTED_PROXY_HEADER = os.environ.get("RATE_LIMIT_TRUSTED_PROXY_HEADER") or None
EXPORT_MAX_ROWS_ANONYMOUS = int(os.environ.get("EXPORT_MAX_ROWS_ANONYMOUS", "100000"))

# The rate limits count per process with the default memory cache. With several app servers,
# set CACHE_TABLE (and run `manage.py createcachetable`) so that every worker shares one count.
if os.environ.get("CACHE_TABLE"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": os.environ["CACHE_TABLE"]}
    }

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
