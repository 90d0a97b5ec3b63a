"""A gallery's lightbox and an embed's click-to-load in real Chromium, under the
site's Content Security Policy."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Gallery, GalleryImage
from tests.helpers.browser import violations, watch
from tests.helpers.factories import ArticleFactory, CaptionedImageFactory, place_block
from tests.helpers.oembed import YOUTUBE_ANSWER, jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAYER = "https://www.youtube-nocookie.com/"


def gallery_article():
    gallery = Gallery.objects.create(title="The harbour at dawn")
    for number in range(3):
        image = CaptionedImageFactory(
            caption=f"Boat number {number}", credit=f"Photographer {number}",
            alt_text=f"A teal boat, number {number}",
        )  # fmt: skip
        GalleryImage.objects.create(gallery=gallery, image=image, position=number)
    article = ArticleFactory(published=True)
    place_block(article, "gallery", 1, gallery=gallery.pk)
    return article


def test_the_gallery_lightbox_works_with_the_keyboard(live_server, page):
    article = gallery_article()
    refused = watch(page)
    page.goto(live_server.url + article.get_absolute_url())
    links = page.get_by_test_id("gallery").locator("[data-gallery-link]")
    expect(links).to_have_count(3)
    links.nth(1).focus()
    page.keyboard.press("Enter")
    lightbox = page.get_by_test_id("lightbox")
    expect(lightbox).to_be_visible()
    expect(lightbox.locator("figcaption")).to_have_text("Boat number 1 Pic: Photographer 1")
    expect(lightbox.locator("img")).to_have_attribute("alt", "A teal boat, number 1")
    expect(lightbox.locator(".lightbox-counter")).to_have_text("2 of 3")
    page.keyboard.press("ArrowRight")
    expect(lightbox.locator("figcaption")).to_have_text("Boat number 2 Pic: Photographer 2")
    page.keyboard.press("ArrowRight")  # past the last: back to the first
    expect(lightbox.locator(".lightbox-counter")).to_have_text("1 of 3")
    page.keyboard.press("ArrowLeft")
    expect(lightbox.locator(".lightbox-counter")).to_have_text("3 of 3")
    page.keyboard.press("Escape")
    expect(lightbox).to_be_hidden()
    # Focus is back on the picture that opened it.
    expect(links.nth(1)).to_be_focused()
    assert violations(page, refused) == []


def test_without_script_the_gallery_links_to_the_large_pictures(live_server, browser):
    article = gallery_article()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    link = page.get_by_test_id("gallery").locator("[data-gallery-link]").first
    href = link.get_attribute("href")
    assert re.search(r"\.(jpe?g|webp|png|avif)$", href)
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    context.close()


def test_an_embed_loads_the_player_only_after_a_click(live_server, page):
    article = ArticleFactory(published=True)
    place_block(
        article,
        "embed",
        1,
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        title="The minister's statement",
    )
    asked = []

    def player(route):
        asked.append(route.request.url)
        route.fulfill(
            body="<!doctype html><title>player</title><p>Player</p>", content_type="text/html"
        )

    # Any other outside address: recorded and refused (no network here anyway). Routes
    # registered later take precedence, so the player's own comes after.
    outside = []
    page.route(
        re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    page.route(PLAYER + "**", player)
    refused = watch(page)
    page.goto(live_server.url + article.get_absolute_url())
    embed = page.get_by_test_id("embed-youtube")
    expect(embed.get_by_text("The minister's statement")).to_be_visible()
    expect(embed.get_by_role("link", name="Open on YouTube")).to_have_attribute(
        "href", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    expect(embed.locator("iframe")).to_have_count(0)
    assert asked == []
    assert outside == []
    assert violations(page, refused) == []

    embed.get_by_role("button", name="Play the video").click()
    frame = embed.get_by_test_id("embed-player")
    expect(frame).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ")
    )
    expect(page.frame_locator("[data-testid=embed-player]").get_by_text("Player")).to_be_visible()
    assert len(asked) == 1
    assert violations(page, refused) == []


def test_without_script_an_embed_is_a_working_link(live_server, browser):
    article = ArticleFactory(published=True)
    place_block(article, "embed", 1, url="https://vimeo.com/76979871", title="A film")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    embed = page.get_by_test_id("embed-vimeo")
    expect(embed.get_by_role("button")).to_be_hidden()
    expect(embed.get_by_role("link", name="Open on Vimeo")).to_have_attribute(
        "href", "https://vimeo.com/76979871"
    )
    context.close()


def test_an_embeds_thumbnail_is_ours_and_the_player_loads_only_on_a_click(
    live_server, page, provider
):
    """The placeholder shows the provider's thumbnail from our own media, so the
    strict policy (img-src 'self') holds and the provider hears nothing until
    the reader clicks."""
    provider.answer("https://www.youtube.com/oembed?", YOUTUBE_ANSWER)
    provider.answer(YOUTUBE_ANSWER["thumbnail_url"], jpeg_bytes(), content_type="image/jpeg")
    article = ArticleFactory(published=True)
    place_block(
        article, "embed", 1, url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )  # a transactional test: its preview is fetched as the save commits
    asked, outside = [], []
    page.route(
        re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    page.route(
        PLAYER + "**",
        lambda route: (
            asked.append(route.request.url),
            route.fulfill(body="<!doctype html><p>Player</p>", content_type="text/html"),
        ),
    )
    refused = watch(page)
    page.goto(live_server.url + article.get_absolute_url())
    embed = page.get_by_test_id("embed-youtube")
    thumbnail = embed.get_by_test_id("embed-thumbnail")
    expect(thumbnail).to_be_visible()
    expect(thumbnail).to_have_attribute("src", re.compile(r"^/media/embeds/.+\.jpg$"))
    expect(thumbnail).to_have_js_property("naturalWidth", 480)  # loaded, from us
    expect(embed.locator(".embed-title")).to_have_text("The minister's statement in full")
    expect(embed.locator(".embed-provider")).to_have_text("YouTube · Parliament TV")
    expect(embed.locator("iframe")).to_have_count(0)
    assert asked == []
    assert outside == []
    assert violations(page, refused) == []

    embed.get_by_role("button", name="Play the video").click()
    expect(page.frame_locator("[data-testid=embed-player]").get_by_text("Player")).to_be_visible()
    assert len(asked) == 1
    assert outside == []
    assert violations(page, refused) == []
