"""The image library: safe uploads, clean public files, focal-point crops and the
renditions reader pages are served. Every test file is made here, with Pillow or
by hand; nothing is downloaded."""

import io
import os
import re
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from PIL import ExifTags, Image, ImageFile, features
from PIL.PngImagePlugin import PngInfo

from images import library as images
from images.models import CaptionedImage, Crop, Rendition

from .factories import (
    ArticleFactory,
    ArticleImageFactory,
    AuthorFactory,
    CaptionedImageFactory,
    RelatedLinkFactory,
    picture_file,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
AVIF = features.check("avif")


# --- Files to upload ---------------------------------------------------------------


def encoded(fmt, size=(64, 48), color="navy", mode="RGB", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, fmt, **options)
    return buffer.getvalue()


def noise_jpeg(size=(400, 300)):
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "JPEG")
    return buffer.getvalue()


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


def camera_jpeg(orientation=1, size=(200, 100)):
    """Like a phone's photo: EXIF with the camera, an orientation and a GPS position.
    Stored left half red, right half blue."""
    picture = Image.new("RGB", size, "blue")
    picture.paste("red", (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "NewsCam"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif, quality=95)
    return buffer.getvalue()


XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Reuters">'
    '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Divers search the harbour'
    "</rdf:li></rdf:Alt></dc:description><dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li>"
    "</rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
)


def iptc_jpeg(caption, byline, credit):
    """A JPEG carrying an IPTC record in its Photoshop (APP13) segment."""

    def dataset(number, value):
        data = value.encode()
        return bytes([0x1C, 2, number]) + struct.pack(">H", len(data)) + data

    iptc = dataset(120, caption) + dataset(80, byline) + dataset(110, credit)
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc))
    resource += iptc + (b"\x00" if len(iptc) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    jpeg = encoded("JPEG")
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def upload(editor_client, data, name, **fields):
    form = {"title": "Harbour", "alt_text": "Divers in a harbour", "caption": "", "credit": ""}
    form.update(fields)
    form["upload"] = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return editor_client.post(reverse("admin:images_captionedimage_add"), form)


def stored_files(path):
    return [p for p in Path(path).rglob("*") if p.is_file()] if Path(path).exists() else []


def private_root():
    return Path(CaptionedImage._meta.get_field("original").storage.location)


# --- Accepted and refused uploads --------------------------------------------------

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
    assert 'class="errorlist' in html
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


# --- Clean public files ------------------------------------------------------------


def test_public_files_carry_no_metadata_and_no_gps(editor_client):
    data = camera_jpeg()
    with Image.open(io.BytesIO(data)) as sent:  # the test file really has them
        assert sent.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert sent.getexif()[ExifTags.Base.Make] == "NewsCam"
    response = upload(editor_client, data, "IMG_0001.JPG")
    assert response.status_code == 302
    image = CaptionedImage.objects.get()
    images.make_renditions(image)
    files = [image.image] + [r.file for r in Rendition.objects.filter(image=image)]
    assert len(files) > 3
    for stored in files:
        raw = stored.read()
        stored.close()
        assert b"NewsCam" not in raw
        assert b"Exif" not in raw
        with Image.open(io.BytesIO(raw)) as picture:
            assert not picture.getexif()
            assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
            assert not {"exif", "xmp", "icc_profile", "photoshop"} & set(picture.info)


def test_orientation_is_applied(editor_client):
    # Orientation 6: shown turned a quarter clockwise, so the left half is on top.
    assert upload(editor_client, camera_jpeg(orientation=6), "upright.jpg").status_code == 302
    image = CaptionedImage.objects.get()
    assert (image.width, image.height) == (100, 200)
    with Image.open(image.image) as picture:
        top, bottom = picture.getpixel((50, 20)), picture.getpixel((50, 180))
    assert top[0] > 200
    assert top[2] < 60
    assert bottom[2] > 200
    assert bottom[0] < 60


def test_caption_and_credit_come_from_xmp(editor_client):
    data = encoded("JPEG", xmp=XMP.encode())
    assert upload(editor_client, data, "agency.jpg").status_code == 302
    image = CaptionedImage.objects.get()
    assert image.caption == "Divers search the harbour"
    assert image.credit == "Jane Doe / Reuters"
    assert b"Reuters" not in image.image.read()


def test_caption_and_credit_come_from_iptc_but_never_overwrite_the_editor(editor_client):
    data = iptc_jpeg("Crowds at the gate", "Sam Roe", "AP")
    with Image.open(io.BytesIO(data)) as sent:
        assert images.read_credits(sent) == ("Crowds at the gate", "Sam Roe / AP")
    assert upload(editor_client, data, "wire.jpg", credit="Our photographer").status_code == 302
    image = CaptionedImage.objects.get()
    assert image.caption == "Crowds at the gate"
    assert image.credit == "Our photographer"


# --- Alt text ----------------------------------------------------------------------


def test_alt_text_is_required_unless_the_image_is_decorative(editor_client, client):
    response = upload(editor_client, encoded("JPEG"), "a.jpg", alt_text="")
    assert "tick “decorative”" in response.content.decode()
    assert not CaptionedImage.objects.exists()
    response = upload(editor_client, encoded("JPEG"), "a.jpg", alt_text="", decorative="on")
    assert response.status_code == 302
    ornament = CaptionedImage.objects.get()
    assert ornament.decorative
    article = ArticleFactory(published=True)
    ArticleImageFactory(article=article, image=ornament, after_paragraph=1)
    html = client.get(article.get_absolute_url()).content.decode()
    figure = html[html.index('<figure class="figure">') :]
    assert 'alt=""' in figure[: figure.index("</figure>")]


# --- Crops -------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(16, 9), (1, 1)])
@pytest.mark.parametrize("size", [(1600, 400), (400, 1600), (1000, 1000), (1920, 1080)])
@pytest.mark.parametrize("focal", [(0, 0), (0.5, 0.5), (0.93, 0.12), (1, 1), (0.05, 0.8)])
def test_every_crop_keeps_the_focal_point_in_frame(shape, size, focal):
    width, height = size
    left, top, right, bottom = images.crop_box(width, height, shape, focal)
    assert 0 <= left <= focal[0] * width <= right <= width
    assert 0 <= top <= focal[1] * height <= bottom <= height
    assert (right - left) / (bottom - top) == pytest.approx(shape[0] / shape[1])
    # The largest box of the shape: one side is the picture's whole side.
    assert right - left == pytest.approx(width) or bottom - top == pytest.approx(height)


def marked_picture():
    """A wide grey picture with a red subject near its right edge."""
    picture = Image.new("RGB", (1600, 400), (128, 128, 128))
    picture.paste((220, 0, 0), (1400, 160, 1480, 240))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="subject.png")


