"""Moving a WordPress site to Newsroom: `manage.py import_wordpress` (articles/wordpress/).

The exports in tests/wordpress/ were written for these tests: gazette-wxr-1.2.xml has
every element the importer handles, herald-wxr-1.1.xml is an older WordPress's export,
malformed.xml breaks half-way.
"""

import io
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db.models.signals import post_save
from PIL import Image
from taggit.models import Tag, TaggedItem

from articles.models import (
    Article,
    ArticleEvent,
    ArticleImage,
    ArticleRedirect,
    Author,
    Byline,
    ImportedObject,
    Section,
)
from articles.wordpress import content, importer
from comments.models import Comment
from images.models import CaptionedImage
from pagecache import receivers as page_cache

from .factories import ArticleFactory, SectionFactory

EXPORTS = Path(__file__).parent / "wordpress"
GAZETTE = EXPORTS / "gazette-wxr-1.2.xml"
HERALD = EXPORTS / "herald-wxr-1.1.xml"
NOW = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_time():
    with time_machine.travel(NOW, tick=True):
        yield


def picture(path, color="navy", size=(64, 48)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "JPEG")


@pytest.fixture
def uploads(tmp_path):
    """WordPress's uploads folder as copied from the old server: some files, not all."""
    folder = tmp_path / "uploads"
    picture(folder / "2021/05/harbour.jpg", "navy")
    picture(folder / "2021/06/crowd.jpg", "maroon")
    picture(folder / "2012/09/tombola.jpg", "olive")
    return folder


def run_import(export, media_dir=None, **options):
    out, err = io.StringIO(), io.StringIO()
    if media_dir is not None:
        options["media_dir"] = str(media_dir)
    call_command("import_wordpress", str(export), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def gazette(uploads):
    """The Gazette's export, imported with its uploads; returns the summary."""
    summary, _ = run_import(GAZETTE, uploads)
    return summary


def article(post_id, source="https://gazette.example.com"):
    ref = ImportedObject.objects.get(source=source, kind="post", key=str(post_id))
    return Article.objects.select_related("section").get(pk=ref.object_id)


def comment(comment_id, source="https://gazette.example.com"):
    ref = ImportedObject.objects.get(source=source, kind="comment", key=str(comment_id))
    return Comment.objects.get(pk=ref.object_id)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Article,
            ArticleImage,
            ArticleRedirect,
            ArticleEvent,
            Author,
            Byline,
            CaptionedImage,
            Comment,
            ImportedObject,
            Section,
            Tag,
            TaggedItem,
        )
    }


# --- What comes over ----------------------------------------------------------


def test_authors_keep_login_name_bio_and_email_without_accounts(gazette):
    jane = Author.objects.get(slug="jane")
    assert jane.name == "Jane Doe"
    assert jane.bio == "Jane covers the harbour and the council."
    bob = Author.objects.get(slug="bob-smith")  # from the login "bob.smith"
    assert bob.name == "Bob Smith"
    assert bob.bio == ""
    record = ImportedObject.objects.get(kind="author", key="bob.smith")
    assert record.details["email"] == "bob@gazette.example.com"
    assert not User.objects.exists()
    assert list(article(1).authors.all()) == [jane]
    assert list(article(2).authors.all()) == [bob]


def test_categories_become_the_section_tree(gazette):
    paths = set(Section.objects.values_list("path", flat=True))
    assert paths == {
        "uncategorized",
        "news",
        "news/world",
        "news/world/europe",
        "sport",
        "arts-culture",
    }
    europe = Section.objects.get(path="news/world/europe")
    assert [s.name for s in europe.lineage()] == ["News", "World", "Europe"]
    assert Section.objects.get(path="arts-culture").name == "Arts & Culture"
    assert Section.objects.get(path="news").description == "What happened today."


def test_first_category_is_the_section_the_others_and_tags_are_tags(gazette):
    harbour = article(1)
    assert harbour.section.path == "news/world/europe"
    assert sorted(tag.name for tag in harbour.tags.all()) == ["Harbour", "Sport", "Town council"]
    # A post without a category goes to WordPress's default, "Uncategorized".
    assert article(3).section.path == "uncategorized"


def test_post_without_category_goes_to_the_default_section_given(uploads):
    run_import(GAZETTE, uploads, default_section="Unfiled")
    assert article(3).section.path == "unfiled"


