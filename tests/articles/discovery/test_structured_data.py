"""Metadata and structured data: titles, descriptions, canonical links, cards and JSON-LD."""

import re

import pytest

from articles.models import (
    SiteSettings,
)
from tests.helpers.factories import (
    ArticleFactory,
    CaptionedImageFactory,
)
from tests.helpers.html import json_ld, meta

pytestmark = pytest.mark.django_db


class TestMetadata:
    def test_every_page_has_title_description_canonical_and_cards(self, client, feed_articles):
        article = feed_articles
        for url in (
            "/",
            "/section/world-news/",
            "/tag/russia/",
            "/author/maya/",
            article.get_absolute_url(),
            "/search/?q=cyber",
            "/corrections/",
        ):
            response = client.get(url + ("&" if "?" in url else "?") + "utm_source=x")
            html = response.content.decode()
            assert re.search(r"<title>[^<]+</title>", html), url
            assert meta(response, "description"), url
            canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
            assert canonical.startswith("http://testserver/"), url
            assert "utm" not in canonical, url
            for name in ("og:title", "og:description", "og:url", "og:type", "twitter:card"):
                assert meta(response, name), (url, name)

    def test_canonical_keeps_the_page_number(self, client, settings, feed_articles, world):
        settings.NEWSROOM_PAGE_SIZE = 1
        ArticleFactory(published=True, section=world)
        response = client.get("/section/world-news/?page=2&ref=mail")
        assert '<link rel="canonical" href="http://testserver/section/world-news/?page=2">' in (
            response.content.decode()
        )

    def test_article_cards_use_the_lead_image(self, client, feed_articles):
        article = feed_articles
        response = client.get(article.get_absolute_url())
        assert meta(response, "og:type") == "article"
        assert meta(response, "og:title") == article.headline
        assert meta(response, "og:image").startswith("http://testserver/media/")
        assert meta(response, "og:image:width") == str(article.lead_image.width)
        assert meta(response, "og:image:height") == str(article.lead_image.height)
        assert meta(response, "og:image:alt") == "Two ministers at lecterns"
        assert meta(response, "twitter:card") == "summary_large_image"
        assert (
            meta(response, "article:published_time")
            == article.published_at.replace(microsecond=0).isoformat()
        )

    def test_news_article_json_ld(self, client, feed_articles):
        logo = CaptionedImageFactory(alt_text="Logo")
        SiteSettings(publisher_name="Newsroom Media Ltd", logo=logo).save()
        article = feed_articles
        data = {item["@type"]: item for item in json_ld(client.get(article.get_absolute_url()))}
        news = data["NewsArticle"]
        url = "http://testserver" + article.get_absolute_url()
        assert news["headline"] == article.headline
        assert news["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
        assert news["datePublished"] == article.published_at.replace(microsecond=0).isoformat()
        assert news["dateModified"] == article.published_at.replace(microsecond=0).isoformat()
        assert news["articleSection"] == "Europe"
        assert set(news["keywords"]) == {"Russia", "Diplomacy"}
        assert news["isAccessibleForFree"] is True
        assert news["image"]
        assert all(u.startswith("http://testserver/media/") for u in news["image"])
        assert news["author"] == [
            {"@type": "Person", "name": "Maya Okafor", "url": "http://testserver/author/maya/"},
            {"@type": "Person", "name": "Tom Lindqvist", "url": "http://testserver/author/tom/"},
        ]
        publisher = news["publisher"]
        assert publisher["@type"] == "Organization"
        assert publisher["name"] == "Newsroom Media Ltd"
        assert publisher["logo"]["@type"] == "ImageObject"
        assert publisher["logo"]["url"].startswith("http://testserver/media/")
        assert publisher["logo"]["width"] == logo.width
        trail = data["BreadcrumbList"]["itemListElement"]
        assert [crumb["name"] for crumb in trail] == [
            "Home",
            "World News",
            "Europe",
            article.headline,
        ]
        assert trail[-1]["item"] == url

    def test_listing_pages_have_their_own_types(self, client, feed_articles):
        section = {i["@type"]: i for i in json_ld(client.get("/section/world-news/europe/"))}
        assert section["CollectionPage"]["name"] == "Europe"
        assert [c["name"] for c in section["BreadcrumbList"]["itemListElement"]] == [
            "Home",
            "World News",
            "Europe",
        ]
        tag = {i["@type"]: i for i in json_ld(client.get("/tag/russia/"))}
        assert tag["CollectionPage"]["about"] == {"@type": "Thing", "name": "Russia"}
        author = {i["@type"]: i for i in json_ld(client.get("/author/maya/"))}
        person = author["ProfilePage"]["mainEntity"]
        assert person["@type"] == "Person"
        assert person["name"] == "Maya Okafor"
        assert person["url"] == "http://testserver/author/maya/"
        home = {i["@type"]: i for i in json_ld(client.get("/"))}
        action = home["WebSite"]["potentialAction"]
        assert action["target"]["urlTemplate"] == "http://testserver/search/?q={query}"
