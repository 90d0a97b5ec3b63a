"""The home page: the places editors pin, the latest of each section, and what
readers liked and discussed this week."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import F, OuterRef, Prefetch, Q, Subquery, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.utils import timezone

from .models import FRONT_PAGE_SLOTS, Article, Byline, FrontPageSlot

PER_SECTION = 4
POPULAR = 5


@dataclass
class FrontPage:
    lead: Article | None = None
    top_stories: list = field(default_factory=list)
    section_blocks: list = field(default_factory=list)


def compose(tree):
    """The lead story, the top stories and the latest of each top-level section, in
    one query (plus one for the bylines).

    Each place on the front page shows the public article an editor pinned there,
    else the latest story not shown elsewhere on it. Every section's articles are
    numbered, pinned first and then newest first; the first FRONT_PAGE_SLOTS +
    PER_SECTION of each are enough for every place and every section block,
    however the pins fall.
    """
    pinned = FrontPageSlot.objects.filter(article=OuterRef("pk")).values("position")[:1]
    # Only recent articles (and pinned ones) are numbered: the front page's cost
    # stays the same however big the archive grows.
    since = timezone.now() - timedelta(days=settings.NEWSROOM_FRONT_PAGE_DAYS)
    rows = list(
        Article.objects.published()
        .filter(Q(published_at__gte=since) | Q(pk__in=FrontPageSlot.objects.values("article")))
        .annotate(slot=Subquery(pinned))
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=[F("section")],
                order_by=[F("slot").asc(nulls_last=True), F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(row__lte=FRONT_PAGE_SLOTS + PER_SECTION)
        .select_related("section", "lead_image")
        .defer("body")
        .order_by("-published_at", "-pk")
    )
    places = [None] * FRONT_PAGE_SLOTS
    for article in rows:
        if article.slot is not None and article.slot < FRONT_PAGE_SLOTS:
            places[article.slot] = article
    shown = {article.pk for article in places if article}
    latest = (article for article in rows if article.pk not in shown)
    places = [place or next(latest, None) for place in places]
    front = [article for article in places if article]
    shown = {article.pk for article in front}

    by_root = {}
    for article in rows:
        if article.pk in shown:
            continue
        root = tree.root_of(article.section_id)
        block = by_root.setdefault(root.pk, [])
        if len(block) < PER_SECTION:
            block.append(article)
    blocks = [
        {"section": root, "articles": by_root[root.pk]}
        for root in tree.top_level
        if by_root.get(root.pk)
    ]
    prefetch_related_objects(
        front + [article for block in blocks for article in block["articles"]],
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
    )
    return FrontPage(lead=front[0] if front else None, top_stories=front[1:], section_blocks=blocks)


def most_liked(days=7):
    """The public articles readers liked most in the last `days` days (one query)."""
    return list(
        Article.objects.published()
        .most_liked(days)
        .select_related("section")
        .defer("body")[:POPULAR]
    )


def most_discussed(days=7):
    """The public articles with most approved comments in the last `days` days."""
    return list(
        Article.objects.published()
        .most_discussed(days)
        .select_related("section")
        .defer("body")[:POPULAR]
    )
