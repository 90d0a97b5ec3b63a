"""One-click moderation in real Chromium: Approve with a click, Spam with the
keyboard (j, then s), under the strict CSP with no violation."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.helpers.browser import log_in, violations, watch
from tests.helpers.comments import make_comment
from tests.helpers.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_approve_and_spam_from_the_list(live_server, page):
    UserFactory(username="moderator", is_staff=True, groups=["Moderators"])
    article = ArticleFactory(published=True, headline="Harbour wall repaired")
    held = make_comment(article, status=Comment.Status.PENDING, name="Maya", text="Good news")
    spam = make_comment(
        article, status=Comment.Status.PENDING, name="Bot", text="Cheap pills", email="b@x.test"
    )
    refused = watch(page)
    base = live_server.url
    log_in(page, base, "moderator")
    page.goto(f"{base}/admin/comments/comment/?status__exact=pending&o=-7")

    maya = page.get_by_role("row").filter(has_text="Good news")
    maya.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approved 1 comment.")).to_be_visible()
    # Back on the same filtered list: only the bot's comment still waits.
    expect(page.get_by_role("row").filter(has_text="Good news")).to_have_count(0)
    assert page.url.endswith("?status__exact=pending&o=-7")

    expect(page.get_by_text("Keyboard: j / k")).to_be_visible()
    page.keyboard.press("j")
    expect(page.get_by_role("row").filter(has_text="Cheap pills")).to_have_class(
        "moderation-current"
    )
    page.keyboard.press("s")
    expect(page.get_by_text("Marked 1 comment as spam.")).to_be_visible()

    held.refresh_from_db()
    spam.refresh_from_db()
    assert (held.status, spam.status) == (Comment.Status.APPROVED, Comment.Status.SPAM)
    assert violations(page, refused) == []
