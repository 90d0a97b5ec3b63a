"""Readers search in one syntax on either database: words, "phrases", or,
-exclusions, with straight or curly quotes and any dash, and see how many results
there are, a picture for each that has one and snippets cut between words.

Every expectation here holds on SQLite (FTS5) and on PostgreSQL alike: run the
file with DATABASE_URL=postgres://… as well.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, SiteSettings
from tests.helpers.factories import ArticleFactory, CaptionedImageFactory, SectionFactory

from .page import heading, headlines, parse, results

pytestmark = pytest.mark.django_db

HEDGEHOGS = "Hedgehogs rescued from a garden pond"
BOATS = "Canal boats return to the city"
TOWPATH = "A hedgehog crossing on the towpath"
MINISTER = "The Minister's new office"
SECRETARY = "Budget talks stall again"


@pytest.fixture
def news():
    section = SectionFactory(name="News", slug="news")

    def article(headline, standfirst, body, **kwargs):
        return ArticleFactory(
            published=True,
            section=section,
            headline=headline,
            standfirst=standfirst,
            body=body,
            **kwargs,
        )

    article(HEDGEHOGS, "Volunteers waded in at dawn.", "<p>Three were found in the garden.</p>")
    article(BOATS, "Barges are back after the repairs.", "<p>The lock reopened on Monday.</p>")
    article(
        TOWPATH,
        "Walkers slowed down for it.",
        "<p>It was seen near the canal, by the boats moored at the lock.</p>",
    )
    article(
        MINISTER,
        "A well\u2011known architect designed it for the 1990\u20132000 plan.",
        "<p>Staff moved in on Friday.</p>",
    )
    article(
        SECRETARY,
        "No agreement yet.",
        "<p>The Secretary\u2019s proposal was rejected \u2014 again.</p>",
    )
    ArticleFactory(section=section, headline="Hedgehog draft", standfirst="Not public.")
    return section


def found(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return headlines(response)


class TestQuerySyntax:
    def test_or_finds_either_word(self, client, news):
        assert sorted(found(client, "hedgehogs")) == sorted([HEDGEHOGS, TOWPATH])
        assert sorted(found(client, "canal")) == sorted([BOATS, TOWPATH])
        assert sorted(found(client, "hedgehogs or canal")) == sorted([HEDGEHOGS, BOATS, TOWPATH])
        assert sorted(found(client, "hedgehogs OR canal")) == sorted([HEDGEHOGS, BOATS, TOWPATH])

    def test_words_without_or_must_all_appear(self, client, news):
        assert found(client, "hedgehogs canal") == [TOWPATH]
        assert found(client, "pond canal") == []

    def test_or_binds_looser_than_the_words_around_it(self, client, news):
        # (garden and hedgehogs) or (boats and barges)
        assert sorted(found(client, "garden hedgehogs or boats barges")) == sorted(
            [HEDGEHOGS, BOATS]
        )
        # "or" first or last is no operator but a word, which English leaves out.
        assert sorted(found(client, "canal or")) == sorted([BOATS, TOWPATH])

    def test_phrases_keep_their_words_together_in_order(self, client, news):
        assert found(client, '"canal boats"') == [BOATS]
        assert sorted(found(client, "canal boats")) == sorted([BOATS, TOWPATH])
        assert found(client, '"boats canal"') == []
        assert found(client, "\u201ccanal boats\u201d") == [BOATS]  # curly quotes too
        assert found(client, '"canal boats') == [BOATS]  # an unclosed quote runs to the end

    def test_a_minus_leaves_a_word_or_phrase_out(self, client, news):
        assert found(client, "canal -hedgehogs") == [BOATS]
        assert found(client, 'canal -"boats moored"') == [BOATS]
        assert found(client, "lock -canal -boats") == []

    def test_a_lone_exclusion_lists_every_public_article_without_the_word(self, client, news):
        assert sorted(found(client, "-hedgehogs")) == sorted([BOATS, MINISTER, SECRETARY])
        assert sorted(found(client, "pond or -canal")) == sorted([HEDGEHOGS, MINISTER, SECRETARY])

    def test_a_hyphen_inside_a_word_or_a_dash_before_one_does_not_exclude(self, client, news):
        assert found(client, "well-known") == [MINISTER]
        assert sorted(found(client, "canal \u2014boats")) == sorted([BOATS, TOWPATH])

    @pytest.mark.parametrize("query", ['""', "-", "&|!():*<>", "\U0001f642", "or", "the"])
    def test_a_query_without_words_finds_nothing_and_says_so(self, client, news, query):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert headlines(response) == []
        assert heading(response).startswith("No results for")


def test_the_help_promises_the_syntax_that_works(client, news):
    help_text = parse(client.get("/search/")).find(testid="search-help").text
    assert "Put “quotes” round a phrase, write or between two words to find either" in help_text
    assert "put a minus before a word to leave it out" in help_text


class TestQuotesAndDashes:
    @pytest.mark.parametrize("query", ["Secretary's", "Secretary\u2019s", "secretary\u2018s"])
    def test_a_curly_apostrophe_in_the_text_matches_a_straight_one_and_back(
        self, client, news, query
    ):
        assert found(client, query) == [SECRETARY]

    @pytest.mark.parametrize("query", ["Minister's", "Minister\u2019s", '"the minister\u2019s"'])
    def test_a_straight_apostrophe_in_the_text_matches_a_curly_one(self, client, news, query):
        assert found(client, query) == [MINISTER]

    @pytest.mark.parametrize(
        "query", ["well-known", "well\u2011known", "well\u2013known", "1990-2000", "1990\u20132000"]
    )
    def test_any_dash_between_words_matches_any_other(self, client, news, query):
        assert found(client, query) == [MINISTER]


def long_body(middle):
    before = " ".join(f"alpha{n}" for n in range(60))
    after = " ".join(f"omega{n}" for n in range(60))
    return f"<p>{before} {middle} {after}</p>"


class TestSnippets:
    def test_snippets_are_cut_between_words_in_the_articles_own_typography(self, client, news):
        body = long_body("the lodger had been \u201ctaken in\u201d by the landlady")
        ArticleFactory(
            published=True, section=news, headline="The lodger", standfirst="A tale.", body=body
        )
        # "lodger's" finds "lodger": the possessive is a stop word, as on PostgreSQL.
        [result] = results(client.get("/search/", {"q": "lodger's landlady"}))
        snippet = result.snippet
        assert snippet.startswith("… ")
        assert snippet.endswith(" …")
        assert "had been \u201ctaken in\u201d by the landlady" in snippet
        text = f"A tale. … {re.sub('<[^>]+>', ' ', body)}".split()
        shown = snippet.strip("… ").split()
        # Every word shown is a whole word of the article, in the article's order.
        start = text.index(shown[0])
        assert text[start : start + len(shown)] == shown
        assert "<mark>lodger</mark>" in result.snippet_html
        assert "<mark>landlady</mark>" in result.snippet_html

    def test_a_snippet_of_a_short_article_is_all_of_it(self, client, news):
        [result] = results(client.get("/search/", {"q": "barges"}))
        assert result.snippet == "Barges are back after the repairs. … The lock reopened on Monday."
        assert result.snippet_html.startswith("<mark>Barges</mark> are back")

    def test_stemmed_matches_are_marked_and_markup_is_escaped(self, client, news):
        ArticleFactory(
            published=True,
            section=news,
            headline="Cartoon rights",
            standfirst="Hedgehogs &lt;b&gt; &amp; co.",
            body="<p>A hedgehog wrote &lt;script&gt;alert(1)&lt;/script&gt; on the wall.</p>",
        )
        response = client.get("/search/", {"q": "cartoon hedgehogs"})
        [result] = results(response)
        assert "<mark>hedgehog</mark> wrote" in result.snippet_html
        assert "<script>alert(1)</script>" in result.snippet  # as text
        html = response.content.decode()
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


class TestCountAndPictures:
    def test_the_heading_counts_the_results(self, client, news, settings):
        assert heading(client.get("/search/", {"q": "hedgehogs or canal"})) == (
            "3 results for “hedgehogs or canal”"
        )
        assert heading(client.get("/search/", {"q": "barges"})) == "1 result for “barges”"
        assert heading(client.get("/search/", {"q": "zebra"})) == "No results for “zebra”"
        settings.NEWSROOM_PAGE_SIZE = 2  # the count is of every page's results
        first = client.get("/search/", {"q": "hedgehogs or canal"})
        last = client.get("/search/", {"q": "hedgehogs or canal", "page": 2})
        assert heading(first) == heading(last) == "3 results for “hedgehogs or canal”"
        assert len(headlines(first)) == 2
        assert len(headlines(last)) == 1

    def test_results_show_their_lead_image_in_the_same_queries(
        self, client, news, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            pictures = [CaptionedImageFactory() for _ in range(2)]
        Article.objects.filter(headline=HEDGEHOGS).update(lead_image=pictures[0])
        Article.objects.filter(headline=TOWPATH).update(lead_image=pictures[1])

        def page(query):
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/search/", {"q": query})
            return results(response), len(queries)

        page("barges")  # site-wide settings and the section tree are cached from here on
        few, few_queries = page("hedgehogs")
        many, many_queries = page("hedgehogs or canal or minister or secretary's")
        assert len(few) == 2
        assert len(many) == 5
        # The filter's authors, the results with their sections and pictures, their
        # bylines, their snippets (and on PostgreSQL the newest matches' ids, found
        # with the planner's settings in a transaction): whatever the number of
        # results and pictures.
        assert few_queries == many_queries
        assert many_queries <= 8
        thumbnails = {result.headline: result.thumbnail for result in many}
        assert thumbnails[BOATS] is None
        for headline, image in ((HEDGEHOGS, pictures[0]), (TOWPATH, pictures[1])):
            image.refresh_from_db()
            square = image.rendition_cache["crops"]["1:1"]
            urls = [url for by_format in square["urls"].values() for url in by_format]
            assert thumbnails[headline]["src"] in urls
            assert thumbnails[headline]["alt"] == ""  # the headline beside it says it all
            assert thumbnails[headline]["width"] == thumbnails[headline]["height"]


class TestIndexInStep:
    def test_saving_and_deleting_an_article_updates_what_search_finds(self, client, news):
        article = Article.objects.get(headline=BOATS)
        article.body = "<p>A heron watched from the lock.</p>"
        article.save()
        assert found(client, "heron") == [BOATS]
        assert found(client, "reopened") == []
        article.delete()
        assert found(client, "heron") == []

    def test_the_rebuild_command_and_a_language_change_keep_every_article(self, client, news):
        call_command("update_search_index", stdout=io.StringIO())
        assert found(client, "barges") == [BOATS]
        SiteSettings(language="de").save()
        assert found(client, "barges") == [BOATS]
