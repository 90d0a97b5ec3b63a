"""The content editors publish: sections, articles, authors and bylines, related
links and the images placed in bodies, corrections and updates, likes; the
editorial workflow (editorial/), how readers find the news (discovery/), the
WordPress import (wordpress/), the admin (admin/) and the reader pages (views/).

articles knows nothing of the apps built on it (comments, ops). What they may
use, its public API:

- `articles.models`: every model, and `Article.objects.published()`, the one
  definition of public;
- `articles.reader.provider`: add to a reader's own part of a cached article page;
- `articles.wordpress.post_imported` (a signal sent for each imported post) and
  the text helpers of `articles.wordpress.content`, for importing what belongs
  to another app (comments);
- `articles.editorial.workflow`: the one gate for changing an article's state
  (`imported()` for content a command makes).

The article template pulls comments in through the comments app's template
tags; counts come from the reverse relation (`comment_count`, "comments").
"""
