"""Test settings: what the suite runs with (pyproject.toml names this module for
pytest). Base, with what a test run needs and a server must never have:

- a fixed, obviously insecure secret key when DJANGO_SECRET_KEY is not set;
- the cache in process memory (unless REDIS_URL names a server to test);
- the reader page cache off, as the suite's transactions never commit (the
  cache's own tests and the browser tests turn it on);
- no PostgreSQL connection pool (each test's connection is its own);
- static files without the hashed manifest, which only `collectstatic` writes;
- background tasks run at once, in the request that enqueues them (a test that
  wants the worker's queue names the database backend itself).

Tests that start a server or a command of their own name the module they want
(tests/helpers/realserver.py: production).
"""

import os

from .base import *  # noqa: F403
from .base import INSECURE_KEY, REDIS_URL, STORAGES, database, env_bool

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or INSECURE_KEY

if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", default=False)

DATABASES = database(pool_size=0)

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
