"""Times written for machines (HTML `datetime`, meta tags, JSON-LD, feeds, the news
sitemap) are to the second: HTML allows at most three digits of a fraction, and the
times Newsroom stores carry six (timezone.now() has microseconds)."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article, ArticleNote, LiveUpdate
from articles.templatetags.articles_tags import datetime_attr
from articles.times import to_the_second
from comments.models import Comment
from tests.helpers.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 5, 21, 37, 24, 798049, tzinfo=UTC)
WHOLE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def datetimes(html):
    return re.findall(r'datetime="([^"]*)"', html)


@pytest.fixture
def story(time_machine):
    """A developing story published, corrected, updated and commented on at moments
    that all have microseconds."""
    time_machine.move_to(NOW, tick=False)
    article = ArticleFactory(
        published=True,
        published_at=NOW - timedelta(hours=3),
        section=SectionFactory(name="World News", slug="world-news"),
        headline="Ministers clash over cyber attacks",
        is_developing=True,
        tags=["Russia"],
    )
    article.body += "<p>A fourth paragraph.</p>"
    article.save()
    ArticleNote.objects.create(article=article, text="An earlier version misspelt a name.")
    LiveUpdate.objects.create(article=article, text="The talks have ended.")
    Comment.objects.create(
        article=article,
        name="Ana Reader",
        email="ana@example.com",
        text="A fair summary.",
        status=Comment.Status.APPROVED,
        submitted_at=NOW,
    )
    Article.objects.filter(pk=article.pk).update(comment_count=1)
    article.refresh_from_db()
    assert article.published_at.microsecond
    assert article.updated_at.microsecond
    return article


def test_to_the_second_drops_only_the_fraction():
    assert to_the_second(NOW) == datetime(2026, 12, 5, 21, 37, 24, tzinfo=UTC)
    assert to_the_second(None) is None


def test_datetime_attr_is_iso_8601_to_the_second_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    assert datetime_attr(NOW) == "2026-12-05T22:37:24+01:00"
    assert datetime_attr(None) == ""


def test_article_page_writes_every_time_to_the_second(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    found = datetimes(html)
    # Published, updated, the correction, the live update and the comment.
    assert "2026-12-05T18:37:24+00:00" in found
    assert found.count("2026-12-05T21:37:24+00:00") == 4
    assert all(WHOLE.match(value) for value in found), found
    assert 'property="article:published_time" content="2026-12-05T18:37:24+00:00"' in html
    assert 'property="article:modified_time" content="2026-12-05T21:37:24+00:00"' in html
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html).group(1))
    news = data[0]
    assert news["datePublished"] == "2026-12-05T18:37:24+00:00"
    assert news["dateModified"] == "2026-12-05T21:37:24+00:00"
    assert news["correction"][0]["datePublished"] == "2026-12-05T21:37:24+00:00"


@pytest.mark.parametrize(
    "url", ["/", "/section/world-news/", "/tag/russia/", "/corrections/", "/search/?q=cyber"]
)
def test_listings_write_times_to_the_second(client, story, url):
    found = datetimes(client.get(url).content.decode())
    assert found
    assert all(WHOLE.match(value) for value in found), found


def test_live_updates_fragment_writes_times_to_the_second(client, story):
    html = client.get(f"/live/{story.pk}/updates/").content.decode()
    assert datetimes(html) == ["2026-12-05T21:37:24+00:00"]


def test_feeds_and_news_sitemap_write_times_to_the_second(client, story):
    atom = client.get("/feeds/atom/").content.decode()
    assert "<published>2026-12-05T18:37:24+00:00</published>" in atom
    assert "<updated>2026-12-05T21:37:24+00:00</updated>" in atom
    assert ".798049" not in atom
    rss = client.get("/feeds/rss/").content.decode()
    assert "<pubDate>Sat, 05 Dec 2026 18:37:24 +0000</pubDate>" in rss
    news = client.get("/news-sitemap.xml").content.decode()
    assert "<news:publication_date>2026-12-05T18:37:24+00:00</news:publication_date>" in news
