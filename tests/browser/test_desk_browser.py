"""The editors' desk in real Chromium under the strict CSP: a draft saved with only
a headline, an autosave restored after the tab was closed (and the warning before
leaving unsaved changes), and the edit-lock notice for a second session."""

import pytest
from playwright.sync_api import expect

from articles.editorial import workflow
from articles.models import Article, Autosave
from tests.helpers.browser import log_in, violations, watch
from tests.helpers.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("no_timed_autosaves"),
]


def test_a_draft_with_only_a_headline(live_server, page):
    UserFactory(username="writer", is_staff=True, groups=["Writers"])
    refused = watch(page)
    log_in(page, live_server.url, "writer")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.get_by_label("Headline:", exact=True).fill("Harbour fire: first notes")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get()
    assert (article.status, article.section, article.slug) == (
        Article.Status.DRAFT,
        None,
        "harbour-fire-first-notes",
    )
    assert violations(page, refused) == []


def test_an_autosave_comes_back_after_the_tab_is_closed(live_server, browser):
    UserFactory(username="writer", is_staff=True, groups=["Writers"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused = watch(page)
    base = live_server.url
    log_in(page, base, "writer")
    page.goto(f"{base}/admin/articles/article/add/")
    body = page.locator(".ProseMirror").filter(visible=True).first
    body.click()
    page.keyboard.type("Flames were seen above the harbour at dawn.")
    page.get_by_label("Headline:", exact=True).fill("Harbour fire")
    page.get_by_label("Standfirst:", exact=True).click()  # leaving the field autosaves
    status = page.locator(".desk-status")
    expect(status).to_contain_text("Autosaved at")
    assert violations(page, refused) == []
    page.close()
    assert not Article.objects.exists()  # an autosave is never the article

    page = context.new_page()
    refused = watch(page)
    page.goto(f"{base}/admin/articles/article/add/")
    offer = page.locator(".desk-offer")
    expect(offer).to_contain_text("Restore the autosave from")
    offer.get_by_role("button", name="Restore").click()
    expect(page.get_by_label("Headline:", exact=True)).to_have_value("Harbour fire")
    body = page.locator(".ProseMirror").filter(visible=True).first
    expect(body).to_contain_text("Flames were seen above the harbour at dawn.")

    # Restored words are unsaved: leaving asks first, and staying keeps them.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Articles").last.click()
    expect(page.get_by_label("Headline:", exact=True)).to_have_value("Harbour fire")
    assert asked == ["beforeunload"]

    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get()
    assert article.headline == "Harbour fire"
    assert "Flames were seen above the harbour at dawn." in article.body
    assert not Autosave.objects.exists()
    assert violations(page, refused) == []
    context.close()


def test_a_second_session_is_told_who_is_editing(live_server, browser):
    maya = UserFactory(
        username="maya", is_staff=True, groups=["Editors"], first_name="Maya", last_name="Okafor"
    )
    UserFactory(
        username="tom", is_staff=True, groups=["Editors"], first_name="Tom", last_name="Reed"
    )
    article = workflow.save(ArticleFactory(headline="Harbour wall"), maya)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    pages = {}
    for name in ("maya", "tom"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pages[name] = (context.new_page(), context)
    first, second = pages["maya"][0], pages["tom"][0]
    refused = watch(first) + watch(second)
    log_in(first, live_server.url, "maya")
    first.goto(url)
    expect(first.get_by_label("Headline:", exact=True)).to_have_value("Harbour wall")

    log_in(second, live_server.url, "tom")
    second.goto(url)
    notice = second.get_by_test_id("edit-lock")
    expect(notice).to_contain_text("Maya Okafor is editing this article since")
    second.get_by_role("button", name="Take over").click()
    expect(second.locator(".messagelist")).to_contain_text("You are editing this article now.")
    expect(second.get_by_test_id("edit-lock")).to_have_count(0)

    # Maya's page hears of it with its next autosave.
    first.get_by_label("Headline:", exact=True).fill("Harbour wall: repairs begin")
    first.get_by_label("Standfirst:", exact=True).click()
    expect(first.get_by_test_id("edit-lock-taken")).to_contain_text(
        "Tom Reed took over this article at"
    )
    assert violations(first, []) == []
    assert violations(second, []) == []
    assert refused == []
    for _, context in pages.values():
        context.close()
