"""
What the page cache needs to know about content: when it changed.

Reader pages are cached whole (newsroom/middleware.py) under a *generation*: a
value in the shared cache that every change to published content replaces, so
one write makes every cached page stale at once. A like or a comment only
concerns its own article, so it replaces just that page's version.

Scheduling needs no job: the cache also remembers the next moment an article
is due to appear or disappear, and the first request after it starts a new
generation.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

GENERATION = "page:generation"
NEXT_CHANGE = "page:next-change"
NO_CHANGE = 0  # no scheduled change known: the key's own timeout re-checks it
PATH_PREFIX = "page:path:"


def _stamp():
    return time.time_ns()


def new_generation():
    """Every cached page is stale from now on. Returns the new generation."""
    generation = _stamp()
    cache.set_many({GENERATION: generation}, timeout=None)
    cache.delete(NEXT_CHANGE)
    return generation


def _new_generation_after_commit():
    new_generation()


def content_changed(**kwargs):
    """Signal receiver: published content changed; new generation once it is committed.

    Queued once per transaction, however many rows it saves (an import saves
    thousands in one)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        entry[1] is _new_generation_after_commit for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_new_generation_after_commit)


def page_changed(path):
    """One page (an article's) is stale: its likes or comments changed."""
    transaction.on_commit(lambda: cache.set(PATH_PREFIX + path, _stamp(), timeout=None))


def next_scheduled_change(now=None):
    """The next publish or unpublish time still to come, as a timestamp (or NO_CHANGE).

    Two index look-ups (the first time after now in each), not a scan: it runs
    on the first request of every cache generation."""
    from .models import Article

    now = now or timezone.now()
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    times = [
        published.filter(**{f"{field}__gt": now})
        .order_by(field)
        .values_list(field, flat=True)
        .first()
        for field in ("published_at", "unpublish_at")
    ]
    times = [t for t in times if t is not None]
    return min(times).timestamp() if times else NO_CHANGE


def state(path):
    """(generation, page version) for a path, starting a new generation when a
    scheduled publish or unpublish time has passed."""
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
