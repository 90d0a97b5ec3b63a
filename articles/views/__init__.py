"""Reader views, one module per kind of page: listings, the article (and its
previews and old addresses), likes, the reader's own part of a cached page, and
search."""
