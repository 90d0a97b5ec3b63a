"""Reading the export: every WXR version, and files that are not one (malformed,
entities, another feed)."""

import pytest
from django.core.management import CommandError

from comments.models import Comment
from tests.helpers.files import stored_files
from tests.helpers.wordpress import (
    EXPORTS,
    HERALD,
    counts,
    imported_article,
    imported_comment,
    prose,
    run_import,
)

pytestmark = pytest.mark.django_db


def test_wxr_1_1(uploads, client):
    summary, _ = run_import(HERALD, uploads)
    source = "http://herald.example.net"
    assert "Imported http://herald.example.net (WXR 1.1)." in summary
    fete = imported_article(21, source)
    assert fete.section.path == "local/north/villages"
    assert [tag.name for tag in fete.tags.all()] == ["Village fete"]
    assert fete.authors.get().name == "The Editor"
    assert prose(fete.body) == (
        "<p>The village fete raised more than ever before.</p>"
        "<p>Next year's date is already set.</p>"
    )
    (figure,) = fete.figures.select_related("image")
    assert figure.after_paragraph == 1
    assert figure.image.caption == "The tombola stall."
    assert figure.image.credit == "Ann Lee"
    assert figure.image.alt_text == "Tombola prizes on a table"

    bypass = imported_article(22, source)
    assert bypass.section.path == "local/north"
    assert [tag.name for tag in bypass.tags.all()] == ["Local"]

    states = {
        key: (imported_comment(key, source).status, imported_comment(key, source).depth)
        for key in range(31, 36)
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
    assert imported_article(23, source).slug == "council-tax-letter-draft"


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
    assert stored_files(tmp_path / "media", tmp_path / "private") == []


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
