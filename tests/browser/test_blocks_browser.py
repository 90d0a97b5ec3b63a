"""Blocks in the body editor, in real Chromium under the Content Security Policy:
an editor places a library image and a related story (and a gallery and an embed)
at the cursor between two paragraphs, sees them in the editor as readers will
(picture, caption, "Pic: credit"; the teaser's headline; the gallery's pictures;
the embed's provider), saves, and finds them at that place on the public page.
A picture file pasted or dropped into the text is uploaded, described, added to
the library and placed where it went in. No CSP violation anywhere."""

import base64

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, ArticleImage, Gallery, GalleryImage, RelatedLink
from images.models import CaptionedImage
from tests.helpers.browser import log_in, violations, watch
from tests.helpers.factories import (
    ArticleFactory,
    CaptionedImageFactory,
    UserFactory,
    picture_file,
    place_block,
)
from tests.helpers.html import soup

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("no_timed_autosaves"),
]

# A picture file put into the editor as the clipboard or a drag would carry it.
CARRY = """(editor, [how, data]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const file = new File([bytes], "harbour.jpg", {type: "image/jpeg"});
  const transfer = new DataTransfer();
  transfer.items.add(file);
  const box = editor.getBoundingClientRect();
  const event = how === "paste"
    ? new ClipboardEvent("paste", {clipboardData: transfer, bubbles: true, cancelable: true})
    : new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true,
                             clientX: box.left + 10, clientY: box.bottom - 5});
  editor.dispatchEvent(event);
}"""


def open_article(page, live_server, article):
    UserFactory(username="maya", is_staff=True, groups=["Editors"])
    log_in(page, live_server.url, "maya")
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    editor = page.locator(".ProseMirror").filter(visible=True).first
    editor.wait_for()
    # The desk's status banner goes in at the top of the form once its script
    # has started (static/js/article-desk.js): after it, nothing moves under a click.
    page.locator(".desk-status").wait_for(state="attached")
    return editor


def caret_in(editor, text):
    """Wait until the editor has taken the caret into the paragraph reading `text`:
    Chromium reports a click's new selection to the page a moment later, and a key
    pressed before that would act at the old place."""
    editor.page.wait_for_function(
        "([element, text]) => element.editor.state.selection.$from.parent.textContent === text",
        arg=[editor.element_handle(), text],
    )


def cursor_after_first_paragraph(page, editor):
    first = editor.locator("p").first
    first.click()
    caret_in(editor, first.text_content())
    page.keyboard.press("End")


def place_from_search(page, editor, button, term, result):
    """Put the cursor after the first paragraph, open the block's dialog with the
    toolbar's `button`, search for `term` and choose `result`."""
    cursor_after_first_paragraph(page, editor)
    page.get_by_role("button", name=button).click()
    dialog = page.get_by_test_id("block-dialog")
    dialog.get_by_role("searchbox").fill(term)
    dialog.get_by_role("button", name=result).click()


def save(page):
    # Leaving the body autosaves it (static/js/article-desk.js): that answered
    # first, as every preview, since the test database (SQLite, shared in memory)
    # refuses a write while another request holds a table.
    page.locator("#id_headline").focus()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def test_image_and_related_story_placed_at_the_cursor_show_there_for_readers(live_server, page):
    refused = watch(page)
    image = CaptionedImageFactory(
        title="Divers at the pier", caption="Divers at work", credit="Les Whitfield"
    )
    target = ArticleFactory(published=True, headline="Cable patrols stepped up")
    article = ArticleFactory(published=True, body="<p>First paragraph.</p><p>Second paragraph.</p>")
    editor = open_article(page, live_server, article)

    place_from_search(page, editor, "Place an image at the cursor", "divers", "Divers at the pier")
    placed = editor.get_by_test_id("prose-block-image")
    expect(placed.locator("figcaption")).to_have_text("Divers at work Pic: Les Whitfield")
    expect(placed.locator("img")).to_be_visible()

    place_from_search(
        page, editor, "Place a related story at the cursor", "cable", "Cable patrols stepped up"
    )
    expect(editor.get_by_test_id("prose-block-related")).to_contain_text("Cable patrols stepped up")
    # Right alignment for the picture, from its block's own control.
    placed.get_by_label("Alignment").select_option("right")
    save(page)

    article.refresh_from_db()
    assert f'data-image="{image.pk}" data-align="right"' in article.body
    assert ArticleImage.objects.get(article=article).image == image
    assert RelatedLink.objects.get(article=article).target == target
    page.goto(live_server.url + article.get_absolute_url())
    body = soup(page.content()).select_one(".article-body")
    order = [
        element.name if element.name != "p" else element.get_text()
        for element in body.find_all(["p", "figure", "aside"], recursive=False)
    ]
    assert order == ["First paragraph.", "aside", "figure", "Second paragraph."]
    figure = body.find("figure", recursive=False)
    assert figure.figcaption.get_text(" ", strip=True) == "Divers at work Pic: Les Whitfield"
    assert "figure-right" in figure["class"]
    assert body.find("aside").a["href"] == target.get_absolute_url()
    assert violations(page, refused) == []


