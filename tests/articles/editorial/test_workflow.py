"""An article's way to readers: submitted, sent back, scheduled, published and unpublished."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.editorial import workflow
from articles.models import Article, ArticleEvent
from tests.helpers.admin import change_data, change_url
from tests.helpers.factories import (
    ArticleFactory,
    AuthorFactory,
    RelatedLinkFactory,
    SectionFactory,
)
from tests.helpers.html import text

pytestmark = pytest.mark.django_db


class TestTransitions:
    def test_submit_send_back_publish_unpublish_with_audit(self, writer, editor):
        article = ArticleFactory(created_by=writer)
        workflow.submit(article, writer)
        assert article.status == "review"
        with pytest.raises(workflow.ValidationError):
            workflow.send_back(article, editor, "   ")
        workflow.send_back(article, editor, "Check the second quote.")
        assert article.status == "draft"
        workflow.submit(article, writer)
        workflow.publish(article, editor)
        assert article.is_public
        workflow.unpublish(article, editor)
        assert not Article.objects.published().exists()
        actions = list(ArticleEvent.objects.order_by("at", "pk").values_list("action", "note"))
        assert actions == [
            ("submitted", ""),
            ("sent_back", "Check the second quote."),
            ("submitted", ""),
            ("published", ""),
            ("unpublished", ""),
        ]
        assert Version.objects.get_for_object(article).count() == 5

    def test_editor_sends_back_in_admin_with_a_note(self, editor_client, writer):
        article = ArticleFactory(created_by=writer, status="review")
        response = editor_client.post(change_url(article), change_data(article, status="draft"))
        assert response.status_code == 200
        assert "the note goes to the writer" in response.content.decode()
        response = editor_client.post(
            change_url(article), change_data(article, status="draft", review_note="Needs a source")
        )
        assert response.status_code == 302
        event = ArticleEvent.objects.get(action="sent_back")
        assert event.note == "Needs a source"

    def test_needs_review_and_scheduled_views(self, editor_client):
        ArticleFactory(status="review", headline="Waiting for an editor")
        ArticleFactory(
            status="published",
            published_at=timezone.now() + timedelta(hours=5),
            headline="Tomorrow's story",
        )
        ArticleFactory(published=True, headline="Live story")
        url = reverse("admin:articles_article_changelist")
        review = editor_client.get(url, {"state": "review"}).content.decode()
        assert "Waiting for an editor" in review
        assert "Live story" not in review
        scheduled = editor_client.get(url, {"state": "scheduled"}).content.decode()
        assert "Tomorrow&#x27;s story" in scheduled
        assert "Scheduled for" in scheduled
        assert "Live story" not in scheduled

    def test_mine_filter(self, editor_client, editor):
        ArticleFactory(created_by=editor, headline="My own")
        ArticleFactory(headline="Not mine")
        html = editor_client.get(
            reverse("admin:articles_article_changelist"), {"mine": "1"}
        ).content.decode()
        assert "My own" in html
        assert "Not mine" not in html


class TestScheduling:
    def test_scheduled_article_appears_everywhere_exactly_at_its_time(
        self, client, editor, time_machine
    ):
        start = timezone.now().replace(microsecond=0)
        time_machine.move_to(start, tick=False)
        section = SectionFactory(slug="world")
        author = AuthorFactory(slug="maya")
        at = start + timedelta(hours=2)
        article = ArticleFactory(
            section=section, headline="Embargoed scoop", authors=[author], tags=["Russia"]
        )
        workflow.publish(article, editor, at=at)
        linking = ArticleFactory(published=True, section=section, tags=["Russia"])
        RelatedLinkFactory(article=linking, target=article, url="", teaser_headline="")
        paths = [
            "/",
            "/section/world/",
            "/tag/russia/",
            "/author/maya/",
            linking.get_absolute_url(),
            "/search/?q=Embargoed",
            "/feeds/rss/",
            "/feeds/atom/",
            "/feeds/section/world/rss/",
            "/feeds/tag/russia/rss/",
            "/feeds/author/maya/atom/",
        ]
        sitemaps = ["/sitemaps/articles.xml", "/news-sitemap.xml"]
        for path in paths:
            assert "Embargoed scoop" not in text(client.get(path)), path
        for path in sitemaps:
            assert article.slug not in client.get(path).content.decode(), path
        assert client.get(article.get_absolute_url()).status_code == 404
        time_machine.move_to(at - timedelta(seconds=1), tick=False)
        assert client.get(article.get_absolute_url()).status_code == 404
        time_machine.move_to(at, tick=False)
        assert client.get(article.get_absolute_url()).status_code == 200
        for path in paths:
            assert "Embargoed scoop" in text(client.get(path)), path
        for path in sitemaps:
            assert article.slug in client.get(path).content.decode(), path

    def test_unpublish_time(self, client, editor, time_machine):
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        article = ArticleFactory(published=True, unpublish_at=start + timedelta(hours=1))
        assert client.get(article.get_absolute_url()).status_code == 200
        time_machine.move_to(start + timedelta(hours=1), tick=False)
        assert client.get(article.get_absolute_url()).status_code == 404
        assert not Article.objects.published().exists()

    def test_editor_schedules_in_the_newsrooms_time_zone(self, editor_client, settings):
        article = ArticleFactory(status="review")
        future = timezone.localtime(timezone.now() + timedelta(days=2))
        data = change_data(
            article,
            status="published",
            published_at_0=f"{future:%Y-%m-%d}",
            published_at_1="09:30:00",
        )
        assert editor_client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert timezone.localtime(article.published_at).strftime("%H:%M") == "09:30"
        assert article.is_scheduled
        assert ArticleEvent.objects.filter(action="scheduled").exists()
        staff_view = editor_client.get(article.get_absolute_url())
        assert "Scheduled for" in text(staff_view)
