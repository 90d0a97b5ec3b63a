"""A reader page's query count must not grow with what is on it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment
from tests.helpers.budgets import ARTICLE_BUDGET, LISTING_BUDGET, SITE_WIDE
from tests.helpers.factories import (
    ArticleFactory,
    ArticleImageFactory,
    AuthorFactory,
    CaptionedImageFactory,
    RelatedLinkFactory,
    SectionFactory,
)
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db

QUERIES = []


def count_queries(client, url):
    """Queries for one request with site-wide data cached (the page cache is off in
    tests); the cold request before it may only add the site-wide data."""
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    QUERIES[:] = context.captured_queries
    assert response.status_code == 200, url
    assert len(cold) <= max(ARTICLE_BUDGET, LISTING_BUDGET) + SITE_WIDE, [
        q["sql"][:120] for q in cold
    ]
    return len(context.captured_queries)


def rich_article(section, n):
    paragraphs = "".join(f"<p>Paragraph {i}.</p>" for i in range(n + 2))
    article = ArticleFactory(
        published=True,
        section=section,
        body=paragraphs,
        authors=[AuthorFactory(photo=CaptionedImageFactory()) for _ in range(n // 2 or 1)],
        tags=[f"Tag {i}" for i in range(n)],
        lead_image=CaptionedImageFactory(),
    )
    for i in range(n):
        ArticleImageFactory(article=article, after_paragraph=i)
        target = ArticleFactory(
            published=True, section=section, lead_image=CaptionedImageFactory(), tags=["Tag 0"]
        )
        RelatedLinkFactory(
            article=article, target=target, url="", teaser_headline="", after_paragraph=i
        )
        RelatedLinkFactory(article=article, after_paragraph=i, teaser_image=CaptionedImageFactory())
    return article


def test_article_page_queries_do_not_grow_with_content(client):
    europe = SectionFactory(parent=SectionFactory(parent=SectionFactory()))
    small = rich_article(europe, 1)
    big = rich_article(europe, 12)
    big.is_developing = True
    big.save()
    for i in range(12):
        big.notes.create(text=f"Correction {i}.")
        big.live_updates.create(text=f"Update {i}.")
    for article, count in ((small, 1), (big, 12)):
        for i in range(count):
            parent = Comment.objects.create(
                article=article,
                name=f"Reader {i}",
                email=f"reader{i}@example.com",
                text=f"Comment {i} here.",
                status=Comment.Status.APPROVED,
                submitted_at=timezone.now(),
            )
            Comment.objects.create(
                article=article,
                parent=parent,
                name="Replier",
                email="replier@example.com",
                text=f"Reply to {i}.",
                status=Comment.Status.APPROVED,
                submitted_at=timezone.now(),
            )
    small_count = count_queries(client, small.get_absolute_url())
    big_count = count_queries(client, big.get_absolute_url())
    assert big_count == small_count
    assert big_count <= ARTICLE_BUDGET, "\n".join(q["sql"][:150] for q in QUERIES)
    html = client.get(big.get_absolute_url()).content.decode()
    assert len(soup(html).select(".related-inline")) == 24
    assert len(soup(html).select("figure.figure:not(.figure-lead)")) == 12
    assert all(f"Correction {i}." in html and f"Update {i}." in html for i in range(12))
    assert all(f'rel="tag">Tag {i}</a>' in html for i in range(12))
    assert all(f"Comment {i} here." in html and f"Reply to {i}." in html for i in range(12))


@pytest.mark.parametrize(
    "kind", ["home", "section", "tag", "author", "archive_year", "archive_month", "search"]
)
def test_listing_queries_constant_in_page_size(client, settings, kind):
    world = SectionFactory(slug="world")
    subsections = [SectionFactory(parent=world) for _ in range(3)]
    others = [SectionFactory() for _ in range(4)]
    author = AuthorFactory(slug="prolific")
    for i in range(40):
        ArticleFactory(
            published=True,
            section=(subsections + others)[i % 7],
            authors=[author, AuthorFactory()],
            tags=["Common", f"Tag {i}"],
            lead_image=CaptionedImageFactory(),
        )
    now = timezone.localtime()
    url = {
        "home": "/",
        "section": "/section/world/",
        "tag": "/tag/common/",
        "author": "/author/prolific/",
        "archive_year": f"/archive/{now.year}/",
        "archive_month": f"/archive/{now.year}/{now.month}/",
        "search": "/search/?q=headline&section=world",
    }[kind]
    counts = []
    for size in (2, 12):
        settings.NEWSROOM_PAGE_SIZE = size
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1]
    assert counts[1] <= LISTING_BUDGET
