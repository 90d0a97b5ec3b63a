"""The article page as readers see it, and drafts as only staff may."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from articles.models import (
    Article,
)
from tests.helpers.factories import (
    ArticleFactory,
    AuthorFactory,
    RelatedLinkFactory,
    UserFactory,
)
from tests.helpers.html import soup, text

pytestmark = pytest.mark.django_db


class TestArticlePage:
    def test_reader_sees_every_part_of_the_reference_page(self, client, reference_article):
        response = client.get(reference_article.get_absolute_url())
        assert response.status_code == 200
        page = text(response)
        html = response.content.decode()
        assert "Home World News Europe Ministers clash over cyber attacks" in page
        assert soup(html).select_one('nav.breadcrumbs[aria-label="Breadcrumb"]')
        assert "<h1>Ministers clash over cyber attacks</h1>" in html
        assert "A tense news conference in Moscow." in page
        assert "By Maya Okafor and Tom Lindqvist" in page
        assert 'href="/author/maya/" rel="author"' in html
        assert (
            f'datetime="{reference_article.published_at.replace(microsecond=0).isoformat()}"'
            in html
        )
        assert "Lead caption Pic: Lead Credit" in page
        assert "Divers deployed Pic: Les Whitfield" in page
        assert len(soup(html).select("aside.related-inline")) == 2
        assert "Related Spy visited as translator" in page
        assert "Elsewhere Background analysis" in page
        assert "More follows…" in page
        assert "About Maya Okafor Maya covers diplomacy." in page
        assert "About Tom Lindqvist Tom covers technology." in page
        assert "Check Also" in page
        assert "Crew returns from the edge of space" in page
        assert "Four passengers spent eleven minutes in space." in page
        assert 'href="/tag/russia/" rel="tag"' in html

    def test_body_order_is_paragraph_figure_paragraph_link(self, client, reference_article):
        page = text(client.get(reference_article.get_absolute_url()))
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

    def test_updated_time_shown_only_when_text_changed(
        self, client, reference_article, time_machine
    ):
        assert "Updated" not in text(client.get(reference_article.get_absolute_url()))
        time_machine.move_to(timezone.now() + timedelta(hours=3))
        reference_article = Article.objects.get(pk=reference_article.pk)
        reference_article.body += "<p>New paragraph.</p>"
        reference_article.save()
        assert "Updated" in text(client.get(reference_article.get_absolute_url()))

    def test_related_link_to_unpublished_article_is_hidden(self, client, reference_article):
        secret = ArticleFactory(headline="Embargoed scoop")
        RelatedLinkFactory(article=reference_article, target=secret, url="", teaser_headline="")
        page = text(client.get(reference_article.get_absolute_url()))
        assert "Embargoed scoop" not in page

    def test_unpublished_check_also_pick_is_replaced(self, client, reference_article):
        reference_article.check_also.status = Article.Status.DRAFT
        reference_article.check_also.save()
        ArticleFactory(
            published=True, section=reference_article.section, headline="Border talks resume"
        )
        page = text(client.get(reference_article.get_absolute_url()))
        assert "Crew returns from the edge of space" not in page
        # Not the story the text already links to: the next best.
        assert "Check Also Europe Border talks resume" in page
        assert "Check Also Europe Spy visited as translator" not in page

    def test_wrong_section_or_slug_is_404(self, client, reference_article):
        assert client.get("/world-news/" + reference_article.slug + "/").status_code == 404
        assert client.get("/nowhere/" + reference_article.slug + "/").status_code == 404
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
