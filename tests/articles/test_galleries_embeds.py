"""Galleries and embeds in an article's body, as readers get them: the gallery's
grid with captions, credits and links to the large pictures; an embed's
placeholder, and a Content Security Policy opened for that provider's frame on
that page alone."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from articles import embeds
from articles.models import ArticleEmbed, Gallery, GalleryImage
from tests.helpers.factories import ArticleFactory, CaptionedImageFactory, place_block

pytestmark = pytest.mark.django_db


def gallery_of(count):
    gallery = Gallery.objects.create(title="The harbour at dawn")
    for number in range(count):
        image = CaptionedImageFactory(
            caption=f"Boat number {number}", credit=f"Photographer {number}"
        )
        GalleryImage.objects.create(gallery=gallery, image=image, position=count - number)
    return gallery


def test_a_gallery_is_a_grid_of_captioned_credited_links(client):
    article = ArticleFactory(published=True)
    place_block(article, "gallery", 1, gallery=gallery_of(3).pk)
    response = client.get(article.get_absolute_url())
    body = response.content.decode()
    assertContains(response, '<span class="credit">Pic: Photographer 2</span>', html=True)
    assertContains(response, 'data-testid="gallery"')
    # In the gallery's order (position), after the first paragraph.
    assert body.index("Boat number 2") < body.index("Boat number 0")
    assert (
        body.index("First paragraph.")
        < body.index("Boat number 2")
        < body.index("Second paragraph.")
    )
    assert body.count("data-gallery-link") == 3
    assertContains(response, "js/gallery.js")


def test_an_article_without_galleries_loads_no_gallery_script(client):
    article = ArticleFactory(published=True)
    assertNotContains(client.get(article.get_absolute_url()), "js/gallery.js")


def test_gallery_pictures_cost_the_same_queries_however_many(client):
    few = ArticleFactory(published=True)
    place_block(few, "gallery", 1, gallery=gallery_of(1).pk)
    many = ArticleFactory(published=True)
    place_block(many, "gallery", 1, gallery=gallery_of(8).pk)
    place_block(many, "gallery", 1, gallery=gallery_of(4).pk)
    counts = []
    for article in (few, many):
        client.get(article.get_absolute_url())  # site-wide caches warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("url", "provider", "origin"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "YouTube",
            "https://www.youtube-nocookie.com",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "YouTube", "https://www.youtube-nocookie.com"),
        ("https://vimeo.com/76979871", "Vimeo", "https://player.vimeo.com"),
        ("https://x.com/nasa/status/1234567890123", "X (Twitter)", "https://platform.twitter.com"),
        (
            "https://twitter.com/nasa/status/1234567890123",
            "X (Twitter)",
            "https://platform.twitter.com",
        ),
        ("https://www.instagram.com/p/C1a2b3c4/", "Instagram", "https://www.instagram.com"),
        (
            "https://www.tiktok.com/@bbc/video/7300000000000000000",
            "TikTok",
            "https://www.tiktok.com",
        ),
        (
            "https://www.facebook.com/bbcnews/videos/123456789/",
            "Facebook",
            "https://www.facebook.com",
        ),
        (
            "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk",
            "Spotify",
            "https://open.spotify.com",
        ),
        ("https://soundcloud.com/artist/a-track", "SoundCloud", "https://w.soundcloud.com"),
        ("https://datawrapper.dwcdn.net/AbC12/3/", "Datawrapper", "https://datawrapper.dwcdn.net"),
        ("https://public.flourish.studio/visualisation/123456/", "Flourish", "https://flo.uri.sh"),
        ("https://cdn.example.org/audio/interview.mp3", "Audio", "https://cdn.example.org"),
        ("https://cdn.example.org/video/clip.mp4", "Video", "https://cdn.example.org"),
    ],
)
def test_every_provider_is_recognised(url, provider, origin):
    found = embeds.resolve(url)
    assert found.provider == provider
    assert found.origin == origin
    assert found.player.startswith(origin)


@pytest.mark.parametrize(
    "url", ["https://example.org/page", "javascript:alert(1)", "https://www.youtube.com/", ""]
)
def test_addresses_that_cannot_be_embedded_are_refused(url):
    assert embeds.resolve(url) is None
    if url.startswith("http"):
        with pytest.raises(ValidationError, match="cannot be embedded"):
            ArticleEmbed(url=url, article=ArticleFactory()).full_clean()


def test_an_embed_is_a_placeholder_and_opens_the_policy_for_its_provider_only(client):
    article = ArticleFactory(published=True)
    place_block(
        article,
        "embed",
        2,
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        title="The minister's statement",
    )
    response = client.get(article.get_absolute_url())
    assertContains(response, '<p class="embed-title">The minister&#x27;s statement</p>', html=True)
    assertContains(response, 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"')
    assertNotContains(response, "<iframe")
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com" in policy
    assert "vimeo" not in policy
    other = ArticleFactory(published=True)
    assert "frame-src" not in Client().get(other.get_absolute_url())["Content-Security-Policy"]


def test_an_audio_file_opens_media_src_for_its_origin():
    article = ArticleFactory(published=True)
    place_block(article, "embed", 1, url="https://cdn.example.org/a/interview.mp3")
    policy = Client().get(article.get_absolute_url())["Content-Security-Policy"]
    assert "media-src 'self' https://cdn.example.org" in policy
    assert "frame-src" not in policy


def test_the_policy_survives_the_page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    article = ArticleFactory(published=True)
    place_block(article, "embed", 1, url="https://vimeo.com/76979871")
    Client().get(article.get_absolute_url())
    cached = Client().get(article.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit"
    assert "frame-src https://player.vimeo.com" in cached["Content-Security-Policy"]
