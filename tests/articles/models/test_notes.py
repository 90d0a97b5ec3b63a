"""What an article keeps beside its text: corrections, live updates and the redirects
of its old addresses."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent, ArticleNote, LiveUpdate
from tests.helpers.admin import change_data, change_url, inline_management
from tests.helpers.factories import (
    ArticleFactory,
    SectionFactory,
)
from tests.helpers.html import json_ld, text

pytestmark = pytest.mark.django_db


class TestCorrections:
    def test_correction_on_page_updated_time_corrections_page_and_json_ld(
        self, editor_client, client, time_machine
    ):
        article = ArticleFactory(published=True, headline="Budget story")
        time_machine.move_to(timezone.now() + timedelta(hours=2))
        data = change_data(
            article,
            **inline_management("notes", 1),
            **{
                "notes-0-kind": "correction",
                "notes-0-text": "An earlier version gave the wrong figure.",
                "notes-0-created_at_0": f"{timezone.localtime():%Y-%m-%d}",
                "notes-0-created_at_1": f"{timezone.localtime():%H:%M:%S}",
            },
        )
        assert editor_client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert article.was_updated
        page = client.get(article.get_absolute_url())
        assert "Correction , " in text(page) or "Correction, " in text(page)
        assert "An earlier version gave the wrong figure." in text(page)
        assert "Updated" in text(page)
        data = json_ld(page)
        assert data[0]["correction"][0]["text"] == "An earlier version gave the wrong figure."
        assert data[0]["@type"] == "NewsArticle"
        listing = text(client.get("/corrections/"))
        assert "Budget story" in listing
        assert "wrong figure" in listing
        assert ArticleEvent.objects.filter(action="corrected").exists()

    def test_writers_cannot_add_corrections(self, writer_client, writer):
        article = ArticleFactory(created_by=writer)
        html = writer_client.get(change_url(article)).content.decode()
        assert "Add another Correction or update" not in html

    def test_corrections_of_unpublished_articles_are_not_listed(self, client):
        draft = ArticleFactory(headline="Hidden")
        ArticleNote.objects.create(article=draft, text="Not public")
        assert "Not public" not in text(client.get("/corrections/"))


class TestDevelopingStories:
    def test_updates_newest_first_at_the_top_and_polled(self, client, time_machine):
        article = ArticleFactory(published=True, is_developing=True, body="<p>The body text.</p>")
        now = timezone.now()
        LiveUpdate.objects.create(
            article=article, text="Older update", created_at=now - timedelta(minutes=5)
        )
        LiveUpdate.objects.create(article=article, text="Newest update", created_at=now)
        page = text(client.get(article.get_absolute_url()))
        assert (
            page.index("Newest update") < page.index("Older update") < page.index("The body text.")
        )
        assert "More follows…" in page
        html = client.get(article.get_absolute_url()).content.decode()
        assert 'src="/static/js/live-updates.js"' in html
        fragment = client.get(reverse("articles:live_updates", args=[article.pk]))
        assert fragment.status_code == 200
        assert "Newest update" in fragment.content.decode()
        LiveUpdate.objects.create(article=article, text="Brand new")
        assert (
            "Brand new"
            in client.get(reverse("articles:live_updates", args=[article.pk])).content.decode()
        )

    def test_no_updates_for_drafts(self, client):
        draft = ArticleFactory(is_developing=True)
        assert client.get(reverse("articles:live_updates", args=[draft.pk])).status_code == 404


class TestRedirects:
    def test_slug_and_section_changes_keep_old_addresses(self, client, editor):
        world = SectionFactory(slug="world")
        europe = SectionFactory(slug="europe", parent=world)
        article = ArticleFactory(published=True, section=world, slug="first-slug")
        first = article.get_absolute_url()
        article = Article.objects.get(pk=article.pk)
        article.slug = "second-slug"
        article.save()
        second = article.get_absolute_url()
        article = Article.objects.get(pk=article.pk)
        article.section = europe
        article.save()
        final = article.get_absolute_url()
        assert final == "/world/europe/second-slug/"
        for old in (first, second):
            response = client.get(old)
            assert response.status_code == 301
            assert response["Location"] == final
        assert client.get(final).status_code == 200

    def test_renaming_a_section_keeps_its_articles_addresses(self, client):
        world = SectionFactory(slug="world")
        europe = SectionFactory(slug="europe", parent=world)
        ArticleFactory(published=True, section=europe, slug="story")
        world.slug = "world-news"
        world.save()
        response = client.get("/world/europe/story/")
        assert response.status_code == 301
        assert response["Location"] == "/world-news/europe/story/"

    def test_drafts_leave_no_redirects(self, client):
        article = ArticleFactory(slug="draft-one")
        old = article.get_absolute_url()
        article = Article.objects.get(pk=article.pk)
        article.slug = "draft-two"
        article.save()
        assert client.get(old).status_code == 404
