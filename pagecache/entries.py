"""
Cached pages as the page cache stores and reads them: in the shared cache, and
the newest ones also decoded in each process.

Reading a 22 KB page from the shared cache on every hit (a file opened,
unzipped and unpickled, or a Redis round trip) cost as much as everything else
a hit does. So each stored page gets a version, a short random token written to
the shared cache beside it; a process keeps the pages it served last (Django's
local-memory cache, least recently used first out) with their versions, and a
hit reads only the version: while it is the one kept here, the page kept here
is the shared page. A page drawn again anywhere gets a new version, and a page
dropped from the shared cache (deleted, evicted, the cache cleared) has none,
so no process serves its own copy of a page the shared cache no longer holds.
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

VERSION_PREFIX = "page:version:"

_kept = LocMemCache(
    "pagecache-entries",
    {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": settings.NEWSROOM_PAGE_CACHE_LOCAL_PAGES}},
)


def version_key(key):
    """The shared-cache key of the version of the page at `key` (read by the
    middleware with the other small keys of a hit)."""
    return VERSION_PREFIX + key


def read(key, version):
    """The page at `key` whose shared version is `version` (None if the shared
    cache has no version for it): this process's copy, or the shared one."""
    if version is None:
        return cache.get(key)
    kept = _kept.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    entry = cache.get(key)
    if entry is not None:
        # Written before its version, so this is that page or a newer one: a
        # newer one only costs another shared read, when its version is seen.
        _kept.set(key, (version, entry))
    return entry


def store(key, entry, timeout):
    """Keep `entry` at `key` for `timeout` seconds, shared and here."""
    version = secrets.token_hex(8)
    # The page before its version (Redis writes both at once).
    cache.set_many({key: entry, version_key(key): version}, timeout)
    _kept.set(key, (version, entry))


def forget(key):
    """No page at `key`, shared or here."""
    cache.delete_many([version_key(key), key])
    _kept.delete(key)
