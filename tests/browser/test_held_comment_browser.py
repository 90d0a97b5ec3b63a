"""A reader whose comment is held for moderation sees it under a heading that says
so, on the cached page that reader.js fills in (never "No comments yet")."""

import pytest
from playwright.sync_api import expect

from tests.helpers.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_heading_says_the_readers_comment_is_awaiting_moderation(live_server, page, settings):
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0
    article = ArticleFactory(published=True, headline="Ministers clash in Moscow")
    url = live_server.url + article.get_absolute_url()
    page.goto(url)
    heading = page.locator("#comments-heading")
    assert heading.inner_text() == "No comments yet"

    form = page.locator("#respond form")
    form.get_by_label("Comment").fill("Held until a moderator has read it.")
    form.get_by_label("Name").fill("Jane Reader")
    form.get_by_label("Email").fill("jane@example.com")
    # Locator assertions poll from outside the page: the site's CSP forbids eval.
    expect(page.locator("input[data-reader-token]")).not_to_have_value("")
    form.get_by_role("button", name="Post Comment").click()
    page.wait_for_load_state()

    for _ in range(2):  # after posting, and after a reload of the cached page
        mine = page.locator(".comment-pending", has_text="Held until a moderator")
        mine.wait_for()
        assert heading.inner_text() == "1 comment awaiting moderation"
        assert page.get_by_text("No comments yet").count() == 0
        assert heading.bounding_box()["y"] < mine.bounding_box()["y"]
        page.reload()

    # Everyone else still sees no comments.
    other = page.context.browser.new_context().new_page()
    other.goto(url)
    assert other.locator("#comments-heading").inner_text() == "No comments yet"
    other.context.close()
