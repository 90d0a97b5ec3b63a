"""The Content Security Policy in real Chromium: the admin (with its nonces, the
prose editor's import map, the tag picker) and reader pages work under it, and
Chromium reports no violation anywhere."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from taggit.models import Tag

from articles.models import Article
from ops.demo.content import FLAGSHIP_SLUG
from tests.helpers.browser import log_in, violations, watch
from tests.helpers.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_article_page_works_under_the_policy(live_server, page):
    call_command("load_demo", "--no-editor")
    UserFactory(username="chief", is_staff=True, is_superuser=True)
    article = Article.objects.get(slug=FLAGSHIP_SLUG)
    refused = watch(page)
    base = live_server.url

    log_in(page, base, "chief")
    response = page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    policy = response.headers["content-security-policy"]
    assert "'nonce-" in policy
    assert "unsafe-inline" not in policy

    # The prose editor came up from its import map (an inline script with a
    # nonce) and edits the body.
    editor = page.locator(".ProseMirror").filter(visible=True).first
    editor.wait_for()
    # Focused, not clicked: the desk's banners arrive at the top of the form
    # (static/js/article-desk.js) and can move the editor under a click.
    editor.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Typed under a strict policy.")
    expect(editor).to_contain_text("Typed under a strict policy.")

    # The tag picker suggests existing tags as the editor types.
    other_tag = Tag.objects.exclude(pk__in=article.tags.all()).first()
    page.locator(".select2-selection--multiple").first.click()
    page.keyboard.type(other_tag.name[:4])
    page.locator(".select2-results__option", has_text=other_tag.name).first.wait_for()
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Save and continue editing").first.click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    article.refresh_from_db()
    assert "Typed under a strict policy." in article.body

    for path in ("/admin/", "/admin/articles/article/", "/admin/articles/captionedimage/add/"):
        page.goto(base + path)
    assert violations(page, refused) == []


def test_reader_pages_report_no_violation(live_server, page, settings):
    call_command("load_demo", "--no-editor")
    article = Article.objects.select_related("section").get(slug=FLAGSHIP_SLUG)
    refused = watch(page)
    base = live_server.url
    # The article twice: the second time from the page cache.
    for path in ("/", article.get_absolute_url(), article.get_absolute_url(), "/search/?q=crew"):
        response = page.goto(base + path)
        assert response.status == 200, path
        # JSON-LD is data, not script: it needs no nonce and gets none, so a
        # cached page holds none either.
        assert "nonce" not in page.content()
        assert "nonce" not in response.headers["content-security-policy"]
        if path != "/search/?q=crew":
            assert page.locator('script[type="application/ld+json"]').count() >= 1
        page.wait_for_load_state("networkidle")
    assert violations(page, refused) == []
