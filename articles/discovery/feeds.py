"""RSS 2.0 and Atom feeds of public articles: the whole site, a section (with its
subsections), a tag and an author.

Each item has the headline, link, standfirst (or the whole text, with
NEWSROOM_FEED_FULL_TEXT), authors, section and tags as categories, publish and
update times, and the lead image: an enclosure (its JPEG or PNG rendition, with
its size) and, in RSS, a Media RSS element with its dimensions and alt text.
"""

import copy
import logging

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed

import pagecache
from images.library import CONTENT_TYPES
from images.models import Rendition

from .. import pagekeys, tags
from ..models import Article, Author, SectionTree, SiteSettings
from ..times import to_the_second
from . import icons

logger = logging.getLogger(__name__)

ENCLOSURE_WIDTH = 1280


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS (`media:content`) for each item's lead image."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": "http://search.yahoo.com/mrss/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        media = item.get("media")
        if media:
            handler.startElement(
                "media:content",
                {
                    "url": media["url"],
                    "type": media["type"],
                    "medium": "image",
                    "width": str(media["width"]),
                    "height": str(media["height"]),
                },
            )
            if media["description"]:
                handler.addQuickElement("media:description", media["description"])
            if media["credit"]:
                handler.addQuickElement("media:credit", media["credit"])
            handler.endElement("media:content")

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        # The channel's image: the site's logo, linking to the site.
        handler.startElement("image", {})
        handler.addQuickElement("url", self.feed["logo"])
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("link", self.feed["link"])
        handler.endElement("image")


