"""The reader page cache: whole pages for anonymous readers, served from the
shared cache before sessions, CSRF and authentication run (pagecache/middleware.py),
stale exactly when something they show changes, and drawn once however many
readers ask at the same moment.

What other apps use:

- `reader_page(view, params=[...])`: the one way a view opts in, naming the
  query parameters it reads (pagecache/decorators.py); `private(response)`
  keeps one response out (a preview, a form with errors);
  `private_request(request)` does the same from where the page is drawn.
- `shows(*keys)`: the page being drawn shows these things (`article:12`,
  `section:3`); called by the code that fetches them. `fresh_for(seconds)`
  shortens one page's freshness.
- `purge(*keys)`: the pages showing these things are stale once the
  transaction commits (and in Varnish or a CDN in front).
- `watch(model, purges)`: a save or delete of a `model` row purges
  `purges(row)`; each app watches its own models in its AppConfig.ready().
- `signals.content_changed` with `keys`: the same as `purge`, for an app that
  would rather send a signal (likes, approved comments).
- `scheduled_changes(next_change, keys_between)`: pages that change by
  themselves at a known moment (an article's publish time) say when, and what;
  a purge naming `RESCHEDULE` says those moments may have moved.
- `purged_at(key)`: when `key` was last purged, for data kept elsewhere that
  should change with it (the front page's counts of likes and comments).

The page cache imports no app: apps tell it what their pages show and what changed.
"""

from .decorators import private, private_request, reader_page
from .keys import SITE, everything_pending, fresh_for, purge, purged_at, shows
from .receivers import watch
from .schedule import RESCHEDULE, scheduled_changes

__all__ = [
    "RESCHEDULE",
    "SITE",
    "everything_pending",
    "fresh_for",
    "private",
    "private_request",
    "purge",
    "purged_at",
    "reader_page",
    "scheduled_changes",
    "shows",
    "watch",
]
