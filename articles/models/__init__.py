"""
The content editors publish: sections, authors, articles and their bylines,
what an article's body carries between its paragraphs (images, related
links), its corrections and updates, reader likes, the front page and site
settings, search documents and the record of what was imported.

One module per concern; this package exports every model and the helpers other
apps, migrations and tests use, so `from articles.models import Article` is the
one way in. Library images are the images app's (images.models).
"""

# Migration 0005 names the originals' storage by this path; the model that uses it
# now lives in the images app.
from images.models import originals_storage

from .articles import PROBE_ROWS, Article, ArticleQuerySet, article_content_type_id, new_preview_key
from .authors import Author, Byline
from .desk import Autosave, EditLock
from .imports import ImportedObject
from .likes import Like
from .media import ArticleEmbed, ArticleGallery, Gallery, GalleryImage
from .notes import ArticleEvent, ArticleNote, ArticleRedirect, LiveUpdate
from .pages import Page, PageRedirect, PageTree
from .placements import ArticleImage, BodyPlacement, RelatedLink, public_related_links
from .previews import EmbedPreview
from .search import SEARCH_CONFIGS, SearchDocument, refresh_search, search_config
from .search_sqlite import SearchIndex
from .sections import RESERVED_SLUGS, Section, SectionTree
from .site import FRONT_PAGE_SLOTS, FrontPageSlot, SiteSettings

__all__ = [
    "originals_storage",
    "FRONT_PAGE_SLOTS",
    "PROBE_ROWS",
    "RESERVED_SLUGS",
    "SEARCH_CONFIGS",
    "Article",
    "ArticleEmbed",
    "ArticleEvent",
    "ArticleGallery",
    "ArticleImage",
    "ArticleNote",
    "ArticleQuerySet",
    "ArticleRedirect",
    "Author",
    "Autosave",
    "BodyPlacement",
    "Byline",
    "EditLock",
    "EmbedPreview",
    "FrontPageSlot",
    "Gallery",
    "GalleryImage",
    "ImportedObject",
    "Like",
    "Page",
    "PageRedirect",
    "PageTree",
    "LiveUpdate",
    "RelatedLink",
    "SearchDocument",
    "SearchIndex",
    "Section",
    "SectionTree",
    "SiteSettings",
    "article_content_type_id",
    "new_preview_key",
    "public_related_links",
    "refresh_search",
    "search_config",
]
