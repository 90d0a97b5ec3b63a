"""The editors' admin for articles and everything around them, one module per
concern (Django's own admin is split the same way): the article admin
(articles.py) with its form, inlines, filters, bulk actions and revision views;
sections, authors, tags, the front page and the site settings (the image
library is the images app's).
Importing this package registers them all."""

from . import articles, authors, galleries, pages, previews, sections, site, tags

__all__ = ["articles", "authors", "galleries", "pages", "previews", "sections", "site", "tags"]
