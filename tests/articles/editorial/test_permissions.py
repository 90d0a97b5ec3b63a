"""Who may do what to an article: the Writers' and Editors' roles, through every door."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.editorial import workflow
from articles.models import Article, ArticleEvent
from tests.helpers.admin import OTHER_INLINES, change_data, change_url, inline_management
from tests.helpers.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class TestRoles:
    def test_groups_exist(self):
        assert set(Group.objects.values_list("name", flat=True)) >= {
            "Writers",
            "Editors",
            "Moderators",
        }

    def test_writer_creates_a_draft_and_cannot_publish(self, writer_client, writer):
        section = SectionFactory()
        author = AuthorFactory()
        data = {
            "headline": "Writer's story",
            "slug": "writers-story",
            "standfirst": "Summary",
            "body": "<p>Words.</p>",
            "section": section.pk,
            "tags": "",
            "status": "published",
            "comments_enabled": "on",
            **inline_management("bylines", 1),
            "bylines-0-author": author.pk,
            "bylines-0-position": "0",
            **inline_management("figures"),
            **inline_management("related_links"),
            **OTHER_INLINES,
        }
        response = writer_client.post(reverse("admin:articles_article_add"), data)
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert not Article.objects.exists()
        data["status"] = "draft"
        assert writer_client.post(reverse("admin:articles_article_add"), data).status_code == 302
        article = Article.objects.get()
        assert article.created_by == writer
        assert article.status == "draft"
        assert ArticleEvent.objects.get().action == "created"

    def test_writer_cannot_publish_through_any_door(self, writer_client, writer):
        article = ArticleFactory(created_by=writer)
        response = writer_client.post(change_url(article), change_data(article, status="published"))
        assert response.status_code == 200
        assert Article.objects.get().status == "draft"
        writer_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_now", "_selected_action": [article.pk]},
        )
        assert Article.objects.get().status == "draft"
        with pytest.raises(workflow.PermissionDenied):
            workflow.publish(article, writer)

    def test_writer_cannot_see_or_edit_anothers_article(self, writer_client, writer):
        other = ArticleFactory(headline="Someone else's draft")
        published = ArticleFactory(published=True, headline="Public story")
        assert writer_client.get(change_url(other)).status_code == 302  # "doesn't exist"
        changelist = writer_client.get(reverse("admin:articles_article_changelist"))
        assert "Someone else's draft" not in changelist.content.decode()
        assert "Public story" in changelist.content.decode()
        assert writer_client.get(other.get_absolute_url()).status_code == 404
        autocomplete = writer_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "articles",
                "model_name": "article",
                "field_name": "check_also",
                "term": "draft",
            },
        ).json()
        assert autocomplete["results"] == []
        # Published articles: viewable, not editable.
        response = writer_client.post(
            change_url(published), change_data(published, headline="Vandalised")
        )
        assert response.status_code == 403
        assert Article.objects.get(pk=published.pk).headline == "Public story"

    def test_writer_edits_own_until_published(self, writer_client, writer):
        article = ArticleFactory(created_by=writer)
        assert (
            writer_client.post(
                change_url(article), change_data(article, headline="Better")
            ).status_code
            == 302
        )
        workflow.publish(Article.objects.get(), UserFactory(is_staff=True, groups=["Editors"]))
        article = Article.objects.get()
        response = writer_client.post(change_url(article), change_data(article, headline="Late"))
        assert response.status_code == 403
        assert Article.objects.get().headline == "Better"

    def test_byline_makes_an_article_your_own(self, writer_client, writer):
        author = AuthorFactory(user=writer)
        article = ArticleFactory(authors=[author])
        assert writer_client.get(change_url(article)).status_code == 200