class AtomFeed(Atom1Feed):
    """Atom with the site's icon and logo."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("icon", self.feed["icon"])
        handler.addQuickElement("logo", self.feed["logo"])


class ArticleFeed(Feed):
    """The site's latest public articles. Subclasses narrow them to one section,
    tag or author (`get_object` and `articles`)."""

    feed_type = MediaRssFeed

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request: each gets its own copy to hold
        # the request (absolute addresses for images need the host).
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    @property
    def language(self):
        return SiteSettings.current().language_code

    def get_object(self, request, *args, **kwargs):
        return None

    def feed_extra_kwargs(self, obj):
        return {
            "logo": icons.logo(self.request)[0],
            "icon": self.request.build_absolute_uri(reverse("articles:apple_touch_icon")),
        }

    def articles(self, obj):
        return Article.objects.published()

    def heading(self, obj):
        return SiteSettings.current().name

    def title(self, obj):
        site = SiteSettings.current().name
        heading = self.heading(obj)
        return site if heading == site else f"{heading} – {site}"

    def link(self, obj):
        return obj.get_absolute_url() if obj is not None else reverse("articles:home")

    def description(self, obj):
        return SiteSettings.current().motto

    subtitle = description

    def feed_url(self, obj):
        return self.request.path

    def page_keys(self, obj):
        """What the feed is of (the page cache's keys, articles/pagekeys.py)."""
        return [pagekeys.LATEST]

    def items(self, obj):
        renditions = Rendition.objects.filter(
            crop="", format__in=[Rendition.Format.JPEG, Rendition.Format.PNG]
        ).order_by("width")
        items = list(
            self.articles(obj)
            .for_cards()
            .prefetch_related(
                "tags",
                Prefetch("lead_image__renditions", queryset=renditions, to_attr="fallbacks"),
            )
            .order_by("-published_at", "-pk")[: settings.NEWSROOM_FEED_ITEMS]
        )
        pagekeys.show_items(items)
        # Each item says when its text last changed (a correction, an edit), or
        # carries the whole text (NEWSROOM_FEED_FULL_TEXT).
        pagecache.shows(*(pagekeys.page_of(item.pk) for item in items))
        pagecache.shows(*self.page_keys(obj))
        for item in items:
            pagecache.shows(
                pagekeys.tags_of(item.pk), *(pagekeys.tag(tag.pk) for tag in item.tags.all())
            )
        return items

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        if settings.NEWSROOM_FEED_FULL_TEXT and item.body:
            return item.body
        return item.standfirst

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        names = [author.name for author in item.ordered_authors]
        if not names:
            return None
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def item_author_link(self, item):
        authors = item.ordered_authors
        if len(authors) == 1:
            return self.request.build_absolute_uri(authors[0].get_absolute_url())
        return None

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_pubdate(self, item):
        return to_the_second(item.published_at)

    def item_updateddate(self, item):
        return to_the_second(item.updated_at or item.published_at)

    def item_enclosures(self, item):
        image = self.lead_image(item)
        if image is None:
            return []
        return [Enclosure(image["url"], str(image["length"]), image["type"])]

    def item_extra_kwargs(self, item):
        return {"media": self.lead_image(item)}

    def lead_image(self, item):
        """The lead image's JPEG (or PNG) rendition nearest ENCLOSURE_WIDTH, else the
        public file while renditions are being made; None without a lead image."""
        image = item.lead_image
        if image is None or not image.image:
            return None
        if not hasattr(image, "feed_file"):
            fallbacks = getattr(image, "fallbacks", [])
            fitting = [r for r in fallbacks if r.width <= ENCLOSURE_WIDTH] or fallbacks[:1]
            if fitting:
                chosen = fitting[-1]
                file, width, height = chosen.file, chosen.width, chosen.height
                kind = CONTENT_TYPES[chosen.format]
            else:
                file, width, height = image.image, image.width, image.height
                kind = "image/png" if file.name.lower().endswith(".png") else "image/jpeg"
            image.feed_file = {
                "url": self.request.build_absolute_uri(file.url),
                "length": file_size(file),
                "type": kind,
                "width": width,
                "height": height,
                "description": "" if image.decorative else image.alt_text,
                "credit": image.credit,
            }
        return image.feed_file


def file_size(file):
    """A stored file's size in bytes; 0 (as RSS allows) when the storage cannot say."""
    try:
        return file.size
    except Exception:
        logger.warning("No size for %s", file.name)
        return 0


class SectionFeed(ArticleFeed):
    def get_object(self, request, path):
        section = SectionTree.load().by_path.get(path)
        if section is None:
            raise Http404("No such section.")
        return section

    def articles(self, obj):
        return Article.objects.published().in_section_tree(obj)

    def page_keys(self, obj):
        return [pagekeys.section_list(obj.pk), pagekeys.section(obj.pk)]

    def heading(self, obj):
        return obj.name

    def description(self, obj):
        return obj.description or f"The latest from {obj.name}."


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return tags.public_tag(slug)

    def articles(self, obj):
        return Article.objects.published().tagged(obj)

    def page_keys(self, obj):
        return [pagekeys.tag_list(obj.pk), pagekeys.tag(obj.pk)]

    def heading(self, obj):
        return obj.name

    def link(self, obj):
        return reverse("articles:tag", args=[obj.slug])

    def description(self, obj):
        return f"Articles tagged “{obj.name}”."


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def articles(self, obj):
        return Article.objects.published().by_author(obj)

    def page_keys(self, obj):
        return [pagekeys.author_list(obj.pk), pagekeys.author(obj.pk)]

    def heading(self, obj):
        return obj.name

    def description(self, obj):
        return obj.bio or f"Articles by {obj.name}."


class AtomArticleFeed(ArticleFeed):
    feed_type = AtomFeed


class AtomSectionFeed(SectionFeed):
    feed_type = AtomFeed


class AtomTagFeed(TagFeed):
    feed_type = AtomFeed


class AtomAuthorFeed(AuthorFeed):
    feed_type = AtomFeed


def alternates(kind, key=None, name=None):
    """The <link rel="alternate"> of a page's feeds: RSS and Atom."""
    args = [key] if key is not None else []
    label = f"{name or SiteSettings.current().name} – "
    return [
        {
            "type": "application/rss+xml",
            "title": f"{label}RSS",
            "href": reverse(f"articles:feed_{kind}_rss", args=args),
        },
        {
            "type": "application/atom+xml",
            "title": f"{label}Atom",
            "href": reverse(f"articles:feed_{kind}_atom", args=args),
        },
    ]
