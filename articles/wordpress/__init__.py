"""
Moving a WordPress site to Newsroom: `manage.py import_wordpress export.xml`.

- `wxr` reads the export (WordPress eXtended RSS) as a stream of small records;
- `content` turns a post's HTML into a Newsroom body with its figures;
- `importer` runs an import in one transaction, through its parts: `terms`
  (authors, sections, tags), `media` (library images), `posts` (articles, written
  a batch at a time by `batch`), `identity` (the import record) and `report` (the
  summary the command prints);
- `addresses` answers the old site's `/?p=123` addresses.

Comments belong to the comments app, which articles knows nothing of: it imports a
post's comments by listening to `post_imported` (see comments/wordpress.py).
"""

from django.dispatch import Signal

# Sent after each post is saved as an article, with `run` (the Import), `article`
# and `item` (the post's wxr.Item, comments included).
post_imported = Signal()
