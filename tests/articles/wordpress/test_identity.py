"""Which article a post becomes: its WordPress id within its site, never its GUID alone."""

import pytest

from articles.models import (
    Article,
    ImportedObject,
)
from articles.wordpress import importer
from tests.helpers.wordpress import (
    EXPORTS,
    GAZETTE,
    counts,
    edited,
    imported_article,
    run_import,
)

pytestmark = pytest.mark.django_db


def test_reimport_updates_instead_of_duplicating(gazette, uploads, tmp_path):
    before = counts()
    harbour = imported_article(1)
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
    assert imported_article(2002).slug == "election-night"


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
    assert imported_article(4).headline == "Ferry timetable, corrected"
    assert "post 4 is in the export twice; the later kept" in summary


NO_IDS = EXPORTS / "posts-without-ids.xml"


SHARED_GUIDS = EXPORTS / "shared-guids.xml"


def stored_headlines():
    return sorted(Article.objects.values_list("headline", flat=True))


def test_posts_without_ids_are_each_imported_and_listed(client):
    summary, _ = run_import(NO_IDS)
    assert stored_headlines() == [
        "A note listed twice",
        "A note listed twice",
        *(f"Note number {n}" for n in range(1, 6)),
    ]
    bodies = set(Article.objects.values_list("body", flat=True))
    assert {"<p>The first twin.</p>", "<p>The second twin.</p>"} <= bodies
    assert "  Articles: 7 created, 0 updated" in summary.splitlines()
    assert "is in the export twice" not in summary
    assert (
        "Posts without a WordPress id (wp:post_id), each imported under one made from its "
        "GUID, address, title and date: 7"
    ) in summary
    assert "“Note number 1” https://notes.example.org/note-1/" in summary
    keys = sorted(ImportedObject.objects.filter(kind="post").values_list("key", flat=True))
    assert all(key.startswith("no-id-") for key in keys)
    twin = next(key for key in keys if key.endswith("-2"))
    assert twin.removesuffix("-2") in keys
    article = Article.objects.get(slug="note-3")
    assert client.get(article.get_absolute_url()).status_code == 200


def test_posts_without_ids_are_found_again_on_a_second_run():
    run_import(NO_IDS)
    first = dict(ImportedObject.objects.filter(kind="post").values_list("key", "object_id"))
    summary, _ = run_import(NO_IDS)
    assert Article.objects.count() == 7
    assert "  Articles: 0 created, 7 updated" in summary.splitlines()
    again = dict(ImportedObject.objects.filter(kind="post").values_list("key", "object_id"))
    assert again == first
    # The twins stay apart, each with its own words.
    twins = Article.objects.filter(headline="A note listed twice").order_by("pk")
    assert [a.body for a in twins] == ["<p>The first twin.</p>", "<p>The second twin.</p>"]


def test_posts_sharing_a_guid_across_batches_are_all_imported(monkeypatch):
    monkeypatch.setattr(importer.Import, "BATCH", 3)
    summary, _ = run_import(SHARED_GUIDS)
    assert stored_headlines() == [f"Story {n}" for n in range(1, 8)]
    assert "  Articles: 7 created, 0 updated" in summary.splitlines()
    assert "in the export twice" not in summary
    for n in range(1, 8):
        ref = ImportedObject.objects.get(kind="post", key=str(n))
        assert Article.objects.get(pk=ref.object_id).body == f"<p>The words of story {n}.</p>"

    summary, _ = run_import(SHARED_GUIDS)
    assert Article.objects.count() == 7
    assert "  Articles: 0 created, 7 updated" in summary.splitlines()


def test_a_shared_guid_does_not_take_over_a_post_imported_before(monkeypatch, tmp_path):
    """A post new to the export whose GUID several imported posts share is a new
    article; a GUID that names one earlier post still follows a changed id."""
    monkeypatch.setattr(importer.Import, "BATCH", 3)
    run_import(SHARED_GUIDS)
    moved = edited(
        SHARED_GUIDS,
        tmp_path,
        {
            "<wp:post_id>7</wp:post_id>": "<wp:post_id>70</wp:post_id>",
            "<wp:post_id>6</wp:post_id>": "<wp:post_id>60</wp:post_id>",
        },
    )
    summary, _ = run_import(moved)
    assert "  Articles: 1 created, 6 updated" in summary.splitlines()
    assert Article.objects.filter(headline="Story 7").count() == 2
    # Post 6's GUID is its own: the same article, now under its new id.
    assert Article.objects.filter(headline="Story 6").count() == 1
    assert ImportedObject.objects.filter(kind="post", key="60").exists()
    assert not ImportedObject.objects.filter(kind="post", key="6").exists()
