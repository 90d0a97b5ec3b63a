"""Listings and archives: the home page, sections, tags, authors and dates, page by page."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import (
    Article,
)
from tests.helpers.factories import (
    ArticleFactory,
    AuthorFactory,
    CaptionedImageFactory,
    SectionFactory,
)
from tests.helpers.html import soup, text
from tests.helpers.times import ago

pytestmark = pytest.mark.django_db


class TestListings:
    def test_section_tag_author_and_archive_pages(self, client, world):
        europe = SectionFactory(name="Europe", slug="europe", parent=world)
        author = AuthorFactory(name="Maya Okafor", slug="maya", bio="Maya covers diplomacy.")
        article = ArticleFactory(
            published=True,
            section=europe,
            headline="Talks resume in Geneva",
            authors=[author],
            tags=["Diplomacy"],
        )
        ArticleFactory(
            section=europe, headline="Secret draft", authors=[author], tags=["Diplomacy"]
        )
        year, month = timezone.localtime(article.published_at).strftime("%Y %m").split()
        for url, expected in [
            ("/section/world-news/", "Talks resume in Geneva"),
            ("/tag/diplomacy/", "Talks resume in Geneva"),
            ("/author/maya/", "Maya Okafor Maya covers diplomacy."),
            (f"/archive/{year}/", "Talks resume in Geneva"),
            (f"/archive/{year}/{month}/", "Talks resume in Geneva"),
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert expected in text(response), url
            assert "Secret draft" not in text(response), url
        year_page = client.get(f"/archive/{year}/").content.decode()
        assert f'href="/archive/{year}/{int(month)}/"' in year_page

    @pytest.mark.parametrize("size", [1, 5])
    def test_tags_and_authors_list_their_public_articles_newest_first_rare_or_common(
        self, client, world, monkeypatch, size
    ):
        from articles.models import articles as models

        # With the draft, one article makes 2 links (fewer than 3: read from the
        # links), five make 6 (walk the newest articles, checking each).
        monkeypatch.setattr(models, "PROBE_ROWS", 3)
        author = AuthorFactory(name="Probe Writer", slug="probe-writer")
        for i in range(size):
            article = ArticleFactory(
                published=True,
                section=world,
                headline=f"Tagged {i}",
                tags=["Probe"],
                authors=[author],
            )
            Article.objects.filter(pk=article.pk).update(published_at=ago(hours=i + 1))
        ArticleFactory(section=world, headline="Tagged draft", tags=["Probe"], authors=[author])
        ArticleFactory(published=True, section=world, headline="Untagged", tags=["Other"])
        for url in (
            "/tag/probe/",
            "/feeds/tag/probe/rss/",
            "/author/probe-writer/",
            "/feeds/author/probe-writer/rss/",
        ):
            page = client.get(url).content.decode()
            found = re.findall(r"Tagged \d|Tagged draft|Untagged", page)
            assert list(dict.fromkeys(found)) == [f"Tagged {i}" for i in range(size)], url

    @pytest.mark.parametrize(
        "url", ["/archive/2026/13/", "/archive/1800/", "/archive/2026/0/", "/tag/nope/"]
    )
    def test_impossible_listings_are_404(self, client, url):
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("kind", ["tag", "author", "archive", "search"])
    def test_pages_past_the_end_are_404(self, client, settings, world, kind):
        settings.NEWSROOM_PAGE_SIZE = 2
        author = AuthorFactory(slug="writer")
        for _ in range(3):
            ArticleFactory(published=True, section=world, authors=[author], tags=["Common"])
        year = timezone.localtime().year
        url = {
            "tag": "/tag/common/",
            "author": "/author/writer/",
            "archive": f"/archive/{year}/",
            "search": "/search/?q=headline",
        }[kind]
        joiner = "&" if "?" in url else "?"
        assert client.get(f"{url}{joiner}page=2").status_code == 200
        assert client.get(f"{url}{joiner}page=3").status_code == 404


class TestListingPages:
    def test_home_has_lead_story_and_sections(self, client, world):
        politics = SectionFactory(name="Politics", slug="politics")
        stories = [
            ArticleFactory(
                published=True,
                section=politics,
                published_at=timezone.now() - timedelta(hours=n),
                headline=f"Politics story {n}",
            )
            for n in range(10)
        ]
        ArticleFactory(
            published=True,
            section=world,
            headline="World story",
            published_at=timezone.now() - timedelta(days=3),
        )
        response = client.get("/")
        assert response.status_code == 200
        html = response.content.decode()
        page = text(response)
        assert soup(html).select_one("div.front-lead")
        assert html.index("Politics story 0") < html.index("Politics story 1")
        assert "World News World story" in page  # its section block
        assert stories[-1].headline in page

    def test_section_page_has_breadcrumbs_subsections_and_subsection_articles(self, client, world):
        europe = SectionFactory(
            name="Europe", slug="europe", parent=world, description="The continent."
        )
        SectionFactory(name="Nordic", slug="nordic", parent=europe)
        ArticleFactory(published=True, section=europe, headline="Europe story")
        response = client.get("/section/world-news/")
        page = text(response)
        assert "Europe story" in page
        assert 'href="/section/world-news/europe/"' in response.content.decode()
        response = client.get("/section/world-news/europe/")
        page = text(response)
        assert "Home World News Europe" in page
        assert "The continent." in page
        assert "Subsections" not in page
        assert "Nordic" in page

    def test_pagination_without_counting(
        self, client, world, settings, django_assert_max_num_queries
    ):
        settings.NEWSROOM_PAGE_SIZE = 3
        for n in range(7):
            ArticleFactory(
                published=True,
                section=world,
                headline=f"Story {n}",
                published_at=timezone.now() - timedelta(hours=n),
            )
        first = client.get("/section/world-news/")
        assert "Older →" in text(first)
        assert "Newer" not in text(first)
        third = client.get("/section/world-news/?page=3")
        assert "Story 6" in text(third)
        assert "Older" not in text(third)
        assert client.get("/section/world-news/?page=4").status_code == 404
        assert client.get("/section/world-news/?page=0").status_code == 404
        assert client.get("/section/world-news/?page=abc").status_code == 404
        assert client.get("/section/world-news/?page=99999999999").status_code == 404
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get("/section/world-news/?page=2")
        assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)

    def test_tag_pages_are_case_insensitive_tags(self, client, world):
        ArticleFactory(published=True, section=world, headline="One", tags=["Russia"])
        ArticleFactory(published=True, section=world, headline="Two", tags=["russia"])
        page = text(client.get("/tag/russia/"))
        assert "One" in page
        assert "Two" in page
        assert client.get("/tag/nothing/").status_code == 404

    def test_author_page(self, client, world):
        author = AuthorFactory(
            name="Priya Raman",
            slug="priya",
            bio="Science correspondent.",
            photo=CaptionedImageFactory(),
        )
        ArticleFactory(published=True, section=world, headline="Hedgehogs", authors=[author])
        response = client.get("/author/priya/")
        page = text(response)
        assert "Priya Raman" in page
        assert "Science correspondent." in page
        assert "Hedgehogs" in page
        assert client.get("/author/nobody/").status_code == 404

    def test_unknown_section_is_404(self, client):
        assert client.get("/section/nope/").status_code == 404

    def test_every_page_has_landmarks_and_skip_link(self, client, reference_article):
        for url in (
            "/",
            "/section/world-news/",
            reference_article.get_absolute_url(),
            "/tag/russia/",
        ):
            html = client.get(url).content.decode()
            skip = soup(html).select_one("a.skip-link")
            assert skip["href"] == "#main", url
            assert '<main id="main"' in html
            assert soup(html).select_one('nav.site-nav[aria-label="Sections"]')
            assert "<footer" in html
            # Nothing loads from another host (the canonical link names our own).
            assert not re.search(
                r'(src|href)="(https?:)?//(?!example\.org|testserver/)', html.split("<main")[0]
            ), url
