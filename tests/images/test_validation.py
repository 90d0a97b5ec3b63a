"""Uploads the library accepts and refuses, and the limits editors are told."""

import io
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image, ImageFile
from PIL.PngImagePlugin import PngInfo

from images import library as images
from images.models import CaptionedImage
from tests.helpers.files import stored_files
from tests.helpers.html import soup
from tests.helpers.pictures import AVIF, encoded, noise_jpeg, private_root, upload

pytestmark = pytest.mark.django_db


def animated_gif():
    frames = [Image.new("P", (40, 30), color) for color in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def png_text():
    info = PngInfo()
    info.add_text("Author", "Somebody at home")
    return info


def png_header(width, height):
    """A PNG that is only a header claiming width × height pixels (and the end
    marker): Pillow can read its size, but there is nothing to decode."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


ACCEPTED = [
    ("photo.jpg", encoded("JPEG"), "jpg"),
    ("drawing.png", encoded("PNG", mode="RGBA", color=(0, 0, 128, 128), pnginfo=png_text()), "png"),
    ("photo.webp", encoded("WEBP"), "jpg"),
    ("animation.gif", animated_gif(), "png"),
]
if AVIF:
    ACCEPTED.append(("photo.avif", encoded("AVIF"), "jpg"))


@pytest.mark.parametrize(("name", "data", "public_extension"), ACCEPTED)
def test_accepted_formats_are_stored_privately_and_published_re_encoded(
    editor_client, settings, name, data, public_extension
):
    response = upload(editor_client, data, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = CaptionedImage.objects.get()
    # The upload is kept byte for byte, outside the public media folder.
    assert image.original.read() == data
    assert private_root() not in Path(settings.MEDIA_ROOT).parents
    assert not str(private_root()).startswith(str(settings.MEDIA_ROOT))
    # Readers get Pillow's re-encoding, never the upload itself.
    assert image.image.name.endswith(f".{public_extension}")
    public = image.image.read()
    assert public != data
    with Image.open(io.BytesIO(public)) as picture:
        assert picture.size == (image.width, image.height)
        assert getattr(picture, "n_frames", 1) == 1


def test_avif_follows_what_pillow_supports(editor_client):
    data = encoded("AVIF") if AVIF else b"\x00\x00\x00\x1cftypavif" + b"\x00" * 64
    response = upload(editor_client, data, "photo.avif")
    assert (response.status_code == 302) is AVIF
    assert CaptionedImage.objects.exists() is AVIF


REFUSED = [
    (
        "drawing.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
        "not a picture Newsroom accepts",
    ),
    ("page.html", b"<!doctype html><script>alert(1)</script>", "not a picture Newsroom accepts"),
    ("scan.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", "not a picture"),
    ("photo.jpg", b"This is a text file wearing a .jpg name.\n" * 20, "not a picture"),
    ("photo.jpg", encoded("BMP"), "not a picture Newsroom accepts"),
    ("photo.jpg", encoded("TIFF"), "not a picture Newsroom accepts"),
    ("cut.jpg", noise_jpeg()[:20_000], "cut short"),
    ("cut.png", encoded("PNG", size=(300, 300), mode="RGB", color="teal")[:120], "cut short"),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED)
def test_refused_files_get_a_form_error_and_store_nothing(editor_client, name, data, message):
    response = upload(editor_client, data, name)
    assert response.status_code == 200
    html = response.content.decode()
    assert soup(html).select(".errorlist")
    assert message in html
    assert not CaptionedImage.objects.exists()
    assert stored_files(private_root()) == []


def test_refused_files_never_raise_from_the_checks():
    for name, data, _ in REFUSED:
        with pytest.raises(ValidationError):
            images.inspect(ContentFile(data, name=name))
    with pytest.raises(ValidationError, match="empty"):
        images.inspect(ContentFile(b"", name="nothing.jpg"))


def test_a_decompression_bomb_is_refused_from_its_header_without_decoding(
    editor_client, monkeypatch
):
    def never(self):
        raise AssertionError("a refused image must not be decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", never)
    bomb = png_header(20_000, 20_000)
    assert len(bomb) < 100
    started = time.perf_counter()
    response = upload(editor_client, bomb, "bomb.png")
    assert time.perf_counter() - started < 2
    assert response.status_code == 200
    assert "more than 40 megapixels" in response.content.decode()
    assert not CaptionedImage.objects.exists()


def test_pixel_limit_is_a_setting(editor_client, settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 10_000
    response = upload(editor_client, encoded("PNG", size=(200, 100)), "wide.png")
    html = response.content.decode()
    assert "This picture is 200 × 100 pixels, and has more than 0.01 megapixels" in html
    assert not CaptionedImage.objects.exists()
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 20_000
    assert upload(editor_client, encoded("PNG", size=(200, 100)), "wide.png").status_code == 302


def test_upload_size_limit_is_a_setting(editor_client, settings):
    settings.NEWSROOM_IMAGE_MAX_UPLOAD_MB = 1
    noise = Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert buffer.tell() > 1024 * 1024
    response = upload(editor_client, buffer.getvalue(), "noise.png")
    assert "images may be at most 1 MB" in response.content.decode()
    assert not CaptionedImage.objects.exists()


def test_the_upload_field_tells_editors_the_limits(editor_client):
    html = editor_client.get(reverse("admin:images_captionedimage_add")).content.decode()
    assert "at most 25 MB and 40 megapixels" in html
    assert 'accept="image/jpeg,image/png,image/webp,image/gif' in html
