"""The heading of the comments says what the reader sees under it: never "No
comments yet" above the reader's own comment that is awaiting moderation."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from comments import moderation
from comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_flood(settings):
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0


def heading(response):
    html = response.content.decode()
    return re.search(r'<h2 id="comments-heading">(.*?)</h2>', html, re.S).group(1).strip()


def post_held(client, article, text="Mine, waiting"):
    html = client.get(article.get_absolute_url()).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        {"name": "Jane", "email": "jane@example.com", "text": text, "token": token},
    )
    assert response.status_code == 302
    return Comment.objects.filter(status=Comment.Status.PENDING).latest("pk")


def approve_one(article):
    comment, _ = moderation.submit(
        article=article, moderator=True, name="Ana", email="ana@example.com", text="Agreed."
    )
    return comment


def test_no_comments(client, article):
    assert heading(client.get(article.get_absolute_url())) == "No comments yet"


def test_the_readers_own_held_comment(client, article):
    post_held(client, article)
    assert heading(client.get(article.get_absolute_url())) == ("1 comment awaiting moderation")
    assert heading(Client().get(article.get_absolute_url())) == "No comments yet"
    post_held(client, article, text="And another thought")
    assert heading(client.get(article.get_absolute_url())) == ("2 comments awaiting moderation")


def test_published_comments_are_counted_with_the_readers_held_one_below(client, article):
    approve_one(article)
    post_held(client, article)
    article.refresh_from_db()
    assert article.comment_count == 1
    assert heading(client.get(article.get_absolute_url())) == "1 comment"


def test_the_cached_pages_script_gets_the_heading_with_the_held_comment(client, article):
    post_held(client, article)
    state = client.get(reverse("articles:reader", args=[article.pk])).json()
    assert len(state["pending_comments"]) == 1
    assert state["comments_heading"] == "1 comment awaiting moderation"
    other = Client().get(reverse("articles:reader", args=[article.pk])).json()
    assert other["comments_heading"] == "No comments yet"
    Article.objects.filter(pk=article.pk).update(comment_count=3)
    state = client.get(reverse("articles:reader", args=[article.pk])).json()
    assert state["comments_heading"] == "3 comments"
