"""
What a change to articles' content purges from the page cache: exactly the
pages that show the changed thing (articles/pagekeys.py names the keys).

A correction or a change to the body purges its article's page, the feeds
and the corrections page; a new headline (standfirst, picture, address) also purges the
pages whose cards or teasers show it; never the site. An article that becomes public
(or moves to another section, or changes its publish time) also purges the
listings it enters: its sections', tags', authors', its year's archive, the
latest (home page, site feeds) and the sitemaps. A draft's save purges nothing
anyone sees. Connected in ArticlesConfig.ready() (`connect`).
"""

from datetime import datetime

from django.db.models.signals import m2m_changed
from taggit.models import Tag, TaggedItem

import pagecache

from . import pagekeys as keys
from .editorial import workflow
from .models import (
    Article,
    ArticleEmbed,
    ArticleGallery,
    ArticleImage,
    ArticleNote,
    Author,
    Byline,
    EmbedPreview,
    FrontPageSlot,
    Gallery,
    GalleryImage,
    LiveUpdate,
    Page,
    RelatedLink,
    Section,
    SectionTree,
    SiteSettings,
    article_content_type_id,
)

PLACEMENT = ("section_id", "published_at", "status", "unpublish_at")
# What a mention of an article shows besides where it is listed (the page keys'
# `article:<id>`): a card, a teaser, a feed item, a link in another body.
MENTIONED = ("headline", "standfirst", "slug", "lead_image_id", "is_developing")


def remember_placement(instance):
    """Before a save: where the article was listed and how it was mentioned
    (one query)."""
    before = None
    if instance.pk is not None:
        before = Article.objects.filter(pk=instance.pk).values(*PLACEMENT, *MENTIONED).first()
    instance._listed_before = before


def _was_public(before):
    if before is None:
        return False
    probe = Article(**{name: before[name] for name in PLACEMENT})
    return probe.is_public


def _to_the_second(value):
    # The admin's date and time fields hold seconds: a save from the change form
    # drops the microseconds of a publish time, which moves nothing.
    return value.replace(microsecond=0) if isinstance(value, datetime) else value


def listings_of(article):
    """The listings a public article is in (the keys of the lists it enters)."""
    tree = SectionTree.load()
    found = [keys.LATEST, keys.ALL]
    found += [keys.section_list(each.pk) for each in tree.ancestors(article.section_id)]
    if article.published_at:
        found.append(keys.archive(article.published_at.year))
    found += [keys.tag_list(pk) for pk in article.tags.values_list("pk", flat=True)]
    found += [
        keys.author_list(pk)
        for pk in Byline.objects.filter(article_id=article.pk).values_list("author_id", flat=True)
    ]
    return found


def _changed(before, article, names):
    return before is None or any(
        _to_the_second(before[name]) != _to_the_second(getattr(article, name)) for name in names
    )


def article_purges(article):
    """An article saved: its own page; the pages that mention it, if what they
    show of it changed; where it is or was listed."""
    found = [keys.page_of(article.pk)]
    before = getattr(article, "_listed_before", None)
    public = article.pk is not None and article.is_public
    if _was_public(before) or public:
        found.append(keys.ALL)  # the sitemaps name every public article
    moved = _changed(before, article, PLACEMENT)
    if moved or _changed(before, article, MENTIONED):
        found.append(keys.article(article.pk))
    if moved:
        found.append(pagecache.RESCHEDULE)  # its publish or unpublish time may be new
    if public and (moved or not _was_public(before)):
        found += listings_of(article)
    return found


def article_deleted(article):
    return [keys.article(article.pk), keys.page_of(article.pk), keys.ALL, keys.CORRECTIONS]


def of_article(row):
    """A row that only its article's page shows (a figure, a related link, a
    live update, a gallery or embed placed in it): that page."""
    return [keys.page_of(row.article_id)]


def note_purges(note):
    """A correction or a clarification: its article's page and the corrections page."""
    return [keys.page_of(note.article_id), keys.CORRECTIONS]


def byline_purges(byline):
    """An author added to or taken from an article's byline."""
    entered = [keys.author_list(byline.author_id), keys.ALL]
    return [keys.article(byline.article_id), *_if_public(byline.article_id, entered)]


def tagged_item_purges(item):
    """A tag given to or taken from an article (a row saved directly)."""
    if item.content_type_id != article_content_type_id():
        return []
    entered = [keys.tag_list(item.tag_id), keys.ALL]
    return [keys.tags_of(item.object_id), *_if_public(item.object_id, entered)]


