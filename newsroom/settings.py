"""
Newsroom settings.

Everything that varies between a laptop and production is read from the
environment; `.env.example` lists every variable. Defaults are the safe ones:
DEBUG off, SQLite in `var/`, a cache shared between server processes.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
DEBUG = env_bool("DJANGO_DEBUG", default=False)

# The key is never invented for production. Debug runs and the test suite get
# a fixed, obviously insecure one; anything else that needs the key (serving
# requests: sessions, CSRF, signed cookies) fails loudly in newsroom/wsgi.py.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and (DEBUG or TESTING):
    SECRET_KEY = "django-insecure-newsroom-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "taggit",
    "reversion",
    "django_prose_editor",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "articles.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL in
# production). SQLite is tuned for a web server: WAL so readers never wait for
# the writer, a busy timeout instead of "database is locked", and IMMEDIATE
# transactions so a write never fails half-way on lock upgrade.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", VAR_DIR / "db.sqlite3"),
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set; otherwise a file cache, which unlike the
# in-process memory cache is shared by every server worker.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
elif TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("NEWSROOM_LANGUAGE", "en-gb")
TIME_ZONE = os.environ.get("NEWSROOM_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("NEWSROOM_MEDIA_ROOT", VAR_DIR / "media"))

LOGIN_URL = "admin:login"

# Tags: "Russia" and "russia" are one tag.
TAGGIT_CASE_INSENSITIVE = True

# The newsroom's identity, shown in the header, titles and feeds.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "The Daily Newsroom")
NEWSROOM_TAGLINE = os.environ.get("NEWSROOM_TAGLINE", "Independent news, every day")
# Addresses of the proxies in front of Newsroom (comma-separated). Only when a
# request comes from one of them is its X-Forwarded-For believed; otherwise a
# client could pick any address and walk round per-address limits.
NEWSROOM_TRUSTED_PROXIES = env_list("NEWSROOM_TRUSTED_PROXIES", [])
# Share-preview links of unpublished articles expire after this many hours.
NEWSROOM_PREVIEW_HOURS = env_int("NEWSROOM_PREVIEW_HOURS", 48)
# How often a reader's open page of a developing story checks for new updates.
NEWSROOM_LIVE_UPDATE_SECONDS = env_int("NEWSROOM_LIVE_UPDATE_SECONDS", 30)
# Reader listings: articles per page, and how deep ?page=N may go (deep OFFSET
# scans are slow on a big archive; the archive pages cover older news).
NEWSROOM_PAGE_SIZE = env_int("NEWSROOM_PAGE_SIZE", 12)
NEWSROOM_MAX_PAGE = env_int("NEWSROOM_MAX_PAGE", 500)

# Email (moderation notices) goes to the console unless an SMTP server is named.
EMAIL_SMTP_HOST = os.environ.get("EMAIL_SMTP_HOST", "")
if EMAIL_SMTP_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_SMTP_HOST,
                "port": env_int("EMAIL_SMTP_PORT", 587),
                "username": os.environ.get("EMAIL_SMTP_USER", ""),
                "password": os.environ.get("EMAIL_SMTP_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_SMTP_TLS", default=True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# Absolute address of the site, for links in emails (moderation notices).
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Reader comments ("Leave a Reply"), like WordPress's discussion settings.
# Policy: "hold_first" (hold a commenter's first comment; approve once they have
# an approved one), "hold_all" or "approve_all".
NEWSROOM_COMMENTS_POLICY = os.environ.get("NEWSROOM_COMMENTS_POLICY", "hold_first")
NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = env_int("NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS", 30)
NEWSROOM_COMMENTS_MAX_DEPTH = env_int("NEWSROOM_COMMENTS_MAX_DEPTH", 3)
NEWSROOM_COMMENTS_FLOOD_SECONDS = env_int("NEWSROOM_COMMENTS_FLOOD_SECONDS", 15)
NEWSROOM_COMMENTS_MIN_SECONDS = env_int("NEWSROOM_COMMENTS_MIN_SECONDS", 3)
NEWSROOM_COMMENTS_MAX_FORM_AGE = env_int("NEWSROOM_COMMENTS_MAX_FORM_AGE", 24 * 60 * 60)
NEWSROOM_COMMENTS_HOLD_LINKS = env_int("NEWSROOM_COMMENTS_HOLD_LINKS", 2)
NEWSROOM_COMMENTS_ANONYMISE_AFTER_DAYS = env_int("NEWSROOM_COMMENTS_ANONYMISE_AFTER_DAYS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Images ------------------------------------------------------------------
# Uploads: the biggest file and the most pixels an image may have. An image over
# the pixel limit is refused from its header, before anything is decoded.
NEWSROOM_IMAGE_MAX_UPLOAD_MB = env_int("NEWSROOM_IMAGE_MAX_UPLOAD_MB", 25)
NEWSROOM_IMAGE_MAX_PIXELS = env_int("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000)
# Widths (pixels) of the responsive renditions readers are served; changing them
# needs `manage.py regenerate_renditions`.
_widths = env_list("NEWSROOM_IMAGE_WIDTHS", []) or ["320", "640", "960", "1280", "1600", "2048"]
if not all(width.isdigit() and int(width) >= 16 for width in _widths):
    raise ImproperlyConfigured("NEWSROOM_IMAGE_WIDTHS must be widths in pixels, e.g. 320,640,1280")
NEWSROOM_IMAGE_WIDTHS = sorted({int(width) for width in _widths})

# Files. Public files (re-encoded images and their renditions) use the "default"
# storage: MEDIA_ROOT, or an S3-compatible bucket when NEWSROOM_S3_BUCKET is set.
# The files editors upload are kept as they came in "originals", which is never
# served: a folder outside MEDIA_ROOT, or a private prefix (or bucket) in S3.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("NEWSROOM_PRIVATE_MEDIA_ROOT") or VAR_DIR / "private")
NEWSROOM_S3_BUCKET = os.environ.get("NEWSROOM_S3_BUCKET", "")
if NEWSROOM_S3_BUCKET:
    # Credentials come from boto3's usual places (AWS_ACCESS_KEY_ID and
    # AWS_SECRET_ACCESS_KEY, an instance role, ~/.aws). ACLs are left to the
    # bucket's policy: make media/ readable by all and nothing else.
    _s3 = {
        "bucket_name": NEWSROOM_S3_BUCKET,
        "endpoint_url": os.environ.get("NEWSROOM_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("NEWSROOM_S3_REGION") or None,
        "default_acl": None,
        "file_overwrite": False,
    }
    _public_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "location": "media",
            "querystring_auth": False,
            "custom_domain": os.environ.get("NEWSROOM_S3_CUSTOM_DOMAIN") or None,
        },
    }
    _originals_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": os.environ.get("NEWSROOM_S3_PRIVATE_BUCKET") or NEWSROOM_S3_BUCKET,
            "location": "originals",
            "querystring_auth": True,
        },
    }
else:
    if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
        raise ImproperlyConfigured(
            "NEWSROOM_PRIVATE_MEDIA_ROOT must not be inside the media folder: "
            "originals would be served to anyone."
        )
    _public_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _originals_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/originals-are-not-served/"},
    }
STORAGES = {
    "default": _public_storage,
    "originals": _originals_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background tasks (renditions are made by one). Django's immediate backend runs
# a task at once, in the request that enqueued it; name another backend (e.g.
# "django_tasks_db.DatabaseBackend", with its app in NEWSROOM_EXTRA_APPS and its
# worker running) to make them in a worker instead.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("NEWSROOM_TASKS_BACKEND")
        or "django.tasks.backends.immediate.ImmediateBackend"
    }
}
INSTALLED_APPS += env_list("NEWSROOM_EXTRA_APPS", [])
