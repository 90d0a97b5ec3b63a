"""How an article page is laid out, in real Chromium, on a phone and a desktop."""

import pytest

from tests.helpers.factories import ArticleFactory, ArticleImageFactory, CaptionedImageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def laid_out_article():
    pick = ArticleFactory(published=True, headline="Crew returns from the edge of space")
    laid_out_article = ArticleFactory(
        published=True,
        headline="Ministers clash over cyber attacks",
        lead_image=CaptionedImageFactory(caption="The two ministers", credit="Anna Kerr"),
        check_also=pick,
    )
    ArticleImageFactory(
        article=laid_out_article,
        image=CaptionedImageFactory(caption="Divers at the harbour", credit="Les Whitfield"),
    )
    return laid_out_article


def test_check_also_comes_right_after_the_article_and_before_the_comments(
    live_server, browser, laid_out_article
):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + laid_out_article.get_absolute_url())
    story = page.locator("article.article").bounding_box()
    check_also = page.get_by_role("complementary", name="Check Also").bounding_box()
    comments = page.get_by_role("region", name="No comments yet").bounding_box()
    assert story["y"] + story["height"] <= check_also["y"]
    assert check_also["y"] + check_also["height"] <= comments["y"]
    context.close()


def test_check_also_sits_beside_the_article_on_a_wide_screen(live_server, page, laid_out_article):
    page.goto(live_server.url + laid_out_article.get_absolute_url())
    story = page.locator("article.article").bounding_box()
    check_also = page.get_by_role("complementary", name="Check Also").bounding_box()
    comments = page.locator("#comments").bounding_box()
    assert check_also["x"] >= story["x"] + story["width"]
    assert check_also["y"] < story["y"] + story["height"]
    assert comments["x"] == story["x"]
    assert comments["y"] >= story["y"] + story["height"]


def test_every_caption_has_the_same_style(live_server, page, laid_out_article):
    page.goto(live_server.url + laid_out_article.get_absolute_url())
    lead = page.locator(".figure-lead figcaption")
    body = page.locator(".article-body figure figcaption")
    assert "The two ministers Pic: Anna Kerr" in lead.inner_text()
    assert "Divers at the harbour Pic: Les Whitfield" in body.inner_text()
    style = (
        "el => ['fontFamily', 'fontSize', 'lineHeight', 'color'].map(p => getComputedStyle(el)[p])"
    )
    assert lead.evaluate(style) == body.evaluate(style)
    credit = "el => getComputedStyle(el).fontFamily"
    assert lead.locator(".credit").evaluate(credit) == body.locator(".credit").evaluate(credit)
