"""WordPress galleries and embeds become galleries and embeds in the body."""

import pytest
from pytest_django.asserts import assertContains

from articles.models import Article, ArticleEmbed, Gallery
from tests.helpers.wordpress import EXPORTS, picture, run_import

pytestmark = pytest.mark.django_db

EXPORT = EXPORTS / "galleries-embeds.xml"


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    for name in ("crane", "ferry", "gulls"):
        picture(folder / f"2020/01/{name}.jpg")
    return folder


def captions(placement):
    return [item.image.caption for item in placement.gallery.items.all()]


def test_gallery_shortcodes_become_galleries(uploads, client):
    summary, _ = run_import(EXPORT, uploads)
    article = Article.objects.get(slug="cranes-arrive")
    first, attached = article.galleries.order_by("after_paragraph")
    assert captions(first) == ["Gulls on the wall", "The new crane"]  # the shortcode's order
    assert first.gallery.items.all()[1].image.credit == "Ann Reporter"
    assert first.after_paragraph == 1  # after "Cranes arrived on Monday."
    # A bare [gallery]: the pictures attached to the post.
    assert captions(attached) == ["The new crane", "Gulls on the wall"]
    assert "  Galleries: 3 created, 0 updated" in summary.splitlines()
    page = client.get(article.get_absolute_url())
    assertContains(page, '<span class="credit">Pic: Ann Reporter</span>', html=True)
    assert "[gallery" not in article.body


def test_gallery_blocks_become_galleries_and_a_lost_one_stays_text(uploads):
    summary, _ = run_import(EXPORT, uploads)
    article = Article.objects.get(slug="ferry-morning")
    (gallery,) = article.galleries.all()
    # The second picture has no caption of its own: its library image's is shown.
    assert captions(gallery) == ["The morning ferry", "The new crane"]
    assert '<p>[gallery ids="104"]</p>' in article.body
    assert "[gallery] shortcodes: 1, kept as text: none of their pictures was found" in summary


def test_embeds_of_every_kind(uploads, client):
    run_import(EXPORT, uploads)
    cranes = Article.objects.get(slug="cranes-arrive")
    assert list(cranes.embeds.order_by("after_paragraph", "pk").values_list("url", flat=True)) == [
        "https://www.youtube.com/watch?v=abcdefghijk",
        "https://youtu.be/ZyXwVuTsRqP",
        "https://quay.example.org/wp-content/uploads/2020/01/talk.mp3",
        "https://cdn.example.org/video/quay.mp4",
    ]
    # Not a provider Newsroom embeds: a link, as before.
    assert '<a href="https://example.org/not-a-provider"' in cranes.body
    ferry = Article.objects.get(slug="ferry-morning")
    assert sorted(ferry.embeds.values_list("url", "title")) == [
        ("https://cdn.example.org/video/ferry.mp4", ""),
        ("https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk", ""),
        ("https://player.vimeo.com/video/76979871", ""),
        ("https://twitter.com/quayside/status/1234567890123", "The harbour master's post"),
    ]
    page = client.get(ferry.get_absolute_url())
    policy = page["Content-Security-Policy"]
    for origin in (
        "https://platform.twitter.com",
        "https://open.spotify.com",
        "https://player.vimeo.com",
    ):
        assert origin in policy
    assert "<iframe" not in page.content.decode()


def test_a_second_run_updates_without_duplicates(uploads):
    run_import(EXPORT, uploads)
    summary, _ = run_import(EXPORT, uploads)
    assert "  Galleries: 0 created, 3 updated" in summary.splitlines()
    assert Gallery.objects.count() == 3
    assert ArticleEmbed.objects.count() == 8
    assert Article.objects.get(slug="cranes-arrive").galleries.count() == 2
