"""Blocks in the body (articles/blocks.py): the sanitiser keeps exactly the block
elements and attributes, with only the values they may have; the reader's page
draws each block where it stands, and a block naming something gone shows nothing."""

import pytest

from articles import body
from articles.models import ArticleImage, RelatedLink
from tests.helpers.factories import ArticleFactory, CaptionedImageFactory
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db

IMAGE = '<figure data-block="image" data-image="42" data-align="left"></figure>'


class TestSanitiser:
    def test_keeps_each_kind_of_block(self):
        kept = [
            IMAGE,
            '<aside data-block="related" data-article="17"></aside>',
            '<aside data-block="related" data-url="https://example.org/x" '
            'data-headline="Elsewhere" data-image="3"></aside>',
            '<figure data-block="gallery" data-gallery="3"></figure>',
            '<figure data-block="embed" data-url="https://youtu.be/abc" data-title="A talk">'
            "</figure>",
        ]
        for markup in kept:
            assert body.sanitize(f"<p>a</p>{markup}<p>b</p>") == f"<p>a</p>{markup}<p>b</p>"

    def test_removes_what_a_block_may_not_carry(self):
        dirty = (
            '<figure data-block="image" data-image="42" data-align="sideways" '
            'onclick="x()" class="evil" data-secret="1"><img src="x"><p>inside</p></figure>'
        )
        assert body.sanitize(dirty) == '<figure data-block="image" data-image="42"></figure>'

    @pytest.mark.parametrize(
        "markup",
        [
            '<figure data-block="image" data-image="4x"></figure>',
            '<figure data-block="image"></figure>',
            '<figure data-block="embed" data-url="javascript:alert(1)"></figure>',
            '<aside data-block="related" data-url="https://example.org/"></aside>',
            '<aside data-block="image" data-image="1"></aside>',
            '<figure data-block="script" data-image="1"></figure>',
        ],
    )
    def test_drops_a_block_that_names_nothing_it_may_show(self, markup):
        assert "data-block" not in body.sanitize(f"<p>a</p>{markup}")

    def test_an_aside_that_is_no_block_keeps_only_its_words(self):
        assert body.sanitize("<aside><p>Words</p></aside>") == "<p>Words</p>"

    def test_a_table_figure_is_still_a_table(self):
        markup = f"{IMAGE}<table><tr><td>1</td></tr></table>"
        assert body.sanitize(markup) == (
            f'{IMAGE}<figure class="table"><table><tbody><tr><td>1</td></tr></tbody></table>'
            "</figure>"
        )

    def test_texts_are_escaped(self):
        markup = (
            '<figure data-block="embed" data-url="https://youtu.be/a" data-title="<b>&"></figure>'
        )
        assert 'data-title="&lt;b&gt;&amp;"' in body.sanitize(markup)

    def test_idempotent(self):
        markup = body.sanitize(
            f"<p>x</p>{IMAGE}<aside data-block='related' data-article='2'>t</aside>"
        )
        assert body.sanitize(markup) == markup


class TestReaderPage:
    def test_blocks_are_drawn_where_they_stand_and_rows_follow(self, client):
        image = CaptionedImageFactory(caption="Divers at work", credit="Les Whitfield")
        target = ArticleFactory(published=True, headline="Cable patrols stepped up")
        article = ArticleFactory(
            published=True,
            body=f'<p>One.</p><figure data-block="image" data-image="{image.pk}" '
            f'data-align="right"></figure><p>Two.</p>'
            f'<aside data-block="related" data-article="{target.pk}"></aside><p>Three.</p>',
        )
        page = soup(client.get(article.get_absolute_url()))
        body_element = page.select_one(".article-body")
        order = [
            element.name if element.name != "p" else element.get_text()
            for element in body_element.find_all(["p", "figure", "aside"], recursive=False)
        ]
        assert order == ["One.", "figure", "Two.", "aside", "Three."]
        figure = body_element.find("figure", recursive=False)
        assert figure.figcaption.get_text(" ", strip=True) == "Divers at work Pic: Les Whitfield"
        assert "figure-right" in figure["class"]
        assert body_element.find("aside").find("a")["href"] == target.get_absolute_url()
        assert "data-block" not in str(body_element)
        placed = ArticleImage.objects.get(article=article)
        assert (placed.image, placed.alignment, placed.after_paragraph) == (image, "right", 1)
        assert RelatedLink.objects.get(article=article).target == target

    def test_a_block_naming_something_missing_or_hidden_shows_nothing(self, client):
        draft = ArticleFactory(headline="Secret draft headline")
        article = ArticleFactory(
            published=True,
            body='<p>One.</p><figure data-block="image" data-image="999999"></figure>'
            '<figure data-block="gallery" data-gallery="999999"></figure>'
            f'<aside data-block="related" data-article="{draft.pk}"></aside>'
            '<figure data-block="embed" data-url="https://example.org/not-a-player"></figure>'
            "<p>Two.</p>",
        )
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        body_element = soup(response).select_one(".article-body")
        assert [p.get_text() for p in body_element.find_all("p")] == ["One.", "Two."]
        assert body_element.find("figure") is None
        assert body_element.find("aside") is None
        assert "Secret draft headline" not in response.content.decode()
