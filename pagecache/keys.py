"""
Page keys: what a cached page shows, and purging by it.

A page records the things it shows as short keys while it is drawn
(`shows("article:12", "section:3")`, called by the code that fetches them);
the page cache stores them with the page and sends them out as the
`Surrogate-Key` and `Cache-Tag` headers. A change names the keys of what it
touched (`purge("article:12")`), and exactly the pages showing any of them go
stale: here, and in Varnish or a CDN in front (pagecache/frontends.py).

Purging writes, for each key, the moment of the purge into the shared cache
(`page:key:<key>`), and the moment of the latest purge of anything
(`page:last-purge`). A cached page is stale when one of its keys was purged
after the page began to be drawn. Nothing scans or lists cached pages, so a
purge costs the same however many pages show the key, works the same with the
file cache and Redis, and two processes purging at once cannot lose each
other's writes.

`site` is on every page: purging it makes every page stale (site settings,
a change too big to name key by key).
"""

import contextvars
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from . import signals

SITE = "site"
KEY_PREFIX = "page:key:"
LAST_PURGE = "page:last-purge"
# A transaction that names more keys than this (an import of thousands of
# articles) purges `site` instead: one write, and memory that does not grow
# with the transaction.
MAX_KEYS_PER_TRANSACTION = 2_000

_drawing = contextvars.ContextVar("page_drawing", default=None)


class Drawing:
    """What the page being drawn shows (its keys) and how long it may be kept."""

    def __init__(self):
        self.keys = {SITE}
        self.max_age = settings.NEWSROOM_PAGE_CACHE_SECONDS

    def __enter__(self):
        self._token = _drawing.set(self)
        return self

    def __exit__(self, *exc):
        _drawing.reset(self._token)


def stamp():
    """Now, in nanoseconds: the clock pages and purges are compared by."""
    return time.time_ns()


def shows(*keys):
    """The page being drawn shows these things: a change to any of them (a purge
    naming the key) makes the page stale. Does nothing outside a cached page."""
    drawing = _drawing.get()
    if drawing is not None:
        drawing.keys.update(key for key in keys if key)


def fresh_for(seconds):
    """The page being drawn is fresh for at most `seconds` (the front page's
    "most liked" is counted once a minute), however long pages are normally kept."""
    drawing = _drawing.get()
    if drawing is not None:
        drawing.max_age = max(1, min(drawing.max_age, int(seconds)))


class _Purge:
    """The keys a transaction purges, sent once when it commits."""

    def __init__(self):
        self.keys = set()

    def __call__(self):
        purge_now(self.keys)


def purge(*keys):
    """Pages showing any of `keys` are stale once the current transaction commits
    (at once outside one); a rolled-back change purges nothing. A transaction
    purges once, whatever number of rows it saves."""
    keys = {key for key in keys if key}
    if not keys:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        purge_now(keys)
        return
    # The transaction's pending purge, while its queue is the same list: Django
    # replaces the list on commit and rollback (dropping ours with it), so this
    # finds it without walking the queue of a transaction that saves thousands.
    queue, pending = getattr(connection, "_page_purge", (None, None))
    if queue is not connection.run_on_commit:
        pending = _Purge()
        transaction.on_commit(pending)
        connection._page_purge = (connection.run_on_commit, pending)
    pending.keys |= keys
    if len(pending.keys) > MAX_KEYS_PER_TRANSACTION:
        pending.keys = {SITE}


def everything_pending():
    """Whether the current transaction already purges every page (so a change in
    it need not work out its keys: an import of thousands of rows)."""
    connection = transaction.get_connection()
    queue, pending = getattr(connection, "_page_purge", (None, None))
    return (
        connection.in_atomic_block and queue is connection.run_on_commit and pending.keys == {SITE}
    )


def purge_now(keys):
    """Purge `keys` now, here and in the caches in front (no transaction)."""
    keys = {SITE} if SITE in keys else set(keys)
    if not keys:
        return
    now = stamp()
    # A key's purge time matters only while a page drawn before it may still
    # be kept, stale copies included.
    lifetime = 2 * (
        settings.NEWSROOM_PAGE_CACHE_SECONDS + settings.NEWSROOM_PAGE_CACHE_STALE_SECONDS
    )
    cache.set_many({KEY_PREFIX + key: now for key in keys}, timeout=lifetime)
    # Written after the keys: whoever reads this stamp also sees the keys' stamps.
    cache.set(LAST_PURGE, now, timeout=None)
    signals.purged.send(sender=purge_now, keys=frozenset(keys))


def last_purge():
    """When anything was last purged (0 if never)."""
    return cache.get(LAST_PURGE, 0)


def purged_at(key):
    """When `key` was last purged, or everything was (`site`, as for a page):
    0 if neither within the time a purge is kept, far longer than any page.
    Data kept elsewhere can key on it to change with it."""
    stamps = cache.get_many([KEY_PREFIX + key, KEY_PREFIX + SITE])
    return max(stamps.values(), default=0)


def stale_since(drawn, keys, last):
    """When the page drawn at `drawn` (with `keys`) went stale by a purge, or None
    if no key of it was purged since. `last` is the latest purge of anything: a
    page drawn after it needs no look at its keys."""
    if drawn >= last:
        return None
    purged = cache.get_many([KEY_PREFIX + key for key in keys])
    later = [moment for moment in purged.values() if moment > drawn]
    return min(later) if later else None
