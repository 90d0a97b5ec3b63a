"""What an app sends when something readers see changed without a model the
page cache watches (pagecache.watch) being saved. Both take effect when the
sender's transaction commits, so a rolled-back change stales nothing.

- `content_changed`: any page may show it (an approved comment changes an
  article's count on every card): every cached page is stale.
- `page_changed`, with `path`: only that page shows it (a like on an article).
"""

from django.dispatch import Signal

content_changed = Signal()
page_changed = Signal()
