"""A reader posts a comment, a moderator approves it in the admin, it appears."""

import pytest

from comments.models import Comment
from tests.helpers.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_posts_moderator_approves_comment_appears(live_server, browser):
    article = ArticleFactory(published=True, headline="Ministers clash in Moscow")
    UserFactory(username="moderator", is_staff=True, groups=["Moderators"], email="mod@example.com")
    url = live_server.url + article.get_absolute_url()

    reader = browser.new_context().new_page()
    reader.goto(url)
    form = reader.locator("#respond form")
    form.get_by_label("Comment").fill("A first comment from a reader.\n\nWith two paragraphs.")
    form.get_by_label("Name").fill("Jane Reader")
    form.get_by_label("Email").fill("jane@example.com")
    reader.wait_for_timeout(3200)  # people take a moment; bots that post at once are refused
    form.get_by_role("button", name="Post Comment").click()
    reader.wait_for_load_state()
    assert "awaiting moderation" in reader.locator(".messages").inner_text()
    mine = reader.locator(".comment-pending")
    assert "Your comment is awaiting moderation." in mine.inner_text()
    assert Comment.objects.get().status == "pending"

    other = browser.new_context().new_page()
    other.goto(url)
    assert "A first comment from a reader." not in other.content()

    moderator = browser.new_context().new_page()
    moderator.goto(live_server.url + "/admin/")
    moderator.get_by_label("Username").fill("moderator")
    moderator.get_by_label("Password").fill("correct horse battery")
    moderator.get_by_role("button", name="Log in").click()
    assert "1 comment awaiting moderation" in moderator.locator(".pending-comments").inner_text()
    moderator.locator(".pending-comments a").click()
    row = moderator.locator("#result_list tbody tr", has_text="A first comment")
    row.locator("input.action-select").check()
    moderator.locator("select[name=action]").select_option("approve_comments")
    moderator.get_by_role("button", name="Run").click()
    assert "Approved 1 comment." in moderator.locator(".messagelist").inner_text()

    other.reload()
    comment = other.locator(".comment", has_text="A first comment from a reader.")
    assert comment.is_visible()
    assert comment.locator(".comment-text p").count() == 2
    assert "1 comment" in other.locator("#comments-heading").inner_text()
