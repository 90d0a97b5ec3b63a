"""Comments under an article: threads oldest first, the reply form, and the page's query count."""

import pytest
from django.core.cache import cache

from comments import moderation
from comments.models import Comment
from tests.comments.helpers import at_the_form
from tests.helpers.comments import form_data, make_comment, post
from tests.helpers.factories import ArticleFactory
from tests.helpers.html import soup, text

pytestmark = pytest.mark.django_db


class TestThreads:
    def test_replies_are_threaded_oldest_first_with_permalinks(self, client, article):
        first = make_comment(article, text="FirstC", email="a@example.com")
        second = make_comment(article, text="SecondC", email="b@example.com")
        reply = make_comment(article, text="ReplyC", parent=first, email="c@example.com")
        html = client.get(article.get_absolute_url()).content.decode()
        assert html.index("FirstC") < html.index("ReplyC") < html.index("SecondC")
        assert f'id="comment-{reply.pk}"' in html
        assert f'href="#comment-{second.pk}"' in html
        assert soup(html).select_one("ol.comment-children")

    def test_reply_form_goes_under_the_comment_without_javascript(self, client, article):
        first = make_comment(article, text="First")
        html = client.get(article.get_absolute_url() + f"?replyto={first.pk}").content.decode()
        assert html.index(f'id="comment-{first.pk}"') < html.index('id="respond"')
        assert "Reply to Reader" in html
        assert f'name="parent" value="{first.pk}"' in html
        data = form_data(client, article, query=f"?replyto={first.pk}", parent=str(first.pk))
        post(client, article, data)
        assert Comment.objects.get(text="A thoughtful comment.").parent == first

    def test_depth_is_limited(self, client, article, settings):
        settings.NEWSROOM_COMMENTS_MAX_DEPTH = 2
        top = make_comment(article, text="Top", email="a@example.com")
        reply = make_comment(article, text="Reply", parent=top, email="b@example.com")
        html = client.get(article.get_absolute_url()).content.decode()
        assert f"?replyto={top.pk}" in html
        assert f"?replyto={reply.pk}" not in html
        response = post(client, article, form_data(client, article, parent=str(reply.pk)))
        # Back to the form, under the comment it replied to.
        page = at_the_form(client, response, article, query=f"?replyto={reply.pk}")
        assert "cannot be nested any deeper" in text(page)

    def test_replies_to_hidden_comments_are_hidden(self, client, article):
        top = make_comment(article, text="Top")
        make_comment(article, text="Orphan reply", parent=top, email="b@example.com")
        moderation.remove(top)
        assert "Orphan reply" not in text(client.get(article.get_absolute_url()))


def test_article_page_queries_do_not_grow_with_comments(
    client, article, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(article.get_absolute_url())
        return len(queries)

    make_comment(article, text="only one")
    few = count()
    for i in range(15):
        parent = make_comment(article, text=f"c{i}", email=f"c{i}@example.com")
        make_comment(article, text=f"r{i}", email=f"r{i}@example.com", parent=parent)
    assert count() == few


def test_comment_counts_on_cards_without_extra_queries(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/")
        return len(queries), response

    articles = [ArticleFactory(published=True) for _ in range(3)]
    # One comment already: the front page's "most discussed" has one article.
    make_comment(articles[0], text="c0", email="c0-0@example.com")
    before, _ = count()
    for n, article in enumerate(articles):
        for i in range(1 if n == 0 else 0, n + 1):
            make_comment(article, text=f"c{i}", email=f"c{n}-{i}@example.com")
    after, response = count()
    assert after == before
    page = text(response)
    assert "1 comment" in page
    assert "3 comments" in page
