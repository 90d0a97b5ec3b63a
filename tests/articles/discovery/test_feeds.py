"""RSS and Atom feeds: the site's, a section's, a tag's and an author's."""

import re

import feedparser
import pytest

pytestmark = pytest.mark.django_db


FEED_URLS = [
    "/feeds/{kind}/",
    "/feeds/section/world-news/{kind}/",
    "/feeds/section/world-news/europe/{kind}/",
    "/feeds/tag/russia/{kind}/",
    "/feeds/author/maya/{kind}/",
]


class TestFeeds:
    @pytest.mark.parametrize("kind", ["rss", "atom"])
    @pytest.mark.parametrize("url", FEED_URLS)
    def test_feeds_parse_and_carry_every_field(self, client, feed_articles, kind, url):
        response = client.get(url.format(kind=kind))
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == ("rss20" if kind == "rss" else "atom10")
        assert [entry.title for entry in feed.entries] == ["Ministers clash over cyber attacks"]
        entry = feed.entries[0]
        article = feed_articles
        assert entry.link == "http://testserver" + article.get_absolute_url()
        assert entry.summary == "A tense news conference in Moscow."
        assert entry.author == "Maya Okafor and Tom Lindqvist"
        assert {tag.term for tag in entry.tags} == {"Europe", "Russia", "Diplomacy"}
        assert entry.published_parsed[:5] == article.published_at.utctimetuple()[:5]
        enclosure = entry.enclosures[0]
        assert enclosure.href.startswith("http://testserver/media/")
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) > 0
        if kind == "rss":
            assert entry.media_content[0]["width"] == str(article.lead_image.width)
            assert entry.media_content[0]["medium"] == "image"
        else:
            assert entry.updated_parsed is not None

    def test_full_text_by_setting(self, client, settings, feed_articles):
        settings.NEWSROOM_FEED_FULL_TEXT = True
        feed = feedparser.parse(client.get("/feeds/rss/").content)
        assert "The whole story, first paragraph." in feed.entries[0].summary

    def test_unknown_feed_objects_are_404(self, client, feed_articles):
        for url in ("/feeds/tag/nope/rss/", "/feeds/author/nope/atom/", "/feeds/section/x/rss/"):
            assert client.get(url).status_code == 404

    def test_pages_link_their_feeds(self, client, feed_articles):
        for url, feed in [
            ("/", "/feeds/rss/"),
            ("/section/world-news/", "/feeds/section/world-news/rss/"),
            ("/tag/russia/", "/feeds/tag/russia/atom/"),
            ("/author/maya/", "/feeds/author/maya/rss/"),
        ]:
            html = client.get(url).content.decode()
            assert re.search(
                rf'<link rel="alternate" type="application/[a-z]+\+xml" [^>]*href="{feed}"', html
            ), url
