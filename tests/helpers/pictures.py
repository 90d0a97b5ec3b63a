"""Pictures made for the image library's tests, with Pillow or by hand (nothing is
downloaded), and uploading them as an editor does."""

import io
import os
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, features

from images.models import CaptionedImage, Crop, Rendition

AVIF = features.check("avif")


def encoded(fmt, size=(64, 48), color="navy", mode="RGB", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, fmt, **options)
    return buffer.getvalue()


def noise_jpeg(size=(400, 300)):
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "JPEG")
    return buffer.getvalue()


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


def upload(editor_client, data, name, **fields):
    form = {
        "title": "Harbour",
        "alt_text": "Divers in a harbour",
        "caption": "",
        "credit": "",
    }
    form.update(fields)
    form["upload"] = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return editor_client.post(reverse("admin:images_captionedimage_add"), form)


def private_root():
    return Path(CaptionedImage._meta.get_field("original").storage.location)


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
