import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from articles.models import Article

from .factories import (
    ArticleFactory,
    ArticleImageFactory,
    AuthorFactory,
    CaptionedImageFactory,
    RelatedLinkFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def text(response):
    """The page's visible text, tags stripped and whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def world():
    return SectionFactory(name="World News", slug="world-news")


@pytest.fixture
def article(world):
    europe = SectionFactory(name="Europe", slug="europe", parent=world)
    author_one = AuthorFactory(
        name="Maya Okafor", slug="maya", bio="Maya covers diplomacy.", photo=CaptionedImageFactory()
    )
    author_two = AuthorFactory(name="Tom Lindqvist", slug="tom", bio="Tom covers technology.")
    target = ArticleFactory(
        published=True,
        section=europe,
        headline="Spy visited as translator",
        lead_image=CaptionedImageFactory(),
    )
    pick = ArticleFactory(
        published=True,
        headline="Crew returns from the edge of space",
        standfirst="Four passengers spent eleven minutes in space.",
    )
    article = ArticleFactory(
        published=True,
        section=europe,
        headline="Ministers clash over cyber attacks",
        standfirst="A tense news conference in Moscow.",
        body="<p>First paragraph.</p><p>Second paragraph.</p><p>Third paragraph.</p>",
        authors=[author_one, author_two],
        tags=["Russia", "Diplomacy"],
        lead_image=CaptionedImageFactory(caption="Lead caption", credit="Lead Credit"),
        is_developing=True,
        check_also=pick,
    )
    ArticleImageFactory(
        article=article,
        after_paragraph=1,
        image=CaptionedImageFactory(caption="Divers deployed", credit="Les Whitfield"),
    )
    RelatedLinkFactory(
        article=article, target=target, url="", teaser_headline="", after_paragraph=2
    )
    RelatedLinkFactory(
        article=article,
        url="https://example.org/analysis",
        teaser_headline="Background analysis",
        after_paragraph=3,
    )
    return article


class TestArticlePage:
    def test_reader_sees_every_part_of_the_reference_page(self, client, article):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        page = text(response)
        html = response.content.decode()
        assert "Home World News Europe Ministers clash over cyber attacks" in page
        assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
        assert "<h1>Ministers clash over cyber attacks</h1>" in html
        assert "A tense news conference in Moscow." in page
        assert "By Maya Okafor and Tom Lindqvist" in page
        assert 'href="/author/maya/" rel="author"' in html
        assert f'datetime="{article.published_at.replace(microsecond=0).isoformat()}"' in html
        assert "Lead caption Pic: Lead Credit" in page
        assert "Divers deployed Pic: Les Whitfield" in page
        assert html.count('<aside class="related-inline"') == 2
        assert "Related Spy visited as translator" in page
        assert "Elsewhere Background analysis" in page
        assert "More follows…" in page
        assert "About Maya Okafor Maya covers diplomacy." in page
        assert "About Tom Lindqvist Tom covers technology." in page
        assert "Check Also" in page
        assert "Crew returns from the edge of space" in page
        assert "Four passengers spent eleven minutes in space." in page
        assert 'href="/tag/russia/" rel="tag"' in html

    def test_body_order_is_paragraph_figure_paragraph_link(self, client, article):
        page = text(client.get(article.get_absolute_url()))
        order = [
            page.index(s)
            for s in (
                "First paragraph.",
                "Divers deployed",
                "Second paragraph.",
                "Spy visited as translator",
                "Third paragraph.",
                "Background analysis",
                "More follows…",
            )
        ]
        assert order == sorted(order)

    def test_updated_time_shown_only_when_text_changed(self, client, article, time_machine):
        assert "Updated" not in text(client.get(article.get_absolute_url()))
        time_machine.move_to(timezone.now() + timedelta(hours=3))
        article = Article.objects.get(pk=article.pk)
        article.body += "<p>New paragraph.</p>"
        article.save()
        assert "Updated" in text(client.get(article.get_absolute_url()))

    def test_related_link_to_unpublished_article_is_hidden(self, client, article):
        secret = ArticleFactory(headline="Embargoed scoop")
        RelatedLinkFactory(article=article, target=secret, url="", teaser_headline="")
        page = text(client.get(article.get_absolute_url()))
        assert "Embargoed scoop" not in page

    def test_unpublished_check_also_pick_is_replaced(self, client, article):
        article.check_also.status = Article.Status.DRAFT
        article.check_also.save()
        page = text(client.get(article.get_absolute_url()))
        assert "Crew returns from the edge of space" not in page
        assert "Check Also Europe Spy visited as translator" in page

    def test_wrong_section_or_slug_is_404(self, client, article):
        assert client.get("/world-news/" + article.slug + "/").status_code == 404
        assert client.get("/nowhere/" + article.slug + "/").status_code == 404
        assert client.get("/world-news/europe/no-such-story/").status_code == 404


class TestDrafts:
    def test_draft_and_scheduled_articles_are_404_for_readers(self, client):
        draft = ArticleFactory(headline="Draft story")
        scheduled = ArticleFactory(
            status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(days=1)
        )
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(scheduled.get_absolute_url()).status_code == 404

    def test_staff_without_change_permission_cannot_see_drafts(self, client):
        draft = ArticleFactory()
        client.force_login(UserFactory(is_staff=True))
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_editor_sees_draft_with_banner_and_no_caching(self, editor_client):
        draft = ArticleFactory(headline="Draft story")
        response = editor_client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert "Draft – readers cannot see this article." in text(response)
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()

    def test_change_permission_on_that_article_is_needed(self, client):
        user = UserFactory(is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="change_article"))
        client.force_login(user)
        own = ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() + timedelta(days=1),
            created_by=user,
        )
        response = client.get(own.get_absolute_url())
        assert response.status_code == 200
        assert "Scheduled for" in text(response)
        someone_elses = ArticleFactory()
        assert client.get(someone_elses.get_absolute_url()).status_code == 404

    def test_drafts_never_appear_in_listings(self, client, world):
        author = AuthorFactory(slug="writer")
        ArticleFactory(section=world, headline="Secret draft", authors=[author], tags=["Russia"])
        ArticleFactory(
            published=True,
            section=world,
            headline="Public story",
            authors=[author],
            tags=["Russia"],
        )
        for url in ("/", "/section/world-news/", "/tag/russia/", "/author/writer/"):
            page = text(client.get(url))
            assert "Public story" in page, url
            assert "Secret draft" not in page, url


class TestListings:
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
        assert '<div class="front-lead">' in html
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
        from django.db import connection
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

    def test_every_page_has_landmarks_and_skip_link(self, client, article):
        for url in ("/", "/section/world-news/", article.get_absolute_url(), "/tag/russia/"):
            html = client.get(url).content.decode()
            assert '<a class="skip-link" href="#main">' in html, url
            assert '<main id="main"' in html
            assert '<nav class="site-nav" aria-label="Sections">' in html
            assert "<footer" in html
            # Nothing loads from another host (the canonical link names our own).
            assert not re.search(
                r'(src|href)="(https?:)?//(?!example\.org|testserver/)', html.split("<main")[0]
            ), url
