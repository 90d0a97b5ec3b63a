"""Renditions: made after commit, once, again only where a crop moved, and served responsively."""

import pytest

from images import library as images
from images.models import CaptionedImage, Crop, Rendition
from tests.helpers.factories import (
    ArticleFactory,
    ArticleImageFactory,
    AuthorFactory,
    CaptionedImageFactory,
    RelatedLinkFactory,
    picture_file,
)
from tests.helpers.html import soup
from tests.helpers.pictures import AVIF, marked_picture

pytestmark = pytest.mark.django_db


def test_saving_an_image_enqueues_its_renditions_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = CaptionedImageFactory()
    enqueued = [c for c in callbacks if getattr(c, "args", None) == (image.pk,)]
    assert enqueued
    assert enqueued[0].func.__self__.name == "make_renditions"
    assert not Rendition.objects.exists()  # nothing made before the commit

    with django_capture_on_commit_callbacks(execute=True):
        CaptionedImageFactory()
    assert Rendition.objects.exists()


def test_renditions_are_made_once_and_reused(client):
    image = CaptionedImage(title="Subject", alt_text="A red subject")
    images.save(image, images.inspect(marked_picture()))
    made = images.make_renditions(image)
    formats = 3 if AVIF else 2
    # 1600 × 400: 320, 640, 960, 1280 and 1600 wide; the 16:9 crop is 711 wide
    # (320 and 711: 640 is too close to 711 to be worth a file); the square 400 (320, 400).
    assert made == (5 + 2 + 2) * formats
    assert Rendition.objects.filter(image=image).count() == made
    assert images.make_renditions(image) == 0
    article = ArticleFactory(published=True, lead_image=image)
    before = {r.pk: r.file.name for r in Rendition.objects.all()}
    for _ in range(2):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert client.get("/").status_code == 200
    assert {r.pk: r.file.name for r in Rendition.objects.all()} == before


def test_a_new_focal_point_remakes_only_the_crops_it_moves(django_capture_on_commit_callbacks):
    image = CaptionedImage(title="Subject", alt_text="A red subject")
    images.save(image, images.inspect(marked_picture()))
    images.make_renditions(image)
    old = {(r.crop, r.width, r.format): r.file.name for r in Rendition.objects.all()}
    image.focal_x = 0.9
    image.save()
    with django_capture_on_commit_callbacks(execute=True):  # files are deleted on commit
        images.make_renditions(image)
    new = {(r.crop, r.width, r.format): r.file.name for r in Rendition.objects.all()}
    changed = {spec[0] for spec in new if new[spec] != old.get(spec)}
    assert changed == {Crop.WIDE, Crop.SQUARE}  # the full picture stays as it was
    storage = Rendition._meta.get_field("file").storage
    gone = [name for spec, name in old.items() if new.get(spec) != name]
    assert gone
    assert not any(storage.exists(name) for name in gone)


def test_article_page_serves_responsive_renditions(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lead = CaptionedImageFactory(upload=picture_file(2400, 1600, name="lead.jpg"))
        body = CaptionedImageFactory(upload=picture_file(800, 600, name="body.jpg"))
        photo = CaptionedImageFactory(upload=picture_file(300, 400, name="face.jpg"))
        teaser = CaptionedImageFactory(upload=picture_file(500, 500, name="teaser.jpg"))
    article = ArticleFactory(published=True, lead_image=lead, authors=[AuthorFactory(photo=photo)])
    ArticleImageFactory(article=article, image=body, after_paragraph=1)
    RelatedLinkFactory(article=article, teaser_image=teaser, after_paragraph=2)
    html = client.get(article.get_absolute_url()).content.decode()

    lead_picture = html[html.index("<picture>") : html.index("</picture>")]
    if AVIF:
        assert '<source type="image/avif" srcset="/media/renditions/' in lead_picture
    assert '<source type="image/webp" srcset="/media/renditions/' in lead_picture
    for width in (320, 640, 960, 1280, 1600, 2048):
        assert f"-{width}.jpg {width}w" in lead_picture
    assert "-full-" in lead_picture
    assert 'width="2048" height="1365"' in lead_picture
    assert 'fetchpriority="high"' in lead_picture
    assert 'loading="lazy"' not in lead_picture
    assert 'sizes="(max-width: 44.5rem) calc(100vw - 2.5rem), 42rem"' in lead_picture

    body_picture = soup(html).select_one("figure.figure:not(.figure-lead) picture")
    assert (body_picture.img["width"], body_picture.img["height"]) == ("800", "600")
    assert body_picture.img["loading"] == "lazy"
    # Author photos and teaser thumbnails are square crops.
    assert html.count("-1x1-") >= 4
    assert 'width="300" height="300"' in html  # the author photo's square
    assert html.count("<picture>") == html.count("</picture>") == 4


def test_cards_use_the_16_9_crop(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lead = CaptionedImageFactory(upload=picture_file(1200, 900, name="card.jpg"))
    ArticleFactory(published=True, lead_image=lead)
    html = client.get("/").content.decode()
    assert "-16x9-" in html
    assert 'width="1200" height="675"' in html


def test_until_renditions_exist_the_public_file_stands_in(client):
    image = CaptionedImageFactory()  # the commit never comes: no renditions
    article = ArticleFactory(published=True, lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<img src="{image.image.url}"' in html
    assert "srcset" not in html[html.index("<picture>") : html.index("</picture>")]


def test_page_queries_never_touch_the_renditions_table(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(published=True, lead_image=CaptionedImageFactory())
        ArticleImageFactory(article=article)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
    assert queries.captured_queries
    assert not [q for q in queries.captured_queries if '"articles_rendition"' in q["sql"]]
