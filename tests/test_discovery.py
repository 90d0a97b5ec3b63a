"""Readers find the news: the front page, listings and archives, search, Check Also
and related stories, feeds, sitemaps, robots.txt, metadata and structured data."""

import json
import re
from datetime import timedelta
from pathlib import Path

import feedparser
import pytest
import xmlschema
from django.db import connection
from django.utils import timezone

from articles.models import (
    Article,
    FrontPageSlot,
    Like,
    SearchDocument,
    SectionTree,
    SiteSettings,
)
from comments.models import Comment

from .factories import (
    ArticleFactory,
    AuthorFactory,
    CaptionedImageFactory,
    RelatedLinkFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"
POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search: run with DATABASE_URL=postgres://… to test it",
)


def text(response):
    html = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def json_ld(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [item for block in blocks for item in json.loads(block)]


def meta(response, name):
    """The content of a <meta property|name=…> (the first), or None."""
    found = re.search(
        rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', response.content.decode()
    )
    return found.group(1) if found else None


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


@pytest.fixture
def world():
    return SectionFactory(name="World News", slug="world-news")


# --- The front page ------------------------------------------------------------------


class TestHome:
    def test_editor_pins_the_lead_and_orders_top_stories(self, client, world):
        latest = [
            ArticleFactory(published=True, section=world, headline=f"Latest {i}") for i in range(9)
        ]
        for i, article in enumerate(latest):
            Article.objects.filter(pk=article.pk).update(published_at=ago(hours=i + 1))
        old = ArticleFactory(published=True, section=world, headline="Pinned lead")
        Article.objects.filter(pk=old.pk).update(published_at=ago(days=20))
        second = ArticleFactory(published=True, headline="Pinned second")
        Article.objects.filter(pk=second.pk).update(published_at=ago(days=10))
        draft = ArticleFactory(headline="Pinned draft")
        FrontPageSlot.objects.create(position=0, article=old)
        FrontPageSlot.objects.create(position=2, article=second)
        FrontPageSlot.objects.create(position=1, article=draft)

        response = client.get("/")
        html = response.content.decode()
        front = html[html.index('class="front"') : html.index("</section>")]
        lead = front[front.index("front-lead") : front.index("front-top")]
        assert "Pinned lead" in lead
        headlines = re.findall(r'class="card-headline"><a [^>]*>([^<]+)<', front)
        # Place 1 was pinned to a draft: it falls back to the latest story.
        assert headlines == [
            "Pinned lead",
            "Latest 0",
            "Pinned second",
            "Latest 1",
            "Latest 2",
            "Latest 3",
            "Latest 4",
        ]
        assert "Pinned draft" not in html
        # The section block shows the latest not already on the front.
        block = html[html.index('id="section-world-news"') :]
        assert re.findall(r'class="card-headline"><a [^>]*>([^<]+)<', block)[:4] == [
            "Latest 5",
            "Latest 6",
            "Latest 7",
            "Latest 8",
        ]

    def test_no_pins_means_the_latest(self, client, world):
        for i in range(3):
            article = ArticleFactory(published=True, section=world, headline=f"Story {i}")
            Article.objects.filter(pk=article.pk).update(published_at=ago(hours=i + 1))
        html = client.get("/").content.decode()
        assert "Story 0" in html[html.index("front-lead") : html.index("front-top")]

    def test_most_liked_and_discussed_count_the_last_seven_days(self, client, world, time_machine):
        time_machine.move_to(timezone.now(), tick=False)
        liked = ArticleFactory(published=True, section=world, headline="Loved this week")
        once_loved = ArticleFactory(published=True, section=world, headline="Loved last month")
        discussed = ArticleFactory(published=True, section=world, headline="Argued about")
        hidden = ArticleFactory(headline="Draft with likes")
        for i in range(3):
            Like.objects.create(article=liked, reader=f"r{i}", created_at=ago(days=2))
            Like.objects.create(article=hidden, reader=f"r{i}", created_at=ago(days=1))
        for i in range(5):
            Like.objects.create(article=once_loved, reader=f"o{i}", created_at=ago(days=8))
        Like.objects.create(article=once_loved, reader="recent", created_at=ago(days=1))
        for i, status in enumerate(["approved", "approved", "pending", "spam"]):
            Comment.objects.create(
                article=discussed,
                name="Reader",
                email=f"r{i}@example.com",
                text=f"Comment {i}",
                status=status,
                submitted_at=ago(days=1),
            )
        Comment.objects.create(
            article=liked,
            name="Reader",
            email="old@example.com",
            text="Old comment",
            status="approved",
            submitted_at=ago(days=9),
        )

        page = text(client.get("/"))
        assert "Most liked this week 1. Loved this week 3 likes" in page.replace(
            "Most liked this week ", "Most liked this week 1. "
        ) or ("Loved this week 3 likes" in page and "Loved last month 1 like" in page)
        assert page.index("Loved this week 3 likes") < page.index("Loved last month 1 like")
        assert "Draft with likes" not in page
        assert "Most discussed this week Argued about 2 comments" in page
        # A week later, none of it counts any more.
        time_machine.move_to(timezone.now() + timedelta(days=7))
        page = text(client.get("/"))
        assert "Most liked this week" not in page
        assert "Most discussed this week" not in page

    def test_popularity_is_one_query_each(self, world, django_assert_num_queries):
        from articles.discovery import frontpage

        ArticleFactory(published=True, section=world)
        with django_assert_num_queries(1):
            frontpage.most_liked()
        with django_assert_num_queries(1):
            frontpage.most_discussed()


# --- Listings ---------------------------------------------------------------------


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


# --- Search ------------------------------------------------------------------------


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
    html = response.content.decode()
    return re.findall(r'<h2 class="card-headline"><a [^>]*>([^<]+)</a>', html)


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
            form = re.search(r'<form class="search-box" role="search" [^>]*>', html).group(0)
            assert 'method="get" action="/search/"' in form
            assert (
                '<label class="visually-hidden" for="site-search">Search the site</label>' in html
            )


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


# --- Check Also and related stories ---------------------------------------------------


class TestRelated:
    @pytest.fixture
    def ranked(self, world):
        home = SectionFactory(name="Home News", slug="home-news")
        europe = SectionFactory(name="Europe", slug="europe", parent=world)
        asia = SectionFactory(name="Asia", slug="asia", parent=world)
        pick = ArticleFactory(published=True, section=home, headline="Pick of the editor")
        article = ArticleFactory(
            published=True,
            section=europe,
            headline="The story",
            tags=["Russia", "Cyber"],
            check_also=pick,
        )

        def story(headline, days, **kwargs):
            made = ArticleFactory(published=True, headline=headline, **kwargs)
            Article.objects.filter(pk=made.pk).update(published_at=ago(days=days, minutes=1))
            return made

        story("Two tags, old", 60, section=home, tags=["Russia", "Cyber"])
        story("Same section, new", 0, section=europe)
        story("One tag, this week", 5, section=home, tags=["Cyber"])
        story("Same top section, old", 60, section=asia)
        story("Unrelated", 0, section=home)
        ArticleFactory(headline="Draft twin", section=europe, tags=["Russia", "Cyber"])
        ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() + timedelta(hours=2),
            headline="Scheduled twin",
            section=europe,
            tags=["Russia", "Cyber"],
        )
        return article

    def test_pick_first_then_shared_tags_section_and_recency(self, ranked):
        order = [a.headline for a in ranked.check_also_candidates()]
        assert order == [
            "Pick of the editor",
            "Two tags, old",
            "Same section, new",
            "One tag, this week",
            "Same top section, old",
        ]

    def test_one_query(self, ranked, django_assert_num_queries):
        article = Article.objects.prefetch_related("tags").get(pk=ranked.pk)
        SectionTree.load()
        with django_assert_num_queries(1):
            list(article.check_also_candidates())

    def test_article_page_shows_check_also_and_related_stories(self, client, ranked):
        html = client.get(ranked.get_absolute_url()).content.decode()
        check_also = html[html.index('class="check-also"') :]
        assert "Pick of the editor" in check_also
        related = html[html.index('class="related-stories"') : html.index('class="check-also"')]
        assert re.findall(r'class="card-headline"><a [^>]*>([^<]+)<', related) == [
            "Two tags, old",
            "Same section, new",
            "One tag, this week",
            "Same top section, old",
        ]
        for hidden in ("Draft twin", "Scheduled twin", "Unrelated"):
            assert hidden not in html

    def test_stories_the_body_links_to_are_not_repeated(self, client, ranked):
        linked = Article.objects.get(headline="Two tags, old")
        RelatedLinkFactory(article=ranked, target=linked, url="", teaser_headline="")
        html = client.get(ranked.get_absolute_url()).content.decode()
        related = html[html.index('class="related-stories"') : html.index('class="check-also"')]
        assert "Two tags, old" not in related
        assert "Same section, new" in related

    def test_unpublished_pick_gives_way(self, ranked):
        Article.objects.filter(pk=ranked.check_also_id).update(status=Article.Status.DRAFT)
        assert ranked.check_also_candidates().first().headline == "Two tags, old"