def test_statuses_and_dates(gazette):
    published = article(1)
    assert published.status == Article.Status.PUBLISHED
    assert published.published_at == datetime(2021, 5, 10, 8, 30, tzinfo=UTC)  # post_date_gmt
    assert published.is_public
    assert published.comments_enabled
    assert not article(2).comments_enabled  # comment_status closed
    assert article(2).updated_at == datetime(2021, 5, 12, 10, 0, tzinfo=UTC)  # post_modified_gmt
    assert published.updated_at is None  # never changed after publication

    draft = article(3)
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None
    # No GMT date: the local 10:00 read in the newsroom's time zone (BST in July).
    assert draft.created_at == datetime(2021, 7, 1, 9, 0, tzinfo=UTC)

    assert article(4).status == Article.Status.REVIEW

    future = article(5)
    assert future.status == Article.Status.PUBLISHED
    assert future.is_scheduled
    assert future.published_at == datetime(2099, 7, 1, 9, 0, tzinfo=UTC)

    private = article(6)
    assert private.status == Article.Status.UNPUBLISHED
    assert not private.is_public
    protected = article(9)
    assert protected.status == Article.Status.UNPUBLISHED

    titles = set(Article.objects.values_list("headline", flat=True))
    assert "An old story in the bin" not in titles  # trash
    assert "About us" not in titles  # a page
    assert Article.objects.count() == 9
    assert "Password-protected posts" in gazette
    assert "post 9: Members only: the harbour board minutes" in gazette


def test_excerpt_is_the_standfirst_else_the_first_words(gazette):
    assert article(1).standfirst == (
        "The harbour opened again on Monday, three weeks after the storm."
    )
    standfirst = article(3).standfirst
    assert standfirst.startswith("The market has been held on Saturdays since 1823")
    assert standfirst.endswith("…")
    assert len(standfirst.split()) == 56  # WordPress's 55 words, then "…"


def test_classic_content_becomes_a_clean_body_with_its_captioned_picture(gazette):
    harbour = article(1)
    assert harbour.body.startswith(
        "<p>The harbour opened again on Monday, three weeks after the storm.<br>"
        "Boats queued at the entrance.</p>"
        "<p>The harbour master said the <strong>repairs</strong> cost "
        "<em>more than expected</em>.</p>"
    )
    assert "<h3>What next</h3><p>The council meets on Thursday.</p>" in harbour.body
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
    body = article(1).body
    assert '<p>[gallery ids="101,102"]</p>' in body
    assert '[contact-form-7 id="5" title="Letters"]' in body
    assert "[gallery] ×1 in posts 1" in gazette
    assert "[contact-form-7] ×1 in posts 1" in gazette
    assert "<script> ×1" in gazette


def test_block_content_and_image_blocks(gazette, client):
    election = article(2)
    assert "<!--" not in election.body
    assert election.body.startswith(
        "<p>The count went on until three in the morning.</p><h2>The result</h2>"
    )
    assert "<ul><li>Turnout: 41%</li><li>Recounts: one</li></ul>" in election.body
    # The embed block's address became a link.
    assert 'href="https://www.youtube.com/watch?v=abc123"' in election.body
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


def test_attachments_become_library_images_when_their_files_are_found(gazette):
    harbour = CaptionedImage.objects.get(title="Boats in the harbour")
    assert harbour.caption == "Boats in the harbour at dawn."
    assert harbour.credit == "Sam Smith"
    assert harbour.image
    assert harbour.original
    assert ImportedObject.objects.get(kind="attachment", key="101").object_id == harbour.pk
    assert not ImportedObject.objects.filter(kind="attachment", key="102").exists()
    assert CaptionedImage.objects.count() == 2  # the harbour and the crowd
    assert (
        "attachment 102: https://gazette.example.com/wp-content/uploads/2021/05/lighthouse.jpg"
        in (gazette)
    )
    assert (
        "attachment 103: https://gazette.example.com/wp-content/uploads/2021/05/accounts.pdf"
        in (gazette)
    )


def test_without_the_uploads_every_picture_stays_a_link_and_is_listed(tmp_path):
    summary, _ = run_import(GAZETTE)
    assert not CaptionedImage.objects.exists()
    harbour = article(1)
    assert harbour.lead_image is None
    assert not harbour.figures.exists()
    assert (
        "<p>Image: Boats in the harbour at dawn. Pic: Sam Smith (<a "
        'href="https://gazette.example.com/wp-content/uploads/2021/05/harbour-300x200.jpg"'
    ) in harbour.body
    assert "Featured images that could not be imported (no lead image): 1" in summary
    assert "post 1: attachment 101" in summary


