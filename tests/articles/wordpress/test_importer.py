"""manage.py import_wordpress as a whole: posts with their comments, one error that
changes nothing, missing files."""

from datetime import UTC, datetime

import pytest
from django.core.management import CommandError

from articles.models import (
    ImportedObject,
)
from articles.wordpress import content
from comments.models import Comment
from tests.helpers.files import stored_files
from tests.helpers.wordpress import (
    GAZETTE,
    counts,
    imported_article,
    imported_comment,
    run_import,
)

pytestmark = pytest.mark.django_db


def test_comments_in_every_state_with_their_threads(gazette, client):
    root, reply, nested = imported_comment(11), imported_comment(12), imported_comment(13)
    assert root.status == Comment.Status.APPROVED
    assert root.parent is None
    assert root.depth == 1
    assert reply.parent == root
    assert reply.depth == 2
    # Listed before its parent in the export: threaded all the same.
    assert nested.parent == reply
    assert nested.depth == 3
    assert nested.status == Comment.Status.PENDING
    assert imported_comment(14).status == Comment.Status.SPAM
    assert imported_comment(15).status == Comment.Status.REMOVED

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
    assert imported_comment(14).ip_address is None  # "unknown"
    assert not ImportedObject.objects.filter(kind="comment", key="16").exists()  # a pingback

    harbour = imported_article(1)
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
    assert stored_files(tmp_path / "media", tmp_path / "private") == []


def test_missing_file_and_media_dir(tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        run_import(tmp_path / "nothing.xml")
    with pytest.raises(CommandError, match="is not a folder"):
        run_import(GAZETTE, tmp_path / "no-uploads")
