"""Reader views, one module per kind of page: listings, the article (and its
previews and old addresses), likes, the reader's own part of a cached page, and
search. Other apps use `render_article` only."""

from .article import render_article

__all__ = ["render_article"]
