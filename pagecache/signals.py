"""The page cache's signals.

- `content_changed`, with `keys`: what an app sends when readers' pages change
  without a save of a watched model (pagecache.watch): a like, an approved
  comment. The pages showing any of the keys go stale when the sender's
  transaction commits, so a rolled-back change stales nothing. Without `keys`,
  every page goes stale.
- `purged`, with `keys`: sent by the page cache once keys are purged, for the
  caches in front (pagecache/frontends.py connects Varnish).
"""

from django.dispatch import Signal

content_changed = Signal()
purged = Signal()
