"""Liking in real Chromium: the script updates the page in place, and when its
request fails the plain form is sent instead."""

import pytest
from playwright.sync_api import expect

from articles.models import Like
from tests.helpers.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_likes_and_unlikes_without_a_page_load(live_server, page):
    article = ArticleFactory(published=True, like_count=4)
    page.goto(live_server.url + article.get_absolute_url())
    likes = page.get_by_role("region", name="Likes")
    button = likes.locator(".like-button")
    count = likes.locator(".likes-count")
    expect(count).to_have_text("4 readers like this")
    expect(button).to_have_text("♥ Like")
    page.evaluate("window.samePage = true")

    button.click()
    expect(count).to_have_text("5 readers like this")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_text("♥ Unlike")
    assert Like.objects.filter(article=article).count() == 1

    button.click()
    expect(count).to_have_text("4 readers like this")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_have_text("♥ Like")
    assert Like.objects.filter(article=article).count() == 0
    assert page.evaluate("window.samePage") is True
    expect(page.locator(".message")).to_have_count(0)


def test_when_the_script_fails_the_form_is_posted(live_server, page):
    article = ArticleFactory(published=True)

    def refuse_the_script(route):
        if route.request.headers.get("accept") == "application/json":
            route.abort()
        else:
            route.continue_()

    page.route("**/like/**", refuse_the_script)
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("button", name="Like").click()
    page.wait_for_url("**#likes")
    expect(page.locator(".message")).to_have_text("You like this article.")
    expect(page.locator(".likes-count")).to_have_text("1 reader likes this")
    expect(page.locator(".like-button")).to_have_attribute("aria-pressed", "true")
    assert Like.objects.filter(article=article).count() == 1


def test_a_click_before_the_page_has_its_tokens_waits_for_them(live_server, page):
    """The cached page gets its CSRF token from /reader/; a reader who clicks
    before it arrives is not sent to the no-JavaScript confirmation."""
    article = ArticleFactory(published=True)
    held = []
    page.route("**/reader/**", lambda route: held.append(route))
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("button", name="Like").click()
    page.wait_for_timeout(300)
    assert Like.objects.filter(article=article).count() == 0  # still waiting
    held[0].continue_()
    expect(page.locator(".likes-count")).to_have_text("1 reader likes this")
    expect(page.locator(".message")).to_have_count(0)
    assert Like.objects.filter(article=article).count() == 1