def test_comments_in_every_state_with_their_threads(gazette, client):
    root, reply, nested = comment(11), comment(12), comment(13)
    assert root.status == Comment.Status.APPROVED
    assert root.parent is None
    assert root.depth == 1
    assert reply.parent == root
    assert reply.depth == 2
    # Listed before its parent in the export: threaded all the same.
    assert nested.parent == reply
    assert nested.depth == 3
    assert nested.status == Comment.Status.PENDING
    assert comment(14).status == Comment.Status.SPAM
    assert comment(15).status == Comment.Status.REMOVED

    assert root.name == "Ann Reader"
    assert root.email == "ann@example.org"
    assert root.website == "https://ann.example.org"
    assert root.ip_address == "203.0.113.5"
    assert root.submitted_at == datetime(2021, 5, 10, 10, 0, tzinfo=UTC)
    assert (
        root.text
        == "Great news for the fishermen.\n\nSee my photos (https://ann.example.org/harbour)."
    )
    assert nested.website == ""  # javascript: is not a web address
    assert nested.ip_address == "2001:db8::7"
    assert comment(14).ip_address is None  # "unknown"
    assert not ImportedObject.objects.filter(kind="comment", key="16").exists()  # a pingback

    harbour = article(1)
    assert harbour.comment_count == 2
    assert Comment.objects.filter(article=harbour).count() == 5
    assert "website is not a web address, not kept: javascript:alert(1)" in gazette
    assert "pingbacks (notices from other sites, not reader comments): 1" in gazette

    html = client.get(harbour.get_absolute_url()).content.decode()
    assert "Ann Reader" in html
    assert "Thanks Ann, the photos are lovely." in html
    assert "Cheap Pills" not in html
    assert "binned by the editor" not in html
    assert "still waiting" not in html


def test_old_addresses_redirect_to_the_articles(gazette, client):
    harbour = article(1)
    response = client.get("/2021/05/harbour-reopens/")
    assert response.status_code == 301
    assert response["Location"] == harbour.get_absolute_url()
    assert response["Location"] == "/news/world/europe/harbour-reopens/"

    # WordPress's "post name" addresses have one segment, and its slugs may be
    # non-ASCII: both still arrive.
    response = client.get("/election-night/")
    assert response.status_code == 301
    assert response["Location"] == article(2).get_absolute_url()
    response = client.get("/2021/08/caf%C3%A9-opens/")
    assert response.status_code == 301
    assert response["Location"] == "/arts-culture/cafe-opens/"
    assert client.get(response["Location"]).status_code == 200

    response = client.get("/?p=2")
    assert response.status_code == 301
    assert response["Location"] == article(2).get_absolute_url()

    # Not public: no redirect, nothing given away.
    assert client.get("/?p=3").status_code == 200  # a draft: the home page as usual
    assert client.get("/2021/05/holiday-rota/").status_code == 404  # private
    assert client.get("/2099/07/regatta-preview/").status_code == 404  # scheduled
    assert client.get("/no-such-post/").status_code == 404
    assert client.get("/?p=999").status_code == 200


def test_too_long_values_are_kept_whole_and_listed(gazette):
    long_one = article(10)
    assert len(long_one.headline) <= 200
    assert long_one.headline.endswith("…")
    assert len(long_one.standfirst) <= 400
    assert long_one.standfirst.endswith("…")
    assert long_one.body.startswith(
        "<p>Harbour reopens: a very long headline that goes on and on about the storm,"
    )
    assert "will make up for the spring</p><p>This excerpt is far longer" in long_one.body
    assert "who is in charge.</p><p>A short body.</p>" in long_one.body
    assert "post 10: title shortened; the full title is the body's first paragraph" in gazette
    assert "post 10: excerpt shortened for the standfirst" in gazette


def test_slugs_stay_unique_per_section_and_collisions_are_listed(gazette):
    assert article(1).slug == "harbour-reopens"
    assert article(10).slug == "harbour-reopens-2"
    assert article(10).section == article(1).section
    assert "post 10: /news/world/europe/harbour-reopens-2/ (harbour-reopens was taken)" in (gazette)
    assert article(11).slug == "cafe-opens"  # WordPress's percent-encoded "café-opens"


