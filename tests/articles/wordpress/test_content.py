"""What a post's text becomes: the body, the standfirst, and what the summary says."""

import pytest

from articles.models import (
    Article,
)
from articles.wordpress import content
from tests.helpers.wordpress import (
    EXPORTS,
    imported_article,
    prose,
    run_import,
)

pytestmark = pytest.mark.django_db


def test_classic_content_becomes_a_clean_body_with_its_captioned_picture(gazette):
    harbour = imported_article(1)
    assert prose(harbour.body).startswith(
        "<p>The harbour opened again on Monday, three weeks after the storm.<br>"
        "Boats queued at the entrance.</p>"
        "<p>The harbour master said the <strong>repairs</strong> cost "
        "<em>more than expected</em>.</p>"
    )
    assert "<h4>What next</h4><p>The council meets on Thursday.</p>" in harbour.body
    assert "script" not in harbour.body
    assert "tracking" not in harbour.body
    assert "[caption" not in harbour.body
    assert "<img" not in harbour.body
    (figure,) = harbour.figures.select_related("image")
    assert figure.after_paragraph == 1
    assert figure.image.caption == "Boats in the harbour at dawn."
    assert figure.image.credit == "Sam Smith"
    assert figure.image.alt_text == "Fishing boats moored in the harbour"
    # The picture is the attachment's library image, which is also the featured image.
    assert harbour.lead_image_id == figure.image_id


def test_unknown_shortcodes_stay_in_the_text_and_are_listed(gazette):
    body = imported_article(1).body
    # The gallery became one (tests/articles/wordpress/test_blocks.py): its picture
    # 101 is in the uploads, 102 is not a picture.
    assert "[gallery" not in body
    assert [item.image_id for item in imported_article(1).galleries.get().gallery.items.all()] == [
        imported_article(1).lead_image_id
    ]
    assert '[contact-form-7 id="5" title="Letters"]' in body
    assert "[gallery]" not in gazette
    assert "[contact-form-7] ×1 in posts 1" in gazette
    assert "<script> ×1" in gazette


def test_block_content_and_image_blocks(gazette, client):
    election = imported_article(2)
    assert "<!--" not in election.body
    assert prose(election.body).startswith(
        "<p>The count went on until three in the morning.</p><h2>The result</h2>"
    )
    assert "<ul><li>Turnout: 41%</li><li>Recounts: one</li></ul>" in election.body
    # The embed block became an embed.
    assert election.embeds.get().url == "https://www.youtube.com/watch?v=abc123"
    (figure,) = election.figures.select_related("image")
    assert figure.after_paragraph == 1
    assert figure.image.caption == "Supporters wait for the result"
    assert figure.image.credit == "Jo Bloggs"
    assert figure.image.alt_text == "A crowd in the town hall"
    # The second picture's file was not copied over: its caption and old address stay.
    assert (
        "<p>Image: The ballot boxes arrive. Pic: Gazette Agency "
        '(<a href="https://gazette.example.com/wp-content/uploads/2021/06/ballot-box.jpg"'
    ) in election.body
    assert "post 2: https://gazette.example.com/wp-content/uploads/2021/06/ballot-box.jpg" in (
        gazette
    )
    assert "latest-posts ×1" in gazette

    page = client.get(election.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Supporters wait for the result" in html
    assert "Jo Bloggs" in html
    assert "The ballot boxes arrive." in html


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("A cat on a wall. Pic: John Smith", ("A cat on a wall.", "John Smith")),
        ("Storm over Leeds (Photo: Jane Doe/PA)", ("Storm over Leeds", "Jane Doe/PA")),
        ("The quay at night. Credit: Harbour Trust", ("The quay at night.", "Harbour Trust")),
        ("Photo: Reuters", ("", "Reuters")),
        ("Just a caption, no credit", ("Just a caption, no credit", "")),
    ],
)
def test_credits_are_read_from_the_end_of_captions(caption, expected):
    assert content.split_credit(caption) == expected


@pytest.mark.parametrize(
    ("classic", "body"),
    [
        ("One.\n\nTwo.", "<p>One.</p><p>Two.</p>"),
        ("Line one\nline two", "<p>Line one<br>line two</p>"),
        ("<p>Already a paragraph.</p>", "<p>Already a paragraph.</p>"),
        ("Intro\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\nAfter", "<p>Intro</p><ul>"),
        ("<blockquote>Quoted words.</blockquote>", "<blockquote><p>Quoted words.</p></blockquote>"),
    ],
)
def test_classic_paragraphs(classic, body):
    converted = content.Converter(lambda figure: None).convert(classic)
    assert converted.body.startswith(body)


def test_headings_keep_their_levels_within_the_bodys_h2_to_h4():
    converted = content.Converter(lambda figure: None).convert(
        "<h1>Top</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>"
    )
    assert converted.body == (
        "<h2>Top</h2><h2>Two</h2><h3>Three</h3><h4>Four</h4><h4>Five</h4><h4>Six</h4>"
    )


def test_escaped_shortcodes_and_brackets_are_not_counted():
    converted = content.Converter(lambda figure: None).convert(
        'Write [[gallery]] to show a gallery. He said [sic] twice. [video src="a.mp4"]'
    )
    assert converted.shortcodes == {"video": 1}
    assert "[[gallery]]" in converted.body


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
