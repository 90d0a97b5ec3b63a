"""A refused comment lands back at its form, at the article's own address, with
focus on the first mistake; long threads come in pages that link to each other."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment
from tests.helpers.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0


def test_a_refused_comment_lands_at_the_form_with_focus_on_the_mistake(live_server, page):
    article = ArticleFactory(published=True, headline="Ministers clash in Moscow")
    url = live_server.url + article.get_absolute_url()
    page.goto(url)
    form = page.locator("#respond form")
    words = "A long comment I would hate to type again.\n\nSecond paragraph."
    form.get_by_label("Comment").fill(words)
    form.get_by_label("Name").fill("Jane Reader")
    form.get_by_label("Email").fill("jane-at-example")
    form.get_by_role("button", name="Post Comment").click()

    expect(page).to_have_url(url + "#respond")  # the article's address, not /comments/post/
    email = page.locator("#respond").get_by_label("Email")
    expect(email).to_be_focused()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#respond")).to_be_in_viewport()
    expect(page.locator("#respond").get_by_label("Comment")).to_have_value(words)
    expect(page.locator("#respond").get_by_label("Name")).to_have_value("Jane Reader")
    expect(page.locator("#respond [role=alert]")).to_contain_text("your comment has been kept")

    # Corrected and sent again from there, it is stored.
    email.fill("jane@example.com")
    page.locator("#respond").get_by_role("button", name="Post Comment").click()
    expect(page.locator(".messages")).to_contain_text("awaiting moderation")
    assert Comment.objects.get().text == words.replace("\n", "\r\n")

    # A reload shows the article, not a form to post again or a browser error page.
    page.reload()
    expect(page.locator("#respond [aria-invalid=true]")).to_have_count(0)
    assert Comment.objects.count() == 1


def test_a_comment_sent_too_fast_lands_at_the_form_with_focus_on_the_message(
    live_server, page, settings
):
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 60
    article = ArticleFactory(published=True)
    url = live_server.url + article.get_absolute_url()
    page.goto(url)
    form = page.locator("#respond form")
    form.get_by_label("Comment").fill("Quick thoughts.")
    form.get_by_label("Name").fill("Jane Reader")
    form.get_by_label("Email").fill("jane@example.com")
    form.get_by_role("button", name="Post Comment").click()
    expect(page).to_have_url(url + "#respond")
    message = page.locator("#respond [role=alert]")
    expect(message).to_contain_text("press “Post Comment” to send it")
    expect(message).to_be_focused()
    expect(page.locator("#respond").get_by_label("Comment")).to_have_value("Quick thoughts.")
    assert not Comment.objects.exists()


def test_pages_of_comments_link_to_each_other(live_server, page, settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = 3
    settings.NEWSROOM_COMMENTS_DEFAULT_PAGE = "newest"
    article = ArticleFactory(published=True)
    start = timezone.now() - timedelta(days=1)
    comments = [
        Comment.objects.create(
            article=article,
            name=f"Reader {n}",
            email=f"r{n}@example.com",
            text=f"Comment number {n}.",
            status=Comment.Status.APPROVED,
            submitted_at=start + timedelta(minutes=n),
        )
        for n in range(8)
    ]
    url = live_server.url + article.get_absolute_url()
    page.goto(url)
    threads = page.locator(".comment-list > li")
    expect(threads).to_have_count(2)  # the newest page: comments 6 and 7
    expect(threads.first).to_contain_text("Comment number 6.")
    expect(page.locator(".comment-pages").first).to_contain_text("Page 3 of 3")

    page.get_by_role("link", name="← Older comments").first.click()
    expect(page).to_have_url(url + "?cpage=2#comments")
    expect(threads).to_have_count(3)
    expect(threads.first).to_contain_text("Comment number 3.")
    page.get_by_role("link", name="← Older comments").first.click()
    expect(page).to_have_url(url + "?cpage=1#comments")
    expect(threads.first).to_contain_text("Comment number 0.")
    expect(page.get_by_role("link", name="← Older comments")).to_have_count(0)

    # Reply stays on this page, under the comment.
    page.locator(f"#comment-{comments[1].pk}").get_by_role("link", name="Reply").click()
    expect(page).to_have_url(url + f"?cpage=1&replyto={comments[1].pk}#respond")
    expect(page.locator(f"#comment-{comments[1].pk} #respond")).to_be_visible()

    page.get_by_role("link", name="Newer comments →").first.click()
    expect(page).to_have_url(url + "?cpage=2#comments")
    page.get_by_role("link", name="Newer comments →").first.click()
    expect(page).to_have_url(url + "#comments")

    # A comment's permalink finds its page.
    page.goto(live_server.url + f"/comments/{comments[4].pk}/")
    expect(page).to_have_url(url + f"?cpage=2#comment-{comments[4].pk}")
    expect(page.locator(f"#comment-{comments[4].pk}")).to_be_in_viewport()


def test_a_held_reply_shows_under_its_comment_on_its_page_only(live_server, page, settings):
    settings.NEWSROOM_COMMENTS_PER_PAGE = 2
    article = ArticleFactory(published=True)
    start = timezone.now() - timedelta(days=1)
    first, *_ = [
        Comment.objects.create(
            article=article,
            name=f"Reader {n}",
            email=f"r{n}@example.com",
            text=f"Comment number {n}.",
            status=Comment.Status.APPROVED,
            submitted_at=start + timedelta(minutes=n),
        )
        for n in range(4)
    ]
    url = live_server.url + article.get_absolute_url()
    page.goto(f"{url}?cpage=1&replyto={first.pk}#respond")
    form = page.locator("#respond form")
    form.get_by_label("Comment").fill("My reply, held.")
    form.get_by_label("Name").fill("Jane Reader")
    form.get_by_label("Email").fill("jane@example.com")
    form.get_by_role("button", name="Post Comment").click()
    held = Comment.objects.get(text="My reply, held.")
    expect(page).to_have_url(f"{url}?cpage=1#comment-{held.pk}")
    expect(page.locator(f"#comment-{first.pk} #comment-{held.pk}")).to_contain_text(
        "awaiting moderation"
    )
    # The shared, cached pages: the script adds it under its comment on page 1, and
    # nowhere on the newest page.
    page.goto(url)
    # reader.js fills in the form token and the reader's held comments at once.
    expect(page.locator("#respond input[data-reader-token]")).not_to_have_value("")
    expect(page.locator(".comment-list > li")).to_have_count(2)
    expect(page.locator(f"#comment-{held.pk}")).to_have_count(0)
    page.goto(f"{url}?cpage=1")
    expect(page.locator(f"#comment-{first.pk} #comment-{held.pk}")).to_be_visible()