def _if_public(article_id, found):
    return found if Article.objects.published().filter(pk=article_id).exists() else []


def tags_changed(sender, instance, action, pk_set, reverse, model, **kwargs):
    """m2m_changed of an article's tags (taggit's add, remove, set, clear)."""
    if not action.startswith("post_") or pagecache.everything_pending():
        return
    if action != "post_clear" and not pk_set:
        return  # nothing added or removed (the admin saves an article's tags unchanged)
    if isinstance(instance, Article):
        articles, tag_ids = [instance.pk], pk_set or []
    else:
        articles, tag_ids = pk_set or [], [instance.pk]
    public = set(Article.objects.published().filter(pk__in=articles).values_list("pk", flat=True))
    pagecache.purge(
        *(keys.tags_of(pk) for pk in articles),
        *((keys.ALL, *(keys.tag_list(pk) for pk in tag_ids)) if public else ()),
    )


def section_purges(section):
    """A section renamed, moved or removed: pages showing it or its subsections
    (their addresses hold its slug), its listings, and the menu if top-level."""
    tree = SectionTree.load()
    ids = set(tree.subtree_ids(section.pk)) if section.pk in tree.by_id else set()
    ids.add(section.pk)
    found = [keys.section(pk) for pk in ids] + [keys.section_list(section.pk), keys.ALL]
    was_top = getattr(section, "_was_top_level", False)
    if section.parent_id is None or was_top:
        found.append(keys.NAV)
    return found


def remember_section(instance):
    instance._was_top_level = bool(
        instance.pk and Section.objects.filter(pk=instance.pk, parent__isnull=True).exists()
    )


def author_purges(author):
    return [keys.author(author.pk), keys.author_list(author.pk), keys.ALL]


def tag_purges(tag):
    return [keys.tag(tag.pk), keys.tag_list(tag.pk), keys.ALL]


def remember_page(instance):
    instance._was_in_footer = bool(
        instance.pk and Page.objects.filter(pk=instance.pk, in_footer=True).exists()
    )


def page_purges(page):
    """A page (About, Contact…) changed: every page's own view (they show their
    parents and children), the sitemaps, and the footer if it is or was there."""
    found = [keys.PAGES, keys.ALL]
    if page.in_footer or getattr(page, "_was_in_footer", False):
        found.append(keys.FOOTER)
    return found


def preview_purges(preview):
    """An embed's preview fetched: the pages of the articles that embed it, and the
    pages (About…) whose views showed it (articles/page_body.py)."""
    embedded_in = ArticleEmbed.objects.filter(url=preview.url).values_list("article_id", flat=True)
    return [keys.embed(preview.url), *(keys.page_of(pk) for pk in embedded_in.distinct())]


def changes_between(start, end):
    """Scheduled changes: the pages that change as articles' publish or unpublish
    times pass between `start` and `end`."""
    due = Article.objects.filter(status=Article.Status.PUBLISHED).select_related("section")
    found = []
    for article in due.filter(published_at__gt=start, published_at__lte=end):
        found += [keys.article(article.pk), keys.page_of(article.pk), *listings_of(article)]
    for article in due.filter(unpublish_at__gt=start, unpublish_at__lte=end):
        found += [keys.article(article.pk), keys.page_of(article.pk), keys.ALL]
    return found


def connect():
    """Connect every model readers see to the page cache (ArticlesConfig.ready)."""
    pagecache.watch(Article, article_purges, deleted=article_deleted, before=remember_placement)
    for model in (ArticleImage, RelatedLink, LiveUpdate, ArticleGallery, ArticleEmbed):
        pagecache.watch(model, of_article)
    pagecache.watch(Gallery, lambda row: [keys.gallery(row.pk)])
    pagecache.watch(GalleryImage, lambda row: [keys.gallery(row.gallery_id)])
    pagecache.watch(EmbedPreview, preview_purges)
    pagecache.watch(ArticleNote, note_purges)
    pagecache.watch(Byline, byline_purges)
    pagecache.watch(Section, section_purges, before=remember_section)
    pagecache.watch(Author, author_purges)
    pagecache.watch(Tag, tag_purges)
    pagecache.watch(TaggedItem, tagged_item_purges)
    pagecache.watch(FrontPageSlot, lambda slot: [keys.FRONT])
    pagecache.watch(Page, page_purges, before=remember_page)
    pagecache.watch(SiteSettings, lambda site: [pagecache.SITE])
    m2m_changed.connect(tags_changed, sender=Article.tags.through, dispatch_uid="page:tags")
    pagecache.scheduled_changes(workflow.next_scheduled_change, changes_between)
