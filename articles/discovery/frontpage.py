"""The home page: the places editors pin, the latest of each section, and what
readers liked and discussed this week."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.utils import timezone

import pagecache
from core.queries import any_of

from .. import pagekeys
from ..models import FRONT_PAGE_SLOTS, Article, Byline, FrontPageSlot

PER_SECTION = 4
POPULAR = 5
# Counted, so that an article unpublished since the count still leaves five.
COUNTED = 2 * POPULAR
POPULAR_SECONDS = 60
# "Most liked" and "most discussed this week" look only at articles published in
# this many days: older ones rarely climb back, and the counts stay cheap.
POPULAR_WINDOW_DAYS = 30


@dataclass
class FrontPage:
    lead: Article | None = None
    top_stories: list = field(default_factory=list)
    section_blocks: list = field(default_factory=list)


def compose(tree):
    """The lead story, the top stories and the latest of each top-level section, in
    one query (plus one for the bylines).

    Each place on the front page shows the public article an editor pinned there,
    else the latest story not shown elsewhere on it. Within each top-level section
    (with its subsections), pinned articles come first and then the newest; the
    first FRONT_PAGE_SLOTS + PER_SECTION of each are enough for every place and
    every section block, however the pins fall. Each one's newest come from short
    ranges of the section index, so the cost stays the same however big the
    archive grows.
    """
    rows = _candidates(tree)
    front = _places(rows)
    blocks = _section_blocks(tree, rows, shown={article.pk for article in front})
    prefetch_related_objects(
        front + [article for block in blocks for article in block["articles"]],
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
    )
    return FrontPage(lead=front[0] if front else None, top_stories=front[1:], section_blocks=blocks)


def show(front, popular_articles):
    """The page cache's keys of the home page: its pinned places, the latest of
    every section, each card. "Most liked" and "most discussed" are counted once
    a minute, so the page is fresh for a minute at most."""
    articles = [front.lead, *front.top_stories]
    articles += [article for block in front.section_blocks for article in block["articles"]]
    pagekeys.show_cards(articles)
    pagekeys.show_items(popular_articles)
    pagekeys.show_sections(block["section"] for block in front.section_blocks)
    pagecache.shows(pagekeys.FRONT, pagekeys.LATEST)
    pagecache.fresh_for(POPULAR_SECONDS)


def _candidates(tree):
    """The first FRONT_PAGE_SLOTS + PER_SECTION public articles of each top-level
    section, pinned first, then the newest; the rows newest first. One query."""
    keep = FRONT_PAGE_SLOTS + PER_SECTION
    since = timezone.now() - timedelta(days=settings.NEWSROOM_FRONT_PAGE_DAYS)
    recent = Article.objects.published().filter(published_at__gte=since)
    candidates = [FrontPageSlot.objects.values("article")]
    roots = {}
    for section_id in tree.by_id:
        roots.setdefault(tree.root_of(section_id).pk, []).append(section_id)
    for section_ids in roots.values():
        newest = recent.filter(section_id__in=section_ids).order_by("-published_at", "-pk")
        candidates.append(newest.values("pk")[:keep])
    pinned = FrontPageSlot.objects.filter(article=OuterRef("pk")).values("position")[:1]
    found = list(
        Article.objects.filter(pk__in=any_of(*candidates))
        .published()
        .annotate(slot=Subquery(pinned))
        .select_related("section", "lead_image")
        .defer("body", "reader_body")
        .order_by("-published_at", "-pk")
    )
    # Number each top-level section's articles, pinned first, and keep the first few.
    numbered = {}
    for article in sorted(found, key=_pinned_first):
        numbered.setdefault(tree.root_of(article.section_id).pk, []).append(article)
    kept = {a.pk for articles in numbered.values() for a in articles[:keep]}
    return [article for article in found if article.pk in kept]


def _places(rows):
    """The lead story and the top stories: each place shows the article pinned
    there, else the latest story not shown elsewhere on the front page."""
    places = [None] * FRONT_PAGE_SLOTS
    for article in rows:
        if article.slot is not None and article.slot < FRONT_PAGE_SLOTS:
            places[article.slot] = article
    shown = {article.pk for article in places if article}
    latest = (article for article in rows if article.pk not in shown)
    places = [place or next(latest, None) for place in places]
    return [article for article in places if article]


def _section_blocks(tree, rows, shown):
    """The latest of each top-level section that the places above do not show."""
    by_root = {}
    for article in rows:
        if article.pk in shown:
            continue
        root = tree.root_of(article.section_id)
        block = by_root.setdefault(root.pk, [])
        if len(block) < PER_SECTION:
            block.append(article)
    return [
        {"section": root, "articles": by_root[root.pk]}
        for root in tree.top_level
        if by_root.get(root.pk)
    ]


def _pinned_first(article):
    slot = article.slot if article.slot is not None else FRONT_PAGE_SLOTS + 1
    return (slot, -article.published_at.timestamp(), -article.pk)


def popular():
    """(most liked, most discussed) this week, as those articles are now.

    Counting is the costly part, so the counts are kept for POPULAR_SECONDS, or
    until a like or a comment changes them (they key on `list:popular`, which
    likes and comments purge): a correction or a new article, all day long in a
    newsroom, does not count them again. The articles themselves are read on
    every call, public ones only, so a corrected headline shows at once and an
    unpublished article leaves at once (the next one counted takes its place)."""
    key = f"front:popular:{pagecache.purged_at(pagekeys.POPULAR)}"
    counts = cache.get(key)
    if counts is None:
        counts = (most_liked(), most_discussed())
        cache.set(key, counts, POPULAR_SECONDS)
    liked, discussed = counts
    found = (
        Article.objects.published()
        .select_related("section")
        .defer("body", "reader_body")
        .in_bulk({pk for pk, _ in liked + discussed})
    )
    return _ranked(found, liked, "recent_likes"), _ranked(found, discussed, "recent_comments")


def _ranked(found, counts, attribute):
    """The first POPULAR of `counts` ((pk, count), best first) that are in
    `found`, each with its count as `attribute`."""
    articles = []
    for pk, count in counts:
        if pk in found and len(articles) < POPULAR:
            setattr(found[pk], attribute, count)
            articles.append(found[pk])
    return articles


def recent_window(now):
    """Public articles recent enough to be "popular this week": published in the
    last POPULAR_WINDOW_DAYS. Counting likes and comments is then bounded by the
    window, not by the size of the archive."""
    since = now - timedelta(days=POPULAR_WINDOW_DAYS)
    return Article.objects.published().filter(published_at__gte=since)


def _top(counted, count):
    """(pk, count) of the COUNTED articles with the highest `count`, newest
    first among equals. Grouped by the article's id alone (not all its columns),
    so the database counts from its indexes."""
    return list(
        counted.values("pk", "published_at")
        .annotate(count=count)
        .order_by("-count", "-published_at", "-pk")
        .values_list("pk", "count")[:COUNTED]
    )


def most_liked(days=7):
    """(pk, likes) of the public articles readers liked most in the last `days`
    days (Like rows, not the all-time counter); only those liked at all in that
    time. One query."""
    now = timezone.now()
    # Filtering the likes before counting them lets the database start from
    # the week's likes (an index range), not from every like of the window.
    liked = recent_window(now).filter(likes__created_at__gte=now - timedelta(days=days))
    return _top(liked, Count("likes"))


def most_discussed(days=7):
    """(pk, comments) of the public articles with most approved comments in the
    last `days` days. One query.

    The comments app owns Comment; this only follows its reverse relation
    ("comments") and its "approved" state, never importing it.
    """
    now = timezone.now()
    discussed = recent_window(now).filter(
        comments__status="approved", comments__submitted_at__gte=now - timedelta(days=days)
    )
    return _top(discussed, Count("comments"))
