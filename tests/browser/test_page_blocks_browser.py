"""A page carries blocks as an article does: in real Chromium, an editor places a
library picture at the cursor in a page's body, saves, and readers find it there,
captioned and credited, with no Content Security Policy violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Page
from tests.browser.test_blocks_browser import cursor_after_first_paragraph
from tests.helpers.browser import log_in, violations, watch
from tests.helpers.factories import CaptionedImageFactory, UserFactory, make_page
from tests.helpers.html import soup

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("no_timed_autosaves"),
]


def test_an_image_placed_in_a_page_shows_there_for_readers(live_server, page):
    refused = watch(page)
    image = CaptionedImageFactory(
        title="The newsroom at night", caption="Our desk at 2am", credit="Ana Diaz"
    )
    about = make_page("About us", "about", body="<p>Who we are.</p><p>How we work.</p>")
    UserFactory(username="maya", is_staff=True, groups=["Editors"])
    log_in(page, live_server.url, "maya")
    page.goto(live_server.url + reverse("admin:articles_page_change", args=[about.pk]))
    editor = page.locator(".ProseMirror").filter(visible=True).first
    editor.wait_for()
    cursor_after_first_paragraph(page, editor)
    page.get_by_role("button", name="Place an image at the cursor").click()
    dialog = page.get_by_test_id("block-dialog")
    dialog.get_by_role("searchbox").fill("newsroom")
    dialog.get_by_role("button", name="The newsroom at night").click()
    expect(editor.get_by_test_id("prose-block-image").locator("figcaption")).to_have_text(
        "Our desk at 2am Pic: Ana Diaz"
    )
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert f'data-image="{image.pk}"' in Page.objects.get(pk=about.pk).body
    assert violations(page, refused) == []

    page.goto(live_server.url + "/about/")
    body = soup(page.content()).select_one(".article-body")
    assert [child.name for child in body.find_all(["p", "figure"], recursive=False)] == [
        "p",
        "figure",
        "p",
    ]
    assert "Pic: Ana Diaz" in body.find("figure").get_text()
    expect(page.locator(".article-body figure img")).to_be_visible()
    assert violations(page, refused) == []
