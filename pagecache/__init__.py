"""The reader page cache: whole pages for anonymous readers, served from the
shared cache before sessions, CSRF and authentication run (pagecache/middleware.py),
and made stale the moment what they show changes.

What other apps use:

- `reader_page(view)`: the one way a view opts in (pagecache/decorators.py);
  `private(response)` keeps one response out (a preview, a form with errors).
- `watch(*models)`: a save or delete of these models makes every page stale;
  each app watches its own models in its AppConfig.ready().
- `signals.content_changed` and `signals.page_changed(path=...)`: what to send
  when a change is not a save of a watched model (likes, approved comments).
- `scheduled_changes(provider)`: pages that change by themselves at a known
  moment (an article's publish time) say when.
- `current_generation()`: for site-wide data that should change with the pages.

The page cache imports no app: apps tell it what changed.
"""

from .decorators import private, reader_page
from .generations import current_generation, scheduled_changes
from .receivers import watch

__all__ = ["current_generation", "private", "reader_page", "scheduled_changes", "watch"]
