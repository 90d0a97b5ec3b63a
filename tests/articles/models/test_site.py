"""The site settings editors change: name, language, publisher and the front page."""

import feedparser
import pytest

from articles.models import (
    FrontPageSlot,
    SiteSettings,
)
from tests.helpers.factories import (
    ArticleFactory,
)
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db


class TestSiteSettings:
    def test_defaults_come_from_the_server_settings(self, client, settings):
        settings.NEWSROOM_SITE_NAME = "The Test Gazette"
        html = client.get("/").content.decode()
        name = soup(html).select_one("a.site-name")
        assert (name["href"], name.get_text()) == ("/", "The Test Gazette")
        assert '<html lang="en-gb">' in html

    def test_editors_change_name_language_and_publisher(self, client, feed_articles):
        SiteSettings.current()  # cached
        site = SiteSettings(
            site_name="Die Abendpost", tagline="Jeden Tag", language="de", publisher_name="AP"
        )
        site.save()
        html = client.get("/").content.decode()
        assert '<html lang="de">' in html
        name = soup(html).select_one("a.site-name")
        assert (name["href"], name.get_text()) == ("/", "Die Abendpost")
        assert '<meta property="og:locale" content="de">' in html
        feed = feedparser.parse(client.get("/feeds/rss/").content)
        assert feed.feed.title == "Die Abendpost"
        assert feed.feed.language == "de"
        news = client.get("/news-sitemap.xml").content.decode()
        assert "<news:name>Die Abendpost</news:name>" in news
        assert "<news:language>de</news:language>" in news
        site.site_name = "Die Morgenpost"
        site.save()
        assert "Die Morgenpost" in client.get("/").content.decode()

    def test_one_row(self, editor_client):
        SiteSettings().save()
        SiteSettings(site_name="Again").save()
        assert SiteSettings.objects.count() == 1
        response = editor_client.get("/admin/articles/sitesettings/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/articles/sitesettings/1/change/"
        assert editor_client.get("/admin/articles/sitesettings/1/change/").status_code == 200

    def test_editors_curate_the_front_page_in_the_admin(self, editor_client, world):
        article = ArticleFactory(published=True, section=world, headline="Pin me")
        response = editor_client.post(
            "/admin/articles/frontpageslot/add/", {"position": 0, "article": article.pk}
        )
        assert response.status_code == 302
        assert FrontPageSlot.objects.get().article == article
        assert "Pin me" in editor_client.get("/admin/articles/frontpageslot/").content.decode()