# --- Feeds -------------------------------------------------------------------------------


@pytest.fixture
def feed_articles(world):
    europe = SectionFactory(name="Europe", slug="europe", parent=world)
    maya = AuthorFactory(name="Maya Okafor", slug="maya")
    tom = AuthorFactory(name="Tom Lindqvist", slug="tom")
    article = ArticleFactory(
        published=True,
        section=europe,
        headline="Ministers clash over cyber attacks",
        standfirst="A tense news conference in Moscow.",
        body="<p>The whole story, first paragraph.</p>",
        authors=[maya, tom],
        tags=["Russia", "Diplomacy"],
        lead_image=CaptionedImageFactory(alt_text="Two ministers at lecterns"),
    )
    ArticleFactory(headline="Secret draft", section=europe, authors=[maya], tags=["Russia"])
    ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=1),
        headline="Scheduled story",
        section=europe,
        authors=[maya],
        tags=["Russia"],
    )
    return article


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


# --- Sitemaps and robots.txt ------------------------------------------------------------


def schema(*names):
    return xmlschema.XMLSchema([str(SCHEMAS / name) for name in names])


class TestSitemaps:
    def test_index_and_every_sitemap_validate(self, client, feed_articles):
        index = client.get("/sitemap.xml")
        assert index.status_code == 200
        schema("siteindex.xsd").validate(index.content.decode())
        locations = re.findall(r"<loc>([^<]+)</loc>", index.content.decode())
        assert [loc.rsplit("/", 1)[1] for loc in locations] == [
            "articles.xml",
            "sections.xml",
            "tags.xml",
            "authors.xml",
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


# --- Metadata and structured data -------------------------------------------------------


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


# --- Site settings -----------------------------------------------------------------------


class TestSiteSettings:
    def test_defaults_come_from_the_server_settings(self, client, settings):
        settings.NEWSROOM_SITE_NAME = "The Test Gazette"
        html = client.get("/").content.decode()
        assert '<a class="site-name" href="/">The Test Gazette</a>' in html
        assert '<html lang="en-gb">' in html

    def test_editors_change_name_language_and_publisher(self, client, feed_articles):
        SiteSettings.current()  # cached
        site = SiteSettings(
            site_name="Die Abendpost", tagline="Jeden Tag", language="de", publisher_name="AP"
        )
        site.save()
        html = client.get("/").content.decode()
        assert '<html lang="de">' in html
        assert '<a class="site-name" href="/">Die Abendpost</a>' in html
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