def test_existing_sections_are_used_and_reserved_addresses_avoided(uploads):
    news = SectionFactory(name="News desk", slug="news")
    ArticleFactory(section=news, slug="election-night")
    summary, _ = run_import(GAZETTE, uploads)
    assert article(2).section == news
    assert article(2).slug == "election-night-2"
    assert Section.objects.get(pk=news.pk).name == "News"  # now the category's


def test_summary_and_progress(gazette, uploads):
    summary, progress = run_import(GAZETTE, uploads)
    assert "Imported https://gazette.example.com (WXR 1.2)." in summary
    assert "Reading the export (1 of 2: authors, sections, tags and pictures): 100%" in progress
    assert "Reading the export (2 of 2: posts and comments): 100%" in progress
    first = gazette.splitlines()
    assert "  Articles: 9 created, 0 updated" in first
    assert "  Comments: 5 created, 0 updated" in first
    assert "  Authors: 2 created, 0 updated" in first
    assert "  Articles: 0 created, 9 updated" in summary.splitlines()


# --- Running it again -----------------------------------------------------------


def test_reimport_updates_instead_of_duplicating(gazette, uploads, tmp_path):
    before = counts()
    harbour = article(1)
    changed = tmp_path / "gazette-again.xml"
    changed.write_text(
        GAZETTE.read_text().replace(
            "<![CDATA[Harbour reopens after the storm]]>",
            "<![CDATA[Harbour reopens three weeks after the storm]]>",
        )
    )
    summary, _ = run_import(changed, uploads)
    assert counts() == before
    harbour.refresh_from_db()
    assert harbour.headline == "Harbour reopens three weeks after the storm"
    assert harbour.slug == "harbour-reopens"
    assert harbour.comment_count == 2
    assert harbour.figures.count() == 1
    assert "  Articles: 0 created, 9 updated" in summary.splitlines()
    assert "  Comments: 0 created, 5 updated" in summary.splitlines()


def test_a_post_found_by_its_guid_when_its_id_changed(gazette, uploads, tmp_path):
    before = counts()
    moved = tmp_path / "moved.xml"
    moved.write_text(
        GAZETTE.read_text().replace("<wp:post_id>2</wp:post_id>", "<wp:post_id>2002</wp:post_id>")
    )
    run_import(moved, uploads)
    assert counts() == before
    assert article(2002).slug == "election-night"


def test_wxr_1_1(uploads, client):
    summary, _ = run_import(HERALD, uploads)
    source = "http://herald.example.net"
    assert "Imported http://herald.example.net (WXR 1.1)." in summary
    fete = article(21, source)
    assert fete.section.path == "local/north/villages"
    assert [tag.name for tag in fete.tags.all()] == ["Village fete"]
    assert fete.authors.get().name == "The Editor"
    assert fete.body == (
        "<p>The village fete raised more than ever before.</p>"
        "<p>Next year's date is already set.</p>"
    )
    (figure,) = fete.figures.select_related("image")
    assert figure.after_paragraph == 1
    assert figure.image.caption == "The tombola stall."
    assert figure.image.credit == "Ann Lee"
    assert figure.image.alt_text == "Tombola prizes on a table"

    bypass = article(22, source)
    assert bypass.section.path == "local/north"
    assert [tag.name for tag in bypass.tags.all()] == ["Local"]

    states = {
        key: (comment(key, source).status, comment(key, source).depth) for key in range(31, 36)
    }
    assert states == {
        31: (Comment.Status.APPROVED, 1),
        32: (Comment.Status.APPROVED, 2),
        33: (Comment.Status.PENDING, 3),
        34: (Comment.Status.SPAM, 1),
        35: (Comment.Status.REMOVED, 2),
    }
    assert fete.comment_count == 2

    # Plain WordPress addresses: /?p=21.
    response = client.get("/?p=21")
    assert response.status_code == 301
    assert response["Location"] == "/local/north/villages/fete-record/"
    assert client.get("/?p=23").status_code == 200  # a draft stays unseen
    assert article(23, source).slug == "council-tax-letter-draft"


