"""
What the page cache knows about content: when it changed.

Reader pages are cached whole (pagecache/middleware.py) under a *generation*: a
value in the shared cache that every change to published content replaces, so
one write makes every cached page stale at once. A like or a comment only
concerns its own page, so it replaces just that page's version.

Scheduling needs no job: the cache also remembers the next moment a page is due
to change by itself (an article's publish or unpublish time, asked of the
providers apps register with `scheduled_changes`), and the first request after
it starts a new generation.
"""

import time

from django.core.cache import cache

GENERATION = "page:generation"
NEXT_CHANGE = "page:next-change"
NO_CHANGE = 0  # no scheduled change known: the key's own timeout re-checks it
PATH_PREFIX = "page:path:"

_providers = []


def _stamp():
    return time.time_ns()


def new_generation():
    """Every cached page is stale from now on. Returns the new generation."""
    generation = _stamp()
    cache.set_many({GENERATION: generation}, timeout=None)
    cache.delete(NEXT_CHANGE)
    return generation


def current_generation():
    """The generation in force (0 before the first cached page): site-wide data
    kept elsewhere (the front page's counts, say) can key on it to change with
    the pages."""
    return cache.get(GENERATION, 0)


def new_page_version(path):
    """One page (an article's) is stale from now on: its likes or comments changed."""
    cache.set(PATH_PREFIX + path, _stamp(), timeout=None)


def scheduled_changes(provider):
    """Register `provider()`: the next moment (an aware datetime, or None) at which
    pages change with nothing saved to say so, such as an article's publish time."""
    _providers.append(provider)
    return provider


def next_scheduled_change():
    """The earliest moment any provider names, as a timestamp (or NO_CHANGE)."""
    moments = [moment for provider in _providers if (moment := provider()) is not None]
    return min(moments).timestamp() if moments else NO_CHANGE


def state(path):
    """(generation, page version, next scheduled change) for a path, starting a
    new generation when a scheduled change has come."""
    values = cache.get_many([GENERATION, NEXT_CHANGE, PATH_PREFIX + path])
    generation = values.get(GENERATION) or new_generation()
    next_change = values.get(NEXT_CHANGE)
    if next_change is None:
        next_change = next_scheduled_change()
        cache.set(NEXT_CHANGE, next_change, timeout=60 * 60)
    if next_change and time.time() >= next_change:
        generation = new_generation()
        next_change = next_scheduled_change()
        cache.set(NEXT_CHANGE, next_change, timeout=60 * 60)
    return generation, values.get(PATH_PREFIX + path, 0), next_change
