"""Search: ranking, snippets, filters and odd queries; PostgreSQL's full-text search."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import (
    Article,
    SearchDocument,
    SiteSettings,
)
from tests.helpers.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
)
from tests.helpers.html import headlines, soup, text
from tests.helpers.times import ago

pytestmark = pytest.mark.django_db


POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search: run with DATABASE_URL=postgres://… to test it",
)


@pytest.fixture
def searchable(world):
    science = SectionFactory(name="Science", slug="science")
    maya = AuthorFactory(name="Maya Okafor", slug="maya")
    tom = AuthorFactory(name="Tom Lindqvist", slug="tom")
    in_body = ArticleFactory(
        published=True,
        section=world,
        authors=[maya],
        headline="Keepers report a quiet week",
        standfirst="Nothing much happened at the park.",
        body="<p>Visitors saw a zebra near the gate.</p><p>Then it went home.</p>",
    )
    in_headline = ArticleFactory(
        published=True,
        section=science,
        authors=[tom],
        headline="Zebra stripes keep flies away",
        standfirst="Biologists test painted coats on horses.",
        body="<p>The study ran for a year.</p>",
    )
    in_standfirst = ArticleFactory(
        published=True,
        section=world,
        authors=[tom],
        headline="Park welcomes new arrivals",
        standfirst="A zebra foal was born on Tuesday.",
        body="<p>Keepers are delighted.</p>",
    )
    ArticleFactory(headline="Zebra draft", standfirst="Not public.", section=world)
    ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
        headline="Zebra embargoed",
        section=world,
    )
    return {"body": in_body, "headline": in_headline, "standfirst": in_standfirst}


def result_headlines(response):
    return headlines(soup(response))


class TestSearch:
    def test_ranks_headline_above_standfirst_above_body(self, client, searchable):
        response = client.get("/search/", {"q": "zebra"})
        assert response.status_code == 200
        assert result_headlines(response) == [
            "Zebra stripes keep flies away",
            "Park welcomes new arrivals",
            "Keepers report a quiet week",
        ]
        assert "Zebra draft" not in text(response)
        assert "Zebra embargoed" not in text(response)

    def test_snippets_highlight_the_match(self, client, searchable):
        html = client.get("/search/", {"q": "zebra"}).content.decode()
        assert re.search(r"Visitors saw a <mark>zebra</mark> near the gate", html)
        assert re.search(r"<mark>zebra</mark> foal was born", html)

    def test_filters_by_section_author_and_date(self, client, searchable, world):
        by_section = client.get("/search/", {"q": "zebra", "section": "world-news"})
        assert result_headlines(by_section) == [
            "Park welcomes new arrivals",
            "Keepers report a quiet week",
        ]
        by_author = client.get("/search/", {"q": "zebra", "author": "tom"})
        assert result_headlines(by_author) == [
            "Zebra stripes keep flies away",
            "Park welcomes new arrivals",
        ]
        Article.objects.filter(pk=searchable["body"].pk).update(published_at=ago(days=40))
        since = timezone.localdate() - timedelta(days=3)
        recent = client.get("/search/", {"q": "zebra", "start": since.isoformat()})
        assert "Keepers report a quiet week" not in result_headlines(recent)
        assert len(result_headlines(recent)) == 2
        until = client.get("/search/", {"q": "zebra", "end": since.isoformat()})
        assert result_headlines(until) == ["Keepers report a quiet week"]
        backwards = client.get(
            "/search/", {"q": "zebra", "start": "2026-02-01", "end": "2026-01-01"}
        )
        assert backwards.status_code == 200
        assert "The end date is before the start date." in text(backwards)

    @pytest.mark.parametrize("field", ["start", "end"])
    @pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
    @pytest.mark.parametrize("zone", ["Europe/London", "Asia/Tokyo"])
    def test_dates_outside_the_archive_are_a_form_error(
        self, client, searchable, settings, field, day, zone
    ):
        # The day after 9999-12-31, and midnight of 0001-01-01 east of UTC, are
        # past the end of Python's calendar.
        settings.TIME_ZONE = zone
        response = client.get("/search/", {"q": "zebra", field: day})
        assert response.status_code == 200
        assert "Choose a date between 1900 and 2999." in text(response)
        assert f'id="search-{field}-error"' in response.content.decode()
        assert result_headlines(response) == []

    @pytest.mark.parametrize(
        "query",
        [
            '"unclosed quote zebra',
            '"zebra foal"',
            "zebra OR flies",
            "zebra -stripes",
            "-",
            '""',
            "&|!():*<>",
            "zebra & | ! ( ) : *",
            "ñandú 北京 🙂 Zürich",
            "'; DROP TABLE articles_article; --",
            "\x00zebra\x01",
            "%_\\",
        ],
    )
    def test_odd_queries_give_a_page(self, client, searchable, query):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200

    def test_phrases_and_exclusions(self, client, searchable):
        assert result_headlines(client.get("/search/", {"q": '"zebra foal"'})) == [
            "Park welcomes new arrivals"
        ]
        excluded = result_headlines(client.get("/search/", {"q": "zebra -stripes"}))
        assert "Zebra stripes keep flies away" not in excluded
        assert len(excluded) == 2

    def test_empty_and_very_long_queries(self, client, searchable):
        empty = client.get("/search/", {"q": "   "})
        assert empty.status_code == 200
        assert "Type a word or two" in text(empty)
        assert client.get("/search/").status_code == 200
        long = client.get("/search/", {"q": "zebra " * 50})
        assert long.status_code == 200
        assert "Your search is too long: use at most 200 characters" in text(long)
        assert result_headlines(long) == []

    def test_nothing_a_reader_types_is_marked_safe(self, client, searchable):
        response = client.get("/search/", {"q": "<script>alert(1)</script> zebra"})
        html = response.content.decode()
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_article_markup_in_snippets_is_escaped(self, client, world):
        ArticleFactory(
            published=True,
            section=world,
            headline="Cartoon rights",
            body="<p>Tom &amp; Jerry wrote &lt;b&gt;okapi&lt;/b&gt; on the wall.</p>",
        )
        html = client.get("/search/", {"q": "okapi"}).content.decode()
        assert "&lt;b&gt;<mark>okapi</mark>&lt;/b&gt;" in html
        assert "Tom &amp; Jerry" in html
        assert "<b>" not in html

    def test_search_box_on_every_page(self, client, searchable):
        for url in ("/", "/section/world-news/", searchable["body"].get_absolute_url()):
            html = client.get(url).content.decode()
            form = soup(html).select_one('form.search-box[role="search"]')
            assert (form["method"], form["action"]) == ("get", "/search/")
            label = soup(html).select_one('label[for="site-search"]')
            assert label["class"] == ["visually-hidden"]
            assert label.get_text() == "Search the site"


@POSTGRES_ONLY
class TestPostgresSearch:
    def test_words_are_stemmed_in_the_site_language(self, client, world):
        ArticleFactory(
            published=True, section=world, headline="Hospitals attacked by ransomware gang"
        )
        assert result_headlines(client.get("/search/", {"q": "attacks"})) == [
            "Hospitals attacked by ransomware gang"
        ]

    def test_saving_an_article_updates_its_search_document(self, client, world):
        article = ArticleFactory(published=True, section=world, headline="Quiet day")
        assert result_headlines(client.get("/search/", {"q": "aardvark"})) == []
        article.headline = "Aardvark escapes"
        article.save()
        assert result_headlines(client.get("/search/", {"q": "aardvark"})) == ["Aardvark escapes"]

    def test_documents_follow_their_article_out(self, world):
        article = ArticleFactory(published=True, section=world)
        assert SearchDocument.objects.filter(article_id=article.pk).exists()
        article.delete()
        assert not SearchDocument.objects.filter(article_id=article.pk).exists()

    def test_vectors_have_a_gin_index(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'articles_searchdocument'"
            )
            definitions = " ".join(row[0] for row in cursor.fetchall())
        assert "USING gin (vector)" in definitions

    def test_changing_the_language_rebuilds_the_documents(self, client, world):
        ArticleFactory(published=True, section=world, headline="Die Katzen schlafen")
        assert result_headlines(client.get("/search/", {"q": "Katze"})) == []
        SiteSettings(language="de").save()
        assert result_headlines(client.get("/search/", {"q": "Katze"})) == ["Die Katzen schlafen"]

    @pytest.mark.parametrize("windows", [(10_000,), (1, 2)])
    def test_a_broad_search_ranks_the_newest_matches_and_filters_reach_all(
        self, client, world, monkeypatch, windows
    ):
        from articles.discovery import search

        monkeypatch.setattr(search, "RANKED_MATCHES", 3)
        # Windows of one and two articles: the newest three come from three windows.
        monkeypatch.setattr(search, "SEARCH_WINDOWS", windows)
        europe = SectionFactory(name="Europe", slug="europe", parent=world)
        for i in range(5):
            ArticleFactory(
                published=True, section=europe, headline=f"Pelican report {i}", body="<p>x</p>"
            )
        unfiltered = result_headlines(client.get("/search/", {"q": "pelican"}))
        assert sorted(unfiltered) == ["Pelican report 2", "Pelican report 3", "Pelican report 4"]
        filtered = result_headlines(client.get("/search/", {"q": "pelican", "section": world.path}))
        assert len(filtered) == 5
