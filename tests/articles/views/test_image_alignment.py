"""Pictures in the body sit where the editor aligned them: beside the text on the
left or right, centred, or full width (the default)."""

import pytest

from articles.models import ArticleImage
from tests.helpers.factories import ArticleFactory, ArticleImageFactory
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db


def body_figures(client, article):
    page = soup(client.get(article.get_absolute_url()))
    return page.select(".article-body figure.figure")


@pytest.mark.parametrize("alignment", ["left", "right", "center"])
def test_an_aligned_picture_carries_its_alignment(client, alignment):
    article = ArticleFactory(published=True, body="<p>One.</p><p>Two.</p>")
    ArticleImageFactory(article=article, alignment=alignment)
    (figure,) = body_figures(client, article)
    assert f"figure-{alignment}" in figure["class"]


def test_a_picture_is_full_width_unless_aligned(client):
    article = ArticleFactory(published=True, body="<p>One.</p><p>Two.</p>")
    ArticleImageFactory(article=article)
    (figure,) = body_figures(client, article)
    assert figure["class"] == ["figure"]
    assert ArticleImage.objects.get().get_alignment_display() == "Full width"


def test_changing_the_alignment_changes_the_page(client):
    article = ArticleFactory(published=True, body="<p>One.</p><p>Two.</p>")
    placed = ArticleImageFactory(article=article, alignment="left")
    assert "figure-left" in body_figures(client, article)[0]["class"]
    article.refresh_from_db()
    article.body = article.body.replace('data-align="left"', 'data-align="right"')
    article.save()
    placed = ArticleImage.objects.get(article=article)
    assert placed.alignment == "right"
    assert "figure-right" in body_figures(client, article)[0]["class"]
