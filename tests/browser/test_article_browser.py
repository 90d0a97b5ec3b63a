"""What a reader sees of the demo article, in real Chromium."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article
from ops.demo.content import FLAGSHIP_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_reads_the_demo_article(live_server, page):
    call_command("load_demo", "--no-editor")
    article = Article.objects.select_related("section").get(slug=FLAGSHIP_SLUG)
    page.goto(live_server.url + article.get_absolute_url())

    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    assert breadcrumbs.get_by_role("link").all_inner_texts() == ["Home", "World News"]
    assert breadcrumbs.locator("[aria-current=page]").inner_text() == article.headline
    assert page.get_by_role("heading", level=1).inner_text() == article.headline
    assert page.locator(".standfirst").inner_text() == article.standfirst
    assert page.get_by_role("link", name="Maya Okafor").first.is_visible()

    # Both inline pictures load and carry their credit.
    captions = page.locator(".article-body figcaption").all_inner_texts()
    assert len(captions) == 2
    assert all("Pic: " in c for c in captions)
    for image in page.locator(".article-body figure img").all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0

    related = page.locator(".related-inline").all_inner_texts()
    assert len(related) == 4
    assert any("Government translator detained" in r for r in related)
    assert page.get_by_text("More follows…").is_visible()
    assert page.get_by_role("heading", name="About Maya Okafor").is_visible()
    check_also = page.get_by_role("complementary", name="Check Also")
    assert "Private crew lands safely" in check_also.inner_text()

    # No layout overflow on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Follow the breadcrumb to the section, then a related story.
    page.set_viewport_size({"width": 1280, "height": 900})
    breadcrumbs.get_by_role("link", name="World News").click()
    page.wait_for_url("**/section/world-news/")
    assert page.get_by_role("heading", level=1).inner_text() == "World News"
    page.get_by_role("link", name=article.headline).first.click()
    page.get_by_role("link", name="Government translator detained", exact=False).first.click()
    assert "translator" in page.get_by_role("heading", level=1).inner_text().lower()
