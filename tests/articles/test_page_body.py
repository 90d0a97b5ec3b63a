"""Pages carry the same blocks as articles (an image, a gallery, an embed, a related
story), drawn by the article body's renderer; their cached views are purged when
what a block shows changes, and the strict policy opens for their embeds only."""

import pytest
from django.test import Client

from articles.models import EmbedPreview, Gallery, GalleryImage
from tests.helpers.factories import ArticleFactory, CaptionedImageFactory, make_page
from tests.helpers.html import soup
from tests.helpers.oembed import YOUTUBE_ANSWER, jpeg_bytes

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def image_block(image):
    return f'<figure data-block="image" data-image="{image.pk}"></figure>'


def page_body_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response, soup(response).select_one(".article-body")


def test_a_page_shows_an_image_block_with_its_caption_and_credit(client):
    image = CaptionedImageFactory(caption="The newsroom at night", credit="Ana Diaz")
    make_page("About us", "about", body=f"<p>Who we are.</p>{image_block(image)}<p>More.</p>")
    _, body = page_body_of(client, "/about/")
    figure = body.find("figure")
    assert figure.find("img")["alt"] == image.alt_text
    assert "The newsroom at night" in figure.get_text()
    assert "Pic: Ana Diaz" in figure.get_text()
    # Where the editor put it: between the two paragraphs.
    assert [tag.name for tag in body.find_all(["p", "figure"], recursive=False)][:3] == [
        "p",
        "figure",
        "p",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_cached_page_changes_when_its_pictures_caption_does(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    image = CaptionedImageFactory(caption="The newsroom at night", credit="Ana Diaz")
    make_page("About us", "about", body=f"<p>Who we are.</p>{image_block(image)}")
    Client().get("/about/")
    assert Client().get("/about/")["X-Page-Cache"] == "hit"
    image.caption = "The newsroom at dawn"
    image.save()
    response, body = page_body_of(Client(), "/about/")
    assert response["X-Page-Cache"] != "hit"
    assert "The newsroom at dawn" in body.get_text()


def test_a_page_with_a_gallery_loads_the_lightbox(client):
    gallery = Gallery.objects.create(title="Our offices")
    for number in range(2):
        picture = CaptionedImageFactory(caption=f"Office {number}")
        GalleryImage.objects.create(gallery=gallery, image=picture, position=number)
    make_page(
        "Contact",
        "contact",
        body=f'<figure data-block="gallery" data-gallery="{gallery.pk}"></figure>',
    )
    response, body = page_body_of(client, "/contact/")
    assert len(body.select("[data-gallery-link]")) == 2
    assert soup(response).find("script", src=lambda src: src and "gallery.js" in src)
    assert not soup(response).find("script", src=lambda src: src and "embeds.js" in src)


@pytest.mark.django_db(transaction=True)
def test_a_page_embed_opens_the_policy_for_its_provider_and_gets_its_thumbnail(
    settings, provider, task_queue
):
    settings.NEWSROOM_PAGE_CACHE = True
    provider.answer("https://www.youtube.com/oembed?", YOUTUBE_ANSWER)
    provider.answer(YOUTUBE_ANSWER["thumbnail_url"], jpeg_bytes(), content_type="image/jpeg")
    make_page(
        "Advertise",
        "advertise",
        body=f'<p>Our film.</p><figure data-block="embed" data-url="{VIDEO}"></figure>',
    )
    response, body = page_body_of(Client(), "/advertise/")
    assert "frame-src https://www.youtube-nocookie.com" in response["Content-Security-Policy"]
    assert soup(response).find("script", src=lambda src: src and "embeds.js" in src)
    assert body.find(attrs={"data-testid": "embed-youtube"}).find("img") is None
    assert Client().get("/advertise/")["X-Page-Cache"] == "hit"
    task_queue()  # the page's save queued its embed's preview
    assert EmbedPreview.objects.get(url=VIDEO).status == EmbedPreview.Status.FETCHED
    response, body = page_body_of(Client(), "/advertise/")
    assert response["X-Page-Cache"] != "hit"
    thumbnail = body.find(attrs={"data-testid": "embed-thumbnail"})
    assert thumbnail["src"].startswith("/media/embeds/")
    assert "ytimg" not in response.content.decode()
    other = make_page("Terms", "terms", body="<p>Plain words.</p>")
    policy = Client().get(other.get_absolute_url())["Content-Security-Policy"]
    assert "frame-src" not in policy


def test_a_related_story_block_shows_only_once_published(client):
    story = ArticleFactory(headline="How we check facts")
    make_page(
        "Corrections policy",
        "corrections-policy",
        body=f'<p>Read more.</p><aside data-block="related" data-article="{story.pk}"></aside>',
    )
    _, body = page_body_of(client, "/corrections-policy/")
    assert "How we check facts" not in body.get_text()
    story.status = story.Status.PUBLISHED
    story.save()
    _, body = page_body_of(Client(), "/corrections-policy/")
    assert "How we check facts" in body.get_text()
