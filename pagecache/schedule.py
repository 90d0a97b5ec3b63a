"""
Pages that change by themselves at a known moment: an article's publish or
unpublish time passing, with nothing saved to say so.

Apps register `scheduled_changes(next_change, keys_between)`: `next_change()`
names the next such moment (an aware datetime, or None); `keys_between(start,
end)` the keys of the pages that change in that span. The shared cache keeps
the next moment and when it was worked out; the first request after the moment
purges what changed, so no job or timer is needed. A purge naming RESCHEDULE
(an app whose publish times changed: an editor scheduling an article) or
`site` makes the next request work the moment out again.
"""

import datetime

from django.conf import settings
from django.core.cache import cache

from . import keys

NEXT_CHANGE = "page:next-change"  # (worked out at, next moment as a timestamp or 0)
RESCHEDULE = "schedule"
# When the schedule last changed: a purge of either key.
WATCHED = [keys.KEY_PREFIX + RESCHEDULE, keys.KEY_PREFIX + keys.SITE]
RECHECK_SECONDS = 60 * 60

# The latest of WATCHED as this process last read it, and the latest purge it
# was read at: a purge writes its keys' stamps, then the latest purge, so while
# the latest purge is the same they are too, and each request need not read them.
_watched = (None, 0)

_providers = []


def scheduled_changes(next_change, keys_between):
    """Register an app's scheduled changes (see the module's docstring)."""
    _providers.append((next_change, keys_between))
    return next_change


def _next_moment():
    moments = [moment for next_change, _ in _providers if (moment := next_change()) is not None]
    return min(moments).timestamp() if moments else 0


def _as_datetime(ns):
    return datetime.datetime.fromtimestamp(ns / 1e9, tz=datetime.UTC)


def _rescheduled(last_purge):
    """When the schedule last changed (0 if not since the cache began)."""
    global _watched
    seen, latest = _watched
    if seen != last_purge:
        latest = max(cache.get_many(WATCHED).values(), default=0)
        _watched = (last_purge, latest)
    return latest


def check(values):
    """Purge what a passed scheduled moment changed, and keep the next moment
    known. `values` holds NEXT_CHANGE and the latest purge (keys.LAST_PURGE) as
    the middleware read them with the page. True if it purged."""
    stored = values.get(NEXT_CHANGE)
    rescheduled = _rescheduled(values.get(keys.LAST_PURGE, 0))
    now = keys.stamp()
    if stored is None:
        # Not known (first request, or forgotten): anything due in the time a
        # page can still be kept may not have been purged yet.
        kept = settings.NEWSROOM_PAGE_CACHE_SECONDS + settings.NEWSROOM_PAGE_CACHE_STALE_SECONDS
        worked_out, moment = now - kept * 10**9, now / 1e9
    else:
        worked_out, moment = stored
    due = bool(moment) and now / 1e9 >= moment
    if due:
        start, end = _as_datetime(worked_out), _as_datetime(now)
        changed = set()
        for _, keys_between in _providers:
            changed |= set(keys_between(start, end))
        keys.purge_now(changed)
    if due or stored is None or worked_out < rescheduled:
        # Stamped before the database is asked, so a purge committed meanwhile
        # makes the next request ask again.
        cache.set(NEXT_CHANGE, (keys.stamp(), _next_moment()), timeout=RECHECK_SECONDS)
    return due
