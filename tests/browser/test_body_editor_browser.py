"""The body editor in real Chromium, under the Content Security Policy: it starts
tall enough to write in, counts words and characters, turns straight quotes
curly, and a paste from a word processor keeps its headings (H1 → H2 …), lists
and table without inline styles, uploading the picture it carries and naming the
one it cannot reach. No CSP violation anywhere."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from tests.helpers.browser import log_in, violations, watch
from tests.helpers.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("no_timed_autosaves"),
]

FIXTURE = Path(__file__).parent / "fixtures" / "word-paste.html"

PASTE = """(editor, html) => {
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "pasted");
  const options = {clipboardData: data, bubbles: true, cancelable: true};
  editor.dispatchEvent(new ClipboardEvent("paste", options));
}"""


def open_new_article(page, live_server):
    UserFactory(username="maya", is_staff=True, groups=["Editors"])
    log_in(page, live_server.url, "maya")
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    editor = page.locator(".ProseMirror").filter(visible=True).first
    editor.wait_for()
    return editor


def test_counts_words_and_curls_quotes_as_you_type(live_server, page):
    refused = watch(page)
    editor = open_new_article(page, live_server)
    count = page.get_by_test_id("body-count")
    expect(count).to_have_text("0 words · 0 characters")
    # A sensible height to write in, not a one-line box.
    assert editor.bounding_box()["height"] >= 300

    editor.click()
    page.keyboard.type("The mayor said \"we're ready\" and 'that's that'.")
    expect(editor).to_contain_text("The mayor said “we’re ready” and ‘that’s that’.")
    expect(count).to_have_text("8 words · 47 characters")
    page.keyboard.press("Enter")
    page.keyboard.type("Second paragraph here.")
    expect(count).to_have_text("11 words · 69 characters")
    page.locator("#id_headline").fill("The mayor is ready")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Article.objects.get().body == (
        "<p>The mayor said “we’re ready” and ‘that’s that’.</p><p>Second paragraph here.</p>"
    )
    assert violations(page, refused) == []


def test_paste_from_a_word_processor_keeps_structure_and_reports_pictures(live_server, page):
    refused = watch(page)
    editor = open_new_article(page, live_server)
    page.locator("#id_headline").fill("Harbour inquiry")
    editor.click()
    editor.evaluate(PASTE, FIXTURE.read_text())

    # Headings move down one level (H1 → H2 …), within the H2–H4 the body allows.
    expect(editor.locator("h2")).to_have_text(["Harbour inquiry opens"])
    expect(editor.locator("h3")).to_have_text(["What the divers found"])
    expect(editor.locator("h4")).to_have_text(["Timeline", "Further reading"])
    # Word's paragraph "lists" become a real list; real lists stay lists.
    expect(editor.locator("ul > li")).to_have_text(
        ["Cracked pilings", "Rusted tie rods", "A missing inspection log"]
    )
    expect(editor.locator("ol > li")).to_have_text(["Inspection in March", "Collapse in June"])
    # The table keeps its cells apart.
    expect(editor.locator("table tr")).to_have_count(3)
    expect(editor.locator("table tr").nth(1).locator("td, th")).to_have_text(
        ["North pier", "1962", "2019"]
    )
    expect(editor.locator("strong", has_text="three witnesses")).to_have_count(1)
    # Word's inline styles are gone (the editor styles its own tables and numbered
    # lists through the CSSOM, which the policy allows).
    expect(editor.locator("[style]:not(table, colgroup, col, ol)")).to_have_count(0)

    # The picture the paste carried is uploaded; the one Word kept is named.
    notice = page.get_by_test_id("paste-notice")
    expect(notice).to_contain_text("Picture 1 from the paste is uploaded")
    expect(notice).to_contain_text(
        "Picture 2 from the paste (“The north pier”) was not brought over"
    )
    add_link = notice.get_by_role("link", name="add it to the image library")
    href = add_link.get_attribute("href")
    assert href.startswith(reverse("admin:images_captionedimage_add") + "?stashed_upload=")

    expect(page.get_by_test_id("body-count")).to_contain_text("words")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    body = Article.objects.get().body
    for kept in ("<h2>Harbour inquiry opens</h2>", "<h4>Timeline</h4>", "<li><p>Rusted tie rods",
                 '<figure class="table"><table>', "<td><p>South pier</p></td>"):  # fmt: skip
        assert kept in body, body
    assert "style" not in body
    assert "<img" not in body

    # The uploaded picture opens in the library's form, kept: only its words are asked for.
    page.goto(live_server.url + href)
    expect(page.get_by_test_id("kept-upload")).to_contain_text("pasted-picture-1.png")
    expect(page.get_by_label("Alt text")).to_have_value("Map of the harbour")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert violations(page, refused) == []
