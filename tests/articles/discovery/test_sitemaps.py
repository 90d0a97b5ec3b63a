"""Sitemaps (validated against the sitemaps.org schemas), the news sitemap and robots.txt."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
import xmlschema
from django.utils import timezone

from articles.models import (
    Article,
    Page,
)
from tests.helpers.factories import (
    ArticleFactory,
)
from tests.helpers.times import ago

pytestmark = pytest.mark.django_db


SCHEMAS = Path(__file__).parent / "schemas"


def schema(*names):
    return xmlschema.XMLSchema([str(SCHEMAS / name) for name in names])


class TestSitemaps:
    def test_index_and_every_sitemap_validate(self, client, feed_articles):
        Page.objects.create(title="About us", slug="about", status=Page.Status.PUBLISHED)
        index = client.get("/sitemap.xml")
        assert index.status_code == 200
        schema("siteindex.xsd").validate(index.content.decode())
        locations = re.findall(r"<loc>([^<]+)</loc>", index.content.decode())
        assert [loc.rsplit("/", 1)[1] for loc in locations] == [
            "articles.xml",
            "sections.xml",
            "tags.xml",
            "authors.xml",
            "pages.xml",
        ]
        sitemap = schema("sitemap.xsd")
        pages = {}
        for location in locations:
            response = client.get(location.removeprefix("http://testserver"))
            sitemap.validate(response.content.decode())
            pages[location.rsplit("/", 1)[1]] = response.content.decode()
        article = feed_articles
        assert re.findall(r"<loc>([^<]+)</loc>", pages["articles.xml"]) == [
            "http://testserver" + article.get_absolute_url()
        ]
        assert f"<lastmod>{article.published_at:%Y-%m-%d}</lastmod>" in pages["articles.xml"]
        assert "/section/world-news/europe/" in pages["sections.xml"]
        assert "/tag/russia/" in pages["tags.xml"]
        assert "/author/maya/" in pages["authors.xml"]
        assert "http://testserver/about/" in pages["pages.xml"]

    def test_news_sitemap_holds_the_last_48_hours(self, client, world, time_machine):
        time_machine.move_to(timezone.now(), tick=False)
        fresh = ArticleFactory(published=True, section=world, headline="Fresh & new")
        Article.objects.filter(pk=fresh.pk).update(published_at=ago(hours=47))
        stale = ArticleFactory(published=True, section=world, headline="Two days old")
        Article.objects.filter(pk=stale.pk).update(published_at=ago(hours=49))
        ArticleFactory(headline="Draft", section=world)
        ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() + timedelta(hours=1),
            headline="Scheduled",
            section=world,
        )
        response = client.get("/news-sitemap.xml")
        assert response["Content-Type"].startswith("application/xml")
        xml = response.content.decode()
        schema("sitemap.xsd", "sitemap-news.xsd").validate(xml)
        assert re.findall(r"<news:title>([^<]+)</news:title>", xml) == ["Fresh &amp; new"]
        assert "<news:name>The Daily Newsroom</news:name>" in xml
        assert "<news:language>en</news:language>" in xml
        fresh.refresh_from_db()
        assert (
            f"<news:publication_date>{fresh.published_at.replace(microsecond=0).isoformat()}<"
            in xml
        )
        # Two hours on, the 47-hour-old article has left the window.
        time_machine.move_to(timezone.now() + timedelta(hours=2))
        assert "Fresh" not in client.get("/news-sitemap.xml").content.decode()

    def test_robots_txt_points_at_the_sitemaps(self, client):
        response = client.get("/robots.txt")
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        for path in ("/admin/", "/preview/", "/search/"):
            assert f"Disallow: {path}" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines
        assert "Sitemap: http://testserver/news-sitemap.xml" in lines
