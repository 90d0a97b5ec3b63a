"""Leave a Reply: a reader posts, is held or approved, gets every word back on an
error; comments close."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.comments.helpers import at_the_form
from tests.helpers.comments import form_data, make_comment, post
from tests.helpers.factories import ArticleFactory
from tests.helpers.html import text

pytestmark = pytest.mark.django_db


class TestReaderPosts:
    def test_first_comment_is_held_and_shown_only_to_its_author(self, client, article):
        response = post(client, article, form_data(client, article))
        comment = Comment.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
        assert comment.status == Comment.Status.PENDING
        page = text(client.get(article.get_absolute_url()))
        assert "awaiting moderation" in page
        assert "Your comment is awaiting moderation. A thoughtful comment." in page
        other = text(Client().get(article.get_absolute_url()))
        assert "A thoughtful comment." not in other
        assert "No comments yet" in other

    def test_returning_commenter_is_approved_at_once(self, client, article):
        make_comment(article, name="Jane Reader", email="JANE@example.com", text="Earlier")
        post(client, article, form_data(client, article, text="Second time"))
        comment = Comment.objects.get(text="Second time")
        assert comment.status == Comment.Status.APPROVED
        assert Article.objects.get(pk=article.pk).comment_count == 2
        assert "2 comments" in text(Client().get(article.get_absolute_url()))

    @pytest.mark.parametrize(
        ("policy", "expected"), [("hold_all", "pending"), ("approve_all", "approved")]
    )
    def test_policy_setting(self, client, article, settings, policy, expected):
        settings.NEWSROOM_COMMENTS_POLICY = policy
        make_comment(article, name="Jane Reader", email="jane@example.com", text="Earlier")
        post(client, article, form_data(client, article, text="Again"))
        assert Comment.objects.get(text="Again").status == expected

    def test_errors_keep_every_word_and_say_what_is_wrong(self, client, article):
        long_text = "w" * 5001
        data = form_data(
            client, article, name="", email="not-an-email", text=long_text, website="x" * 201
        )
        response = at_the_form(client, post(client, article, data), article)
        html = response.content.decode()
        assert long_text in html  # nothing cut
        assert "This field is required." in html
        assert "Enter a valid email address." in html
        assert "Ensure this value has at most 5000 characters (it has 5001)." in html
        assert "at most 200 characters" in html
        assert "your comment has been kept" in html
        assert "maxlength" not in html.split('id="respond"')[1]
        assert not Comment.objects.exists()
        assert "no-store" in response["Cache-Control"]

    def test_limits_are_exact(self, client, article):
        data = form_data(
            client, article, name="n" * 100, text="t" * 5000, email=("e" * 242) + "@example.com"
        )
        assert len(data["email"]) == 254
        assert post(client, article, data).status_code == 302
        comment = Comment.objects.get()
        assert len(comment.text) == 5000
        assert len(comment.name) == 100

    def test_text_is_plain_escaped_with_paragraphs_and_safe_links(self, client, article):
        make_comment(
            article,
            text="<script>alert(1)</script> <b>bold</b>\n\nSee https://example.org/x"
            " and javascript:alert(1)",
        )
        html = client.get(article.get_absolute_url()).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in html
        assert '<a href="https://example.org/x" rel="nofollow ugc noopener">' in html
        assert 'href="javascript:' not in html
        assert "</p><p>See" in html

    def test_website_link_is_nofollow(self, client, article):
        make_comment(article, website="https://jane.example.org")
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<a href="https://jane.example.org" rel="nofollow ugc noopener">Reader</a>' in html

    def test_email_is_never_shown(self, client, article):
        make_comment(article, email="secret-address@example.com")
        assert "secret-address" not in client.get(article.get_absolute_url()).content.decode()


class TestClosing:
    def test_closed_by_flag(self, client, article):
        data = form_data(client, article)
        Article.objects.filter(pk=article.pk).update(comments_enabled=False)
        page = text(client.get(article.get_absolute_url()))
        assert "Comments are closed." in page
        assert "Leave a Reply" not in page
        response = at_the_form(client, post(client, article, data), article)
        assert "A thoughtful comment." in response.content.decode()  # their words, to keep
        assert not Comment.objects.exists()

    def test_closed_after_n_days(self, client, article, settings, time_machine):
        settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 30
        data = form_data(client, article)
        time_machine.move_to(timezone.now() + timedelta(days=31))
        assert "Comments are closed." in text(client.get(article.get_absolute_url()))
        response = at_the_form(client, post(client, article, data), article)
        assert "Comments are closed on this article." in text(response)

    def test_drafts_take_no_comments(self, client):
        draft = ArticleFactory()
        response = client.post(reverse("comments:post", args=[draft.pk]), {})
        assert response.status_code == 404

    def test_get_leads_to_the_form(self, client, article):
        # Reloading after a post, or following a shared link: the article's form.
        response = client.get(reverse("comments:post", args=[article.pk]))
        assert response.status_code == 303
        assert response["Location"] == f"{article.get_absolute_url()}#respond"
        assert client.put(reverse("comments:post", args=[article.pk])).status_code == 405
