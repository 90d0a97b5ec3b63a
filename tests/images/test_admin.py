"""The library's admin: the focal-point picker, crops drawn by hand, thumbnails for the pickers."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from images import library as images
from images.models import CaptionedImage
from tests.helpers.factories import (
    CaptionedImageFactory,
    picture_file,
)
from tests.helpers.html import soup
from tests.helpers.pictures import marked_picture

pytestmark = pytest.mark.django_db


def test_an_editor_can_draw_a_crop_by_hand(editor_client):
    image = CaptionedImage(title="Subject", alt_text="A red subject")
    images.save(image, images.inspect(marked_picture()))
    url = reverse("admin:images_captionedimage_change", args=[image.pk])
    form = {
        "title": image.title,
        "alt_text": image.alt_text,
        "caption": "",
        "credit": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        "crop_wide": "",
        # The left quarter of the picture: 400 × 400 pixels at the left edge.
        "crop_square": "0, 0, 25",
    }
    response = editor_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    image.refresh_from_db()
    assert image.crops == {"1:1": [0.0, 0.0, 0.25]}
    assert images.crop_box(1600, 400, (1, 1), override=image.crops["1:1"]) == (0, 0, 400, 400)
    assert editor_client.get(url).content.decode().count('value="0, 0, 25"') == 1

    form["crop_square"] = "90, 0, 50"
    response = editor_client.post(url, form)
    assert "This crop goes off the picture" in response.content.decode()
    form["crop_square"] = "ten, 0, 50"
    assert "Give left, top and width in per cent" in editor_client.post(url, form).content.decode()


def test_change_page_shows_the_picker_and_what_readers_get(editor_client):
    image = CaptionedImageFactory(
        upload=picture_file(1600, 400, name="wide.jpg"), focal_x=0.25, focal_y=0.75
    )
    url = reverse("admin:images_captionedimage_change", args=[image.pk])
    html = editor_client.get(url).content.decode()
    picker = soup(html).select_one("div.focal-picker")
    # Placed by SVG attributes, which need no script and which the Content
    # Security Policy allows; it refuses style attributes.
    assert not picker.has_attr("style")
    assert picker.select("[style]") == []
    marker = picker.select_one(".focal-marker")
    assert (marker["x"], marker["y"]) == ("25.00%", "75.00%")
    # The 16:9 crop is the picture's whole height; the square's 400 pixels are
    # centred on the focal point (400 of 1600 across), from 200 to 600.
    wide = picker.select_one('.crop-outline-wide[data-crop="16:9"]')
    assert wide["class"] == ["crop-outline", "crop-outline-wide"]
    assert re.fullmatch(r"[\d.]+%", wide["x"])
    assert re.fullmatch(r"[\d.]+%", wide["width"])
    assert (wide["y"], wide["height"]) == ("0.000%", "100.000%")
    square = picker.select_one('.crop-outline-square[data-crop="1:1"]')
    assert square["class"] == ["crop-outline", "crop-outline-square"]
    outline = (square["x"], square["y"], square["width"], square["height"])
    assert outline == ("12.500%", "0.000%", "25.000%", "100.000%")
    assert "js/focal-point.js" in html
    assert "The renditions are being made" in html
    images.make_renditions(image)
    html = editor_client.get(url).content.decode()
    assert len(soup(html).select("figure.crop-preview")) == 2
    assert "-16x9-" in html
    assert "-1x1-" in html


def test_thumbnail_redirects_to_the_square_rendition(editor_client):
    image = CaptionedImageFactory()
    url = reverse("admin:images_captionedimage_thumbnail", args=[image.pk])
    assert editor_client.get(url)["Location"] == image.image.url
    images.make_renditions(image)
    image.refresh_from_db()
    assert "-1x1-" in editor_client.get(url)["Location"]
    anonymous = Client()
    assert anonymous.get(url).status_code == 302
    assert "/admin/login/" in anonymous.get(url)["Location"]


def test_image_pickers_get_thumbnails(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "js/image-picker.js" in html
    assert 'data-model-ref="captionedimage"' in html