def square_rendition(image):
    rendition = Rendition.objects.filter(image=image, crop=Crop.SQUARE, format="png").first()
    with Image.open(rendition.file) as picture:
        return picture.convert("RGB")


def test_renditions_are_cut_around_the_focal_point():
    image = CaptionedImage(title="Subject", alt_text="A red subject")
    images.save(image, images.inspect(marked_picture()))
    images.make_renditions(image)
    centred = square_rendition(image)
    assert centred.getpixel((centred.width // 2, centred.height // 2))[0] < 160  # grey

    image.focal_x, image.focal_y = 1440 / 1600, 0.5
    image.save()
    assert images.make_renditions(image) > 0
    square = square_rendition(image)
    # The square is 400 wide at the right edge (x 1200–1600): the subject is in it.
    x = round((1440 - 1200) / 400 * square.width)
    assert square.getpixel((x, square.height // 2))[0] > 180
    assert square.getpixel((x, square.height // 2))[1] < 60


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
    picker = re.search(r'<div class="focal-picker".*?</svg></div>', html, re.S).group(0)
    # Placed by SVG attributes, which need no script and which the Content
    # Security Policy allows; it refuses style attributes.
    assert "style=" not in picker
    assert 'class="focal-marker" x="25.00%" y="75.00%"' in picker
    # The 16:9 crop is the picture's whole height; the square's 400 pixels are
    # centred on the focal point (400 of 1600 across), from 200 to 600.
    assert re.search(
        r'class="crop-outline crop-outline-wide" data-crop="16:9" '
        r'x="[\d.]+%" y="0.000%" width="[\d.]+%" height="100.000%"',
        picker,
    )
    assert (
        'class="crop-outline crop-outline-square" data-crop="1:1" '
        'x="12.500%" y="0.000%" width="25.000%" height="100.000%"'
    ) in picker
    assert "js/focal-point.js" in html
    assert "The renditions are being made" in html
    images.make_renditions(image)
    html = editor_client.get(url).content.decode()
    assert html.count('<figure class="crop-preview">') == 2
    assert "-16x9-" in html
    assert "-1x1-" in html


# --- Renditions --------------------------------------------------------------------


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

    body_picture = html[html.index("<picture>", html.index('<figure class="figure">')) :]
    body_picture = body_picture[: body_picture.index("</picture>")]
    assert 'width="800" height="600"' in body_picture
    assert 'loading="lazy"' in body_picture
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


# --- Regenerating ------------------------------------------------------------------


def test_regenerate_command_remakes_republishes_and_reports_bad_files(capsys):
    good = CaptionedImageFactory(title="Good")
    # An image from before the library: its upload (GPS and all) is the public file.
    legacy = CaptionedImage.objects.create(
        title="Legacy", alt_text="Old photo", width=200, height=100
    )
    legacy.image.save("old.jpg", ContentFile(camera_jpeg()), save=True)
    broken = CaptionedImageFactory(title="Broken")
    broken.original.delete(save=True)
    with broken.image.storage.open(broken.image.name, "wb") as public:
        public.write(b"not a picture any more")

    with pytest.raises(CommandError, match="1 image"):
        call_command("regenerate_renditions")
    out, err = capsys.readouterr()
    assert "[1/3] Good" in out
    assert "[3/3] Broken FAILED" in out
    assert "Legacy (re-encoded; upload moved to the originals)" in out
    assert "renditions made for 2 of 3 images" in out
    assert "“Broken”: This file is not a picture" in err

    assert Rendition.objects.filter(image=good).exists()
    legacy.refresh_from_db()
    assert legacy.original.read() == camera_jpeg()
    with Image.open(legacy.image) as picture:
        assert not picture.getexif()
    assert not Rendition.objects.filter(image=broken).exists()

    # --missing makes nothing that is already there.
    call_command("regenerate_renditions", "--missing", str(good.pk))
    assert "0 renditions made for 1 of 1 images" in capsys.readouterr().out


def test_a_bad_stored_file_never_breaks_pages_or_the_admin(client, editor_client):
    image = CaptionedImageFactory()
    with image.image.storage.open(image.image.name, "wb") as public:
        public.write(b"garbage")
    image.original.delete(save=True)
    from images.tasks import make_renditions

    assert make_renditions.call(image.pk) == 0  # logged, not raised
    article = ArticleFactory(published=True, lead_image=image)
    assert client.get(article.get_absolute_url()).status_code == 200
    for url in (
        reverse("admin:images_captionedimage_changelist"),
        reverse("admin:images_captionedimage_change", args=[image.pk]),
        reverse("admin:images_captionedimage_thumbnail", args=[image.pk]),
    ):
        assert editor_client.get(url).status_code in {200, 302}, url


# --- Admin pickers -----------------------------------------------------------------


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


# --- Settings ----------------------------------------------------------------------


def run_settings(code, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))}
    clean.update(env)
    prelude = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='newsroom.settings.base';"
        "from django.conf import settings as s;"
    )
    result = subprocess.run(
        [sys.executable, "-c", prelude + code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.split(), result.stderr


def test_storage_is_local_by_default_and_s3_by_environment(tmp_path):
    code = (
        "print(s.STORAGES['default']['BACKEND'], s.STORAGES['originals']['BACKEND'],"
        "s.STORAGES['originals'].get('OPTIONS', {}).get('location'), s.MEDIA_ROOT)"
    )
    local, _ = run_settings(code, NEWSROOM_VAR_DIR=str(tmp_path))
    assert local == [
        "django.core.files.storage.FileSystemStorage",
        "django.core.files.storage.FileSystemStorage",
        str(tmp_path / "private"),
        str(tmp_path / "media"),
    ]
    _, err = run_settings(
        code, NEWSROOM_VAR_DIR=str(tmp_path), NEWSROOM_PRIVATE_MEDIA_ROOT=str(tmp_path / "media/o")
    )
    assert "NEWSROOM_PRIVATE_MEDIA_ROOT must not be inside the media folder" in err
    s3, err = run_settings(
        code + ";print(s.STORAGES['originals']['OPTIONS']['querystring_auth'])",
        NEWSROOM_S3_BUCKET="newsroom-media",
        NEWSROOM_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert s3 == [
        "storages.backends.s3.S3Storage",
        "storages.backends.s3.S3Storage",
        "originals",
        str(ROOT / "var" / "media"),
        "True",
    ], err


def test_image_limits_and_task_backend_are_settings():
    code = (
        "print(s.NEWSROOM_IMAGE_MAX_UPLOAD_MB, s.NEWSROOM_IMAGE_MAX_PIXELS,"
        "','.join(map(str, s.NEWSROOM_IMAGE_WIDTHS)), s.TASKS['default']['BACKEND'])"
    )
    default, _ = run_settings(code)
    assert default == [
        "25",
        "40000000",
        "320,640,960,1280,1600,2048",
        "django.tasks.backends.immediate.ImmediateBackend",
    ]
    configured, _ = run_settings(
        code,
        NEWSROOM_IMAGE_MAX_UPLOAD_MB="10",
        NEWSROOM_IMAGE_MAX_PIXELS="24000000",
        NEWSROOM_IMAGE_WIDTHS="480, 960",
        NEWSROOM_TASKS_BACKEND="django.tasks.backends.dummy.DummyBackend",
    )
    assert configured == ["10", "24000000", "480,960", "django.tasks.backends.dummy.DummyBackend"]
    _, error = run_settings(code, NEWSROOM_IMAGE_WIDTHS="wide")
    assert "NEWSROOM_IMAGE_WIDTHS must be widths in pixels" in error