@pytest.mark.parametrize("batch", [200, 2], ids=["same batch", "later batch"])
def test_a_post_listed_twice_is_imported_once_the_later_kept(uploads, tmp_path, monkeypatch, batch):
    monkeypatch.setattr(importer.Import, "BATCH", batch)
    text = GAZETTE.read_text()
    start = text.index("\t<item>\n\t\t<title><![CDATA[Ferry timetable changes]]>")
    end = text.index("</item>", start) + len("</item>")
    again = text[start:end].replace("Ferry timetable changes", "Ferry timetable, corrected")
    doubled = tmp_path / "doubled.xml"
    doubled.write_text(text.replace("</channel>", again + "\n</channel>"))
    summary, _ = run_import(doubled, uploads)
    assert Article.objects.count() == 9
    assert article(4).headline == "Ferry timetable, corrected"
    assert "post 4 is in the export twice; the later kept" in summary


# --- Refusing bad files ---------------------------------------------------------


def test_an_error_on_one_post_names_it_and_changes_nothing(uploads, tmp_path, monkeypatch):
    def broken(self, markup, lead=()):
        raise ValueError("the converter broke")

    monkeypatch.setattr(content.Converter, "convert", broken)
    with pytest.raises(CommandError) as refused:
        run_import(GAZETTE, uploads)
    assert str(refused.value) == (
        "gazette-wxr-1.2.xml: post 1 could not be imported: the converter broke. "
        "Nothing was imported."
    )
    assert set(counts().values()) == {0}
    assert stored_files(tmp_path) == []


def stored_files(tmp_path):
    return [
        path
        for folder in (tmp_path / "media", tmp_path / "private")
        if folder.exists()
        for path in folder.rglob("*")
        if path.is_file()
    ]


def test_a_malformed_file_names_the_line_and_changes_nothing(uploads, tmp_path):
    export = EXPORTS / "malformed.xml"
    line = export.read_text().splitlines().index("\t\t<title><![CDATA[Ferry timetable]]></titel>")
    with pytest.raises(CommandError) as refused:
        run_import(export, uploads)
    message = str(refused.value)
    assert message.startswith("malformed.xml cannot be imported: line ")
    assert f"line {line + 1}, column" in message
    assert "mismatched tag" in message
    assert "Nothing was imported." in message
    assert set(counts().values()) == {0}
    # The picture stored before the error was found is deleted again.
    assert stored_files(tmp_path) == []


def test_a_file_that_is_not_a_wordpress_export_is_refused(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title>'
        "<item><title>x</title></item></channel></rss>"
    )
    with pytest.raises(CommandError, match="not a WordPress export"):
        run_import(feed)
    html_file = tmp_path / "page.xml"
    html_file.write_text("<html><body>Hello</body></html>")
    with pytest.raises(CommandError, match="not a WordPress export"):
        run_import(html_file)
    assert set(counts().values()) == {0}


def test_entity_declarations_are_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&b;</title>'
        "</channel></rss>"
    )
    with pytest.raises(CommandError, match="declares XML entities"):
        run_import(bomb)