@pytest.mark.parametrize("how", ["paste", "drop"])
def test_a_picture_file_pasted_or_dropped_is_uploaded_and_placed(live_server, page, how):
    refused = watch(page)
    article = ArticleFactory(published=True, body="<p>First paragraph.</p><p>Second paragraph.</p>")
    editor = open_article(page, live_server, article)
    cursor_after_first_paragraph(page, editor)
    jpeg = base64.b64encode(picture_file(640, 480, name="harbour.jpg").read()).decode()
    editor.evaluate(CARRY, [how, jpeg])

    dialog = page.get_by_test_id("block-dialog")
    expect(dialog.get_by_role("status")).to_contain_text("Uploaded: harbour.jpg")
    # Without the alt text it is refused, and the upload is kept.
    dialog.get_by_label("Caption").fill("The harbour at dawn")
    dialog.get_by_role("button", name="Add and place it").click()
    expect(dialog.locator("[data-field='alt_text']")).to_be_visible()
    dialog.get_by_label("Alt text", exact=False).fill("Boats moored in the harbour")
    dialog.get_by_role("button", name="Add and place it").click()
    expect(editor.get_by_test_id("prose-block-image").locator("figcaption")).to_have_text(
        "The harbour at dawn"
    )
    save(page)

    image = CaptionedImage.objects.get()
    assert image.alt_text == "Boats moored in the harbour"
    article.refresh_from_db()
    assert f'data-image="{image.pk}"' in article.body
    assert Article.objects.get(pk=article.pk).figures.get().image == image
    assert violations(page, refused) == []


def test_a_gallery_and_an_embed_placed_at_the_cursor_show_there_for_readers(live_server, page):
    refused = watch(page)
    gallery = Gallery.objects.create(title="Along the coast")
    for position, caption in enumerate(("The pier", "The lighthouse")):
        image = CaptionedImageFactory(caption=caption, credit="Les Whitfield")
        GalleryImage.objects.create(gallery=gallery, image=image, position=position)
    article = ArticleFactory(published=True, body="<p>First paragraph.</p><p>Second paragraph.</p>")
    editor = open_article(page, live_server, article)

    place_from_search(page, editor, "Place a gallery at the cursor", "coast", "Along the coast")
    expect(editor.get_by_test_id("block-gallery")).to_contain_text("(2 pictures)")

    cursor_after_first_paragraph(page, editor)
    page.get_by_role("button", name="Embed a video, post, chart or sound at the cursor").click()
    dialog = page.get_by_test_id("block-dialog")
    dialog.get_by_label("Address", exact=False).fill("https://example.org/not-a-player")
    dialog.get_by_role("button", name="Embed it").click()
    expect(dialog.locator(".errornote")).to_contain_text("This address cannot be embedded")
    dialog.get_by_label("Address", exact=False).fill("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    dialog.get_by_label("Title", exact=False).fill("The minister's statement")
    dialog.get_by_role("button", name="Embed it").click()
    expect(editor.get_by_test_id("block-embed")).to_contain_text("YouTube")
    save(page)

    page.goto(live_server.url + article.get_absolute_url())
    body = soup(page.content()).select_one(".article-body")
    order = [
        element.get("data-testid") or element.get_text()
        for element in body.find_all(["p", "figure"], recursive=False)
    ]
    assert order == ["First paragraph.", "embed-youtube", "gallery", "Second paragraph."]
    assert "The minister's statement" in body.get_text()
    assert violations(page, refused) == []


def test_a_block_is_cut_and_pasted_to_another_place(live_server, page):
    refused = watch(page)
    image = CaptionedImageFactory(caption="Divers at work", credit="Les Whitfield")
    article = ArticleFactory(published=True, body="<p>First.</p><p>Second.</p><p>Third.</p>")
    place_block(article, "image", after=1, image=image.pk)
    editor = open_article(page, live_server, article)
    block = editor.get_by_test_id("prose-block-image")
    expect(block.locator("figcaption")).to_have_text("Divers at work Pic: Les Whitfield")

    # A click on the picture selects the block; cut it, click at the end of the
    # last paragraph, paste.
    block.locator("figcaption").click()
    page.keyboard.press("Control+x")
    expect(block).to_have_count(0)
    last = editor.locator("p", has_text="Third.")
    box = last.bounding_box()
    last.click(position={"x": box["width"] - 2, "y": box["height"] / 2})
    caret_in(editor, "Third.")
    page.keyboard.press("Control+v")
    expect(block.locator("figcaption")).to_have_text("Divers at work Pic: Les Whitfield")
    save(page)

    page.goto(live_server.url + article.get_absolute_url())
    body = soup(page.content()).select_one(".article-body")
    order = [
        element.name if element.name != "p" else element.get_text()
        for element in body.find_all(["p", "figure"], recursive=False)
    ]
    assert order == ["First.", "Second.", "Third.", "figure"]
    assert body.find("figure").figcaption.get_text(" ", strip=True) == (
        "Divers at work Pic: Les Whitfield"
    )
    assert violations(page, refused) == []
