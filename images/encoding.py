"""How pictures are written: the public copy and every rendition are encoded by
Pillow from a decoded picture, so nothing of the uploaded file's metadata (a
camera's GPS position or serial number) ever reaches a reader."""

import io

from PIL import Image

# How each rendition format is written. Changing a setting here changes what a
# rendition is: bump ENCODING so `regenerate_renditions` makes them again.
ENCODING = "1"
ENCODERS = {
    "avif": ("AVIF", {"quality": 60, "speed": 7}),
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
    "png": ("PNG", {}),
}
PUBLIC_JPEG_QUALITY = 88
CONTENT_TYPES = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
FILE_EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}


def encode(picture, fmt, *, quality=None):
    """The picture as a file of the given rendition format, with no metadata."""
    pillow_format, options = ENCODERS[fmt]
    options = dict(options)
    if quality:
        options["quality"] = quality
    if fmt == "jpeg" and picture.mode != "RGB":
        flat = Image.new("RGB", picture.size, "white")
        flat.paste(picture, mask=picture.getchannel("A") if picture.mode == "RGBA" else None)
        picture = flat
    buffer = io.BytesIO()
    picture.save(buffer, pillow_format, **options)
    return buffer.getvalue()
