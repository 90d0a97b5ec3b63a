"""An article's body: sanitised to the allowlist, composed with the blocks in it."""

import pytest

from articles import body, placed
from tests.helpers.factories import (
    ArticleFactory,
    RelatedLinkFactory,
)

pytestmark = pytest.mark.django_db


class TestBody:
    def test_sanitises_to_the_allowlist(self):
        dirty = (
            '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:x">x</a>'
            "<img src=x onerror=alert(1)></p><style>p{}</style>"
        )
        article = ArticleFactory(body=dirty)
        assert "script" not in article.body
        assert "onclick" not in article.body
        assert "javascript:" not in article.body
        assert "<img" not in article.body
        assert article.body.startswith("<p>Hi")

    def test_compose_draws_each_block_where_it_stands(self):
        article = ArticleFactory(body="<p>One</p><p>Two</p><p>Three</p>")
        RelatedLinkFactory(article=article, after_paragraph=2)
        RelatedLinkFactory(article=article, after_paragraph=0)
        RelatedLinkFactory(article=article, after_paragraph=99)  # beyond the end: at the end
        article.refresh_from_db()
        kinds = [
            block.kind if block.kind != "html" else str(block.html)
            for block in placed.pieces(article.body)
        ]
        assert kinds == [
            "related",
            "<p>One</p>",
            "<p>Two</p>",
            "related",
            "<p>Three</p>",
            "related",
        ]

    def test_loose_text_becomes_paragraphs(self):
        assert body.paragraphs("First line<br>Second <em>line</em>") == [
            "<p>First line</p>",
            "<p>Second <em>line</em></p>",
        ]

    def test_empty_editor_document_is_empty(self):
        assert body.sanitize("<p></p>") == ""