def test_pictures_are_only_read_from_inside_the_media_dir(tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    picture(tmp_path / "secret.jpg")
    export = tmp_path / "sneaky.xml"
    export.write_text(
        GAZETTE.read_text()
        .replace("<![CDATA[2021/05/harbour.jpg]]>", "<![CDATA[../secret.jpg]]>")
        .replace("uploads/2021/05/harbour", "uploads/../../secret")
    )
    summary, _ = run_import(export, uploads)
    assert not CaptionedImage.objects.exists()
    assert "attachment 101:" in summary


def test_missing_file_and_media_dir(tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        run_import(tmp_path / "nothing.xml")
    with pytest.raises(CommandError, match="is not a folder"):
        run_import(GAZETTE, tmp_path / "no-uploads")


# --- The body's rules on their own ----------------------------------------------


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


def test_escaped_shortcodes_and_brackets_are_not_counted():
    converted = content.Converter(lambda figure: None).convert(
        'Write [[gallery]] to show a gallery. He said [sic] twice. [video src="a.mp4"]'
    )
    assert converted.shortcodes == {"video": 1}
    assert "[[gallery]]" in converted.body


# --- A big export -----------------------------------------------------------------

EXPORT_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Big site {label}</title><link>https://{label}.example.com</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://{label}.example.com</wp:base_site_url>
<wp:base_blog_url>https://{label}.example.com</wp:base_blog_url>
<wp:author><wp:author_login>writer</wp:author_login>
<wp:author_display_name>A Writer</wp:author_display_name></wp:author>
{categories}
{tags}
"""
EXPORT_ITEM = """<item><title><![CDATA[Story number {n} about the harbour]]></title>
<link>https://{label}.example.com/{year}/05/{label}-story-{n}/</link>
<dc:creator><![CDATA[writer]]></dc:creator>
<guid isPermaLink="false">https://{label}.example.com/?p={n}</guid>
<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Paragraph one of story {n}. {words}</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>Paragraph two, with <strong>bold</strong> and
<a href="https://example.org/{n}">a link</a>. {words}</p>
<!-- /wp:paragraph -->

Paragraph three is classic text.
Second line.]]></content:encoded>
<excerpt:encoded><![CDATA[The standfirst of story {n}.]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id>
<wp:post_date>{year}-05-10 09:30:00</wp:post_date>
<wp:post_date_gmt>{year}-05-10 08:30:00</wp:post_date_gmt>
<wp:post_name>{label}-story-{n}</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="section-{section}"><![CDATA[Section {section}]]></category>
<category domain="post_tag" nicename="topic-{tag}"><![CDATA[Topic {tag}]]></category>
{comments}</item>
"""
EXPORT_COMMENT = """<wp:comment><wp:comment_id>{id}</wp:comment_id>
<wp:comment_author><![CDATA[Reader {id}]]></wp:comment_author>
<wp:comment_author_email>reader{id}@example.org</wp:comment_author_email>
<wp:comment_author_IP>192.0.2.1</wp:comment_author_IP>
<wp:comment_date_gmt>2020-05-10 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Comment {id} on the story.]]></wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved>
<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>
"""


def write_export(path, label, posts):
    """A WXR file of `posts` posts, written as a stream (it is never held whole)."""
    words = "The harbour opened again after the storm, and the boats came back. " * 8
    with path.open("w") as export:
        export.write(
            EXPORT_HEAD.format(
                label=label,
                categories="\n".join(
                    f"<wp:category><wp:category_nicename>section-{n}</wp:category_nicename>"
                    f"<wp:category_parent></wp:category_parent><wp:cat_name>Section {n}"
                    "</wp:cat_name></wp:category>"
                    for n in range(5)
                ),
                tags="\n".join(
                    f"<wp:tag><wp:tag_slug>topic-{n}</wp:tag_slug><wp:tag_name>Topic {n}"
                    "</wp:tag_name></wp:tag>"
                    for n in range(20)
                ),
            )
        )
        for n in range(1, posts + 1):
            comments = ""
            if n % 20 == 0:
                comments = EXPORT_COMMENT.format(
                    id=n * 10, approved=1, parent=0
                ) + EXPORT_COMMENT.format(id=n * 10 + 1, approved=0, parent=n * 10)
            export.write(
                EXPORT_ITEM.format(
                    n=n,
                    label=label,
                    year=2000 + n % 20,
                    words=words,
                    section=n % 5,
                    tag=n % 20,
                    comments=comments,
                )
            )
        export.write("</channel>\n</rss>\n")


def peak_memory(export):
    tracemalloc.start()
    try:
        run_import(export)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def importer_memory_only():
    """The page cache (articles/cache.py) queues an on_commit callback for every
    article saved, to start a new cache generation after the commit. Inside the
    one transaction of an import that queue grows with the export, a few hundred
    bytes an article: the page cache's memory, not the importer's (reported to its
    owners). Muted here, so the test measures the importer."""
    uid = f"page:{Article}"
    muted = post_save.disconnect(sender=Article, dispatch_uid=uid)
    yield
    if muted:
        post_save.connect(page_cache.content_changed, sender=Article, dispatch_uid=uid)


@pytest.mark.usefixtures("importer_memory_only")
def test_memory_stays_flat_however_big_the_export(tmp_path):
    small, big = tmp_path / "small.xml", tmp_path / "big.xml"
    write_export(small, "small", 1_000)
    write_export(big, "big", 10_000)
    assert big.stat().st_size > 9 * small.stat().st_size
    small_peak = peak_memory(small)
    big_peak = peak_memory(big)
    assert Article.objects.count() == 11_000
    assert Comment.objects.count() == 1_100
    # Ten times the posts, and memory does not follow: the file is never held
    # whole, nothing is kept per post.
    assert big_peak < 1.5 * small_peak, (small_peak, big_peak)
    assert big_peak < 32 * 1024 * 1024, big_peak
    last = Article.objects.get(slug="big-story-10000")
    assert last.figures.count() == 0
    assert last.body.startswith("<p>Paragraph one of story 10000.")
