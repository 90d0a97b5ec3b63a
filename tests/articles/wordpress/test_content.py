"""What a post's text becomes: the body, the standfirst, and what the summary says."""

import pytest

from articles.models import Article
from tests.test_wordpress import EXPORTS, run_import

pytestmark = pytest.mark.django_db


def test_nested_cdata_is_kept_as_text(client):
    run_import(EXPORTS / "nested-cdata.xml")
    article = Article.objects.get()
    assert article.headline == "Nested <![CDATA[ title ]]>"
    assert article.body == (
        "<p>Content with nested &lt;![CDATA[ tags ]]&gt; :)</p>"
        "<p>A second paragraph with <strong>&lt;![CDATA[x]]&gt;</strong> in bold.</p>"
    )
    assert article.standfirst.startswith("Content with nested <![CDATA[ tags ]]> :)")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Content with nested &lt;![CDATA[ tags ]]&gt; :)" in page


def test_automatic_standfirsts_are_clean_plain_text(client):
    run_import(EXPORTS / "first-words.xml")
    comments = Article.objects.get(slug="comments")
    assert comments.standfirst == (
        "Turn comments on in Settings > Discussion & try again. This is a WordPress post. "
        "It has a line break."
    )
    lists = Article.objects.get(slug="lists")
    assert lists.standfirst == "Before the list: one two three After “quotes”."
    page = client.get(comments.get_absolute_url()).content.decode()
    assert "Settings &gt; Discussion &amp; try again." in page
    assert "&amp;gt;" not in page
