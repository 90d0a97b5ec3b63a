"""Tables, code, poems, rules, sub- and superscripts and definition lists survive the
import, and the reader sees them."""

import pytest

from articles.body import sanitize
from articles.models import Article
from tests.helpers.html import soup
from tests.helpers.wordpress import EXPORTS, picture, prose, run_import

pytestmark = pytest.mark.django_db

RICH = EXPORTS / "rich-content.xml"


@pytest.fixture
def imported():
    summary, _ = run_import(RICH)
    return summary


def page_of(client, slug):
    article = Article.objects.get(slug=slug)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return article, response.content.decode()


def test_tables_are_kept_in_a_scrolling_figure(imported, client):
    article, page = page_of(client, "markup-html-tags")
    assert (
        '<figure class="table"><table><thead><tr><th>Employee</th><th>Salary</th><th></th>'
        "</tr></thead><tbody><tr><td>"
    ) in article.body
    assert '<td colspan="2">Jane Bloggs</td><td rowspan="1">$100K</td>' in article.body
    assert '<figure class="table"><table><thead><tr><th>Employee</th>' in page
    assert "<td>Because that's all Steve Jobs needed for a salary.</td>" in page.replace(
        "&#x27;", "'"
    )
    blocks, block_page = page_of(client, "blocks")
    assert (
        '<figure class="table"><table><tbody><tr><td>Tea</td><td>£1</td></tr>'
        "<tr><td>Cake</td><td>£2</td></tr></tbody></table></figure><p>Prices at the fete</p>"
    ) in blocks.body
    assert "<td>Cake</td><td>£2</td>" in block_page
    assert "<table>" not in imported  # not listed as HTML the body cannot hold


def test_code_and_poems_keep_their_lines(imported, client):
    article, page = page_of(client, "markup-html-tags")
    poem = (
        "<pre>Twas brillig, and the slithy toves\n  Did gyre and gimble in the wabe;\n"
        "All mimsy were the borogoves.</pre>"
    )
    assert poem in article.body
    assert poem in page
    assert "<p>Inline <code>print(&quot;hello&quot;)</code> code.</p>" in page.replace(
        "&#34;", "&quot;"
    ).replace('print("hello")', "print(&quot;hello&quot;)")
    _, block_page = page_of(client, "blocks")
    assert '<pre><code>def hello():\n    return "world"</code></pre>' in block_page.replace(
        "&quot;", '"'
    ).replace("&#34;", '"')


def test_superscripts_subscripts_and_rules(imported, client):
    article, page = page_of(client, "markup-html-tags")
    assert "<p>E = MC<sup>2</sup> and H<sub>2</sub>O.</p>" in page
    assert "<hr>" in page
    assert "<hr><p>Image: A boat on the right" in article.body
    blocks, block_page = page_of(client, "blocks")
    assert "</code></pre><hr>" in blocks.body
    assert block_page.count("<hr>") == 1


def test_definition_lists_become_terms_and_paragraphs(imported, client):
    article, page = page_of(client, "markup-html-tags")
    assert (
        "<p><strong>Definition List Title</strong></p><p>This is a definition list division.</p>"
    ) in article.body
    assert "<p><strong>Definition List Title</strong></p>" in page
    assert "<p>This is a definition list division.</p>" in page
    assert "<dl>" not in page
    assert "Definition lists (each term a paragraph in bold, its definitions under it): 1" in (
        imported
    )


def test_galleries_without_pictures_stay_as_text_and_media_become_embeds(imported, client):
    """The galleries' pictures (attachments 9 and 10) are not in this export: the
    shortcodes stay as text, counted. Audio, video and embeds become embeds
    (tests/articles/wordpress/test_blocks.py has galleries that are found)."""
    article, page = page_of(client, "markup-html-tags")
    assert '<p>[gallery ids="9,10"]</p>' in article.body
    assert "[gallery] shortcodes: 2, kept as text: none of their pictures was found" in imported
    assert sorted(article.embeds.values_list("url", flat=True)) == [
        "https://markup.example.org/wp-content/uploads/2013/03/clip.mp4",
        "https://markup.example.org/wp-content/uploads/2013/03/song.mp3",
        "https://www.youtube.com/watch?v=nwe-H6l4beM",
    ]
    assert "[audio" not in page
    assert "[embed]" not in page
    assert 'data-testid="embed-youtube"' in page
    blocks, _ = page_of(client, "blocks")
    assert prose(blocks.body).endswith('<p>[gallery ids="9"]</p>')
    assert blocks.embeds.get().url == "https://vimeo.com/22439234"


def test_aligned_pictures_keep_their_alignment(tmp_path, client):
    uploads = tmp_path / "uploads"
    picture(uploads / "2013/03/boat.jpg")
    summary, _ = run_import(RICH, uploads)
    assert "Pictures WordPress aligned left, right or centre (kept so): 1" in summary
    article, page = page_of(client, "markup-html-tags")
    figure = article.figures.get()
    assert figure.image.caption == "A boat on the right"
    assert figure.alignment == "right"
    (shown,) = soup(page).select(".article-body figure.figure-right")
    assert "A boat on the right" in shown.get_text()


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        ("<table><tr><td>a</td></tr></table>", '<figure class="table"><table><tbody>'),
        (
            '<figure class="wp-block-table"><table><tr><td>a</td></tr></table></figure>',
            '<figure class="table"><table>',
        ),
        ("<p>x<sup>2</sup>H<sub>2</sub><code>c</code></p>", "<sup>2</sup>H<sub>2</sub><code>"),
        ("<pre><code>a\n  b</code></pre><hr/>", "<pre><code>a\n  b</code></pre><hr>"),
        ('<td onclick="x()" colspan="2">a</td>', "a"),
        ('<figure class="evil"><p>a</p></figure>', '<figure class="table"><p>a</p></figure>'),
    ],
)
def test_the_body_allowlist_keeps_tables_code_and_rules(markup, kept):
    clean = sanitize(markup)
    assert kept in clean
    assert sanitize(clean) == clean
    assert "onclick" not in clean
