"""
Newsroom settings: what every run shares.

Everything that varies between a laptop and production is read from the
environment; `.env.example` lists every variable. Defaults are the safe ones:
DEBUG off, SQLite in `var/`, a cache shared between server processes.

Which module a process uses is said by whoever starts it, never guessed:
`manage.py` (`make run`, every management command) uses this one;
newsroom/wsgi.py and newsroom/asgi.py (`make serve`) use production.py; the
test suite uses test.py (pyproject.toml).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent
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


DEBUG = env_bool("DJANGO_DEBUG", default=False)

# The key is never invented for production. Debug runs (and the test suite,
# newsroom/settings/test.py) get a fixed, obviously insecure one; anything else
# that needs the key (serving requests: sessions, CSRF, signed cookies) fails
# loudly in newsroom/wsgi.py.
INSECURE_KEY = "django-insecure-newsroom-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = INSECURE_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin, with two-factor sign-in (newsroom/admin_site.py).
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # For PostgreSQL's full-text search; harmless on SQLite, where search falls back.
    "django.contrib.postgres",
    "taggit",
    "reversion",
    "django_prose_editor",
    # The background tasks' queue, in the database (TASKS below).
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "pagecache",
    "images",
    "articles",
    "comments",
    "ops",
]

MIDDLEWARE = [
    # Outermost, so every response gets them: HTTPS redirects, static files,
    # cached pages and error pages. The Content Security Policy, the headers
    # Django has no setting for, then HSTS, nosniff, Referrer-Policy and COOP.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early: a cached page is answered before sessions, CSRF and auth run at all.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
    {
        # Cards and bylines, drawn by the dozen on reader pages (articles/fragments.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "fragments",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "articles.fragments.environment"},
    },
]


def database(pool_size):
    """The default database: SQLite in var/ (or at SQLITE_PATH) unless DATABASE_URL
    names another: PostgreSQL in production or a SQLite file
    (sqlite:////absolute/path.sqlite3). `pool_size` is the connection pool's size
    unless DATABASE_POOL_MAX_SIZE says otherwise (PostgreSQL only)."""
    url = os.environ.get("DATABASE_URL", "")
    if url:
        db = dj_database_url.parse(url)
    else:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        db = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", VAR_DIR / "db.sqlite3"),
        }
    # Each engine gets its own options: another's are refused at the first query.
    options = db.setdefault("OPTIONS", {})
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # Tuned for a web server: WAL so readers never wait for the writer, a busy
        # timeout instead of "database is locked", and IMMEDIATE transactions so a
        # write never fails half-way on lock upgrade.
        options.setdefault("timeout", 20)
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault(
            "init_command",
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;",
        )
        # A worker keeps its connection between requests: opening one costs the
        # pragmas above and loses SQLite's cache of prepared statements, which
        # together cost an uncached page more than its own queries.
        db["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
    elif db["ENGINE"] in {
        "django.db.backends.postgresql",
        "django.contrib.gis.db.backends.postgis",
    }:
        # PostgreSQL: a psycopg connection pool per server process, bounded, with a
        # health check on every checkout and a short wait, so a database outage
        # answers quickly instead of hanging every worker. DATABASE_POOL_MAX_SIZE=0
        # turns the pool off (then DATABASE_CONN_MAX_AGE keeps connections open).
        pool_size = env_int("DATABASE_POOL_MAX_SIZE", pool_size)
        db["CONN_MAX_AGE"] = 0 if pool_size else env_int("DATABASE_CONN_MAX_AGE", 60)
        db["CONN_HEALTH_CHECKS"] = True
        options["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 3)
        # Reader queries are short: compiling them with PostgreSQL's JIT costs more
        # than it saves (it switches on for big cost estimates, not long runs).
        options.setdefault("options", "-c jit=off")
        if pool_size:
            options["pool"] = {
                "min_size": min(2, pool_size),
                "max_size": pool_size,
                "timeout": env_int("DATABASE_POOL_TIMEOUT", 3),
                # After an outage the pool retries with growing pauses; giving up
                # after a few seconds makes the next request start a fresh attempt,
                # so the site is back within seconds of the database (README: Security).
                "reconnect_timeout": env_int("DATABASE_POOL_RECONNECT_TIMEOUT", 4),
            }
    return {"default": db}


DATABASES = database(pool_size=8)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set; otherwise a file cache, which unlike the
# in-process memory cache is shared by every server worker.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, keeping its redis-py clients (core/redis_cache.py).
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            # Django's default of 300 entries is a few dozen pages and a few
            # hundred readers' rate-limit counters; past it, every write evicts a
            # random third, cache generation included. Redis has no such limit.
            "OPTIONS": {"MAX_ENTRIES": env_int("NEWSROOM_FILE_CACHE_ENTRIES", 10_000)},
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
# Serve uploaded media from Django itself (make serve, small sites). A bigger site
# serves MEDIA_ROOT from the web server or a separate domain (see README).
NEWSROOM_SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", default=False)

# Route the benchmark's bare ceiling view (bench/run.py turns it on).
NEWSROOM_BENCH_CEILING = env_bool("NEWSROOM_BENCH_CEILING", default=False)

# The reader page cache (pagecache/): whole pages for anonymous
# readers, invalidated by content changes. Seconds a page is kept at most, and
# what browsers and a CDN in front are told (Cache-Control).
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", default=True)
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 600)
NEWSROOM_HTTP_MAX_AGE = env_int("NEWSROOM_HTTP_MAX_AGE", 30)
NEWSROOM_HTTP_STALE_WHILE_REVALIDATE = env_int("NEWSROOM_HTTP_STALE_WHILE_REVALIDATE", 300)
# While one worker draws a stale page again, other readers get the stale copy for
# at most this many seconds after it went stale (then they wait for the new one);
# a worker drawing a page holds its lock at most this long.
NEWSROOM_PAGE_CACHE_STALE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_STALE_SECONDS", 30)
NEWSROOM_PAGE_CACHE_LOCK_SECONDS = env_int("NEWSROOM_PAGE_CACHE_LOCK_SECONDS", 10)
# Pages each server process also keeps decoded, the ones it served last
# (pagecache/entries.py): a hit then reads only the page's version from the
# shared cache. About 30 KB each.
NEWSROOM_PAGE_CACHE_LOCAL_PAGES = env_int("NEWSROOM_PAGE_CACHE_LOCAL_PAGES", 200)
# Query parameters that never make another cached page, besides utm_*, fbclid,
# gclid, mc_cid and mc_eid (comma-separated, e.g. "ref,igshid").
NEWSROOM_TRACKING_PARAMETERS = env_list("NEWSROOM_TRACKING_PARAMETERS", [])
# Varnish in front (make serve-cache sets it): purges are sent there too.
NEWSROOM_VARNISH_URL = os.environ.get("NEWSROOM_VARNISH_URL", "")
# The front page numbers the articles of the last N days per section (pinned ones
# always count), so its cost does not grow with the archive.
NEWSROOM_FRONT_PAGE_DAYS = env_int("NEWSROOM_FRONT_PAGE_DAYS", 60)
# Share-preview links of unpublished articles expire after this many hours.
NEWSROOM_PREVIEW_HOURS = env_int("NEWSROOM_PREVIEW_HOURS", 48)
# How often a reader's open page of a developing story checks for new updates.
NEWSROOM_LIVE_UPDATE_SECONDS = env_int("NEWSROOM_LIVE_UPDATE_SECONDS", 30)
# The article form autosaves (and renews its edit lock) this often; a lock not
# renewed for five times as long lapses.
NEWSROOM_AUTOSAVE_SECONDS = env_int("NEWSROOM_AUTOSAVE_SECONDS", 30)
# Reader listings: articles per page, and how deep ?page=N may go (deep OFFSET
# scans are slow on a big archive; the archive pages cover older news).
NEWSROOM_PAGE_SIZE = env_int("NEWSROOM_PAGE_SIZE", 12)
NEWSROOM_MAX_PAGE = env_int("NEWSROOM_MAX_PAGE", 500)
# Feeds: the whole article text in each item (1), or only the standfirst (0).
NEWSROOM_FEED_FULL_TEXT = env_bool("NEWSROOM_FEED_FULL_TEXT", default=False)
NEWSROOM_FEED_ITEMS = env_int("NEWSROOM_FEED_ITEMS", 30)

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
# Long threads in pages, as WordPress pages them: this many top-level comments a
# page (replies stay with theirs; 0 shows every comment on one page), and which
# page the article's own address shows: "newest" (the last) or "oldest" (the first).
NEWSROOM_COMMENTS_PER_PAGE = env_int("NEWSROOM_COMMENTS_PER_PAGE", 50)
NEWSROOM_COMMENTS_DEFAULT_PAGE = os.environ.get("NEWSROOM_COMMENTS_DEFAULT_PAGE", "newest")
if NEWSROOM_COMMENTS_DEFAULT_PAGE not in {"newest", "oldest"}:
    raise ImproperlyConfigured('NEWSROOM_COMMENTS_DEFAULT_PAGE must be "newest" or "oldest".')

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    # Django logs every background task's start and end at INFO; failures are errors.
    "loggers": {"django.tasks": {"level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")}},
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
    # Production: hashed, compressed (gzip + brotli) files served by WhiteNoise with
    # far-future caching; needs `collectstatic` (make serve runs it).
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The body editor's own extension (articles/body.py EDITOR_EXTENSIONS): counts,
# curly quotes and paste from word processors, in a script of ours.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/prose-writing.js")],
        # It writes no markup of its own, so the sanitiser allows it no tag.
        "extensions": {"NewsroomWriting": html_tags([])},
    },
    # Images, related stories, galleries and embeds placed at the cursor, as empty
    # elements naming what they show (articles/blocks.py checks their values).
    {
        "js": [static_lazy("js/prose-blocks.js")],
        "extensions": {
            "NewsroomBlocks": html_tags(
                ["figure", "aside"],
                {
                    "figure": [
                        "data-block",
                        "data-image",
                        "data-align",
                        "data-gallery",
                        "data-url",
                        "data-title",
                    ],
                    "aside": [
                        "data-block",
                        "data-article",
                        "data-url",
                        "data-headline",
                        "data-image",
                    ],
                },
            )
        },
    },
]

# Background tasks (renditions are made by one): queued in the database and run
# by `manage.py db_worker`, which `make run` and `make serve` start beside the
# server (more workers, on any machine sharing the database and the media
# storage: see the README). NEWSROOM_TASKS_BACKEND names another backend, e.g.
# "django.tasks.backends.immediate.ImmediateBackend" to run every task in the
# request that enqueued it, with no worker at all.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("NEWSROOM_TASKS_BACKEND") or "django_tasks_db.DatabaseBackend",
    }
}
INSTALLED_APPS += env_list("NEWSROOM_EXTRA_APPS", [])

# --- Security ----------------------------------------------------------------
# Production runs `check --deploy` clean with the environment in the README
# ("Security"). TLS ends at the proxy in front; these say what it does.
# The proxy sets X-Forwarded-Proto: https (and strips what clients send), so
# Django knows a request came over HTTPS: HSTS, Secure cookies, the redirect.
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# On in production; off for `make serve`, plain HTTP on 127.0.0.1 behind a proxy.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
# Load balancers ask for /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool(
    "DJANGO_SECURE_COOKIES", default=SECURE_SSL_REDIRECT
)
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Cross-Origin-Resource-Policy of every response (core/security.py).
NEWSROOM_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Permissions-Policy of every response (core/security.py): every powerful
# browser feature is off, for the site and for anything it might frame. The site
# uses no camera, microphone, location, payment, sensor, device, screen capture,
# passkey or Fullscreen API (the prose editor's full-screen mode is a CSS class),
# and joins no ad-interest scheme. Names as the specifications spell them; a
# browser that lacks a feature (Chromium on Linux has no Web Bluetooth or Web
# Share) ignores it and says so in its console. A feature the site comes to need
# (passkeys for the admin: publickey-credentials-get=(self)) is allowed here.
# Empty: no header.
NEWSROOM_PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "captured-surface-control",
        "compute-pressure",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "interest-cohort",
        "keyboard-map",
        "local-fonts",
        "local-network-access",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "speaker-selection",
        "storage-access",
        "usb",
        "web-share",
        "window-management",
        "xr-spatial-tracking",
    )
)

# Uploaded media from another host (a media domain or a CDN): its address.
MEDIA_URL = os.environ.get("NEWSROOM_MEDIA_URL") or MEDIA_URL
_media_origins = env_list("NEWSROOM_CSP_MEDIA_ORIGINS", [])
if MEDIA_URL.startswith("https://"):
    _media_origins.append("https://" + MEDIA_URL.split("/")[2])
if NEWSROOM_S3_BUCKET and os.environ.get("NEWSROOM_S3_CUSTOM_DOMAIN"):
    _media_origins.append("https://" + os.environ["NEWSROOM_S3_CUSTOM_DOMAIN"])
# Strict: nothing is allowed unless named. Reader pages run no inline script
# (their JSON-LD is data, never executed); the admin's inline scripts and
# styles carry a per-response nonce, and admin pages are never cached, so no
# cached page holds a nonce.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    # The hash is the editor's own base CSS, which the prose editor (tiptap)
    # injects as a <style> element without a nonce (tests/browser/test_csp_browser.py).
    "style-src": [CSP.SELF, CSP.NONCE, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
    "img-src": [CSP.SELF, "data:", *dict.fromkeys(_media_origins)],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "media-src": [CSP.SELF, *dict.fromkeys(_media_origins)],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Request size: form data (not files) kept in memory, and the whole request
# (NEWSROOM_MAX_REQUEST_MB, checked from Content-Length in core/security.py;
# the proxy in front enforces the same with client_max_body_size).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
NEWSROOM_MAX_REQUEST_MB = env_int("NEWSROOM_MAX_REQUEST_MB", NEWSROOM_IMAGE_MAX_UPLOAD_MB + 1)

# Admin login: after NEWSROOM_LOGIN_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair waits NEWSROOM_LOGIN_COOLOFF_MINUTES.
# Never a permanent lock, and never the username alone, so nobody can lock an
# editor out by guessing at their name. Addresses as core.http.client_ip
# sees them (X-Forwarded-For only from NEWSROOM_TRUSTED_PROXIES).
AUTHENTICATION_BACKENDS = [
    "newsroom.security.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NEWSROOM_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
AXES_VERBOSE = False

# Two-factor sign-in (django-otp): staff who have a device must use it; with
# this on, superusers must have one (README: Security, enrolment).
NEWSROOM_REQUIRE_2FA_FOR_SUPERUSERS = env_bool("NEWSROOM_REQUIRE_2FA_FOR_SUPERUSERS", False)
OTP_TOTP_ISSUER = NEWSROOM_SITE_NAME

# Per-client rate limits ("requests/seconds"), counted in the shared cache so
# they hold across server processes. Clients are addresses (core.http.client_ip).
NEWSROOM_RATE_LIMITS = {
    "comment": os.environ.get("NEWSROOM_RATE_LIMIT_COMMENTS", "5/60"),
    "like": os.environ.get("NEWSROOM_RATE_LIMIT_LIKES", "30/60"),
    "search": os.environ.get("NEWSROOM_RATE_LIMIT_SEARCH", "30/60"),
}
