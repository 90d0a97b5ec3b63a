"""
What an upload must be, checked before it costs anything: its size, its real
format (sniffed from the bytes: the name and the browser's content type are never
trusted, and only the accepted decoders are tried), its pixel count (read from the
header before anything is decoded), then a full decode into an upright sRGB
picture without metadata, which finds truncated and corrupt files.
"""

import contextlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image, ImageOps, features

from .metadata import read_credits

try:
    from PIL import ImageCms

    SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
except ImportError:  # Pillow built without littlecms: colours are converted naively
    ImageCms = SRGB = None

# Pillow's names of the formats editors may upload. MPO is what Pillow calls the
# JPEG files many phones write (a JPEG with a second, hidden frame).
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
if features.check("avif"):
    FORMATS["AVIF"] = "AVIF"
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
EXTENSIONS["AVIF"] = "avif"
# What the upload field's file picker offers (a hint only: the bytes decide).
ACCEPT = ",".join(f"image/{name.lower()}" for name in FORMATS if name != "MPO")


def protect_pillow():
    """Make Pillow itself refuse decompression bombs for any code that opens images:
    above the limit it warns, above twice the limit it refuses to open the file."""
    Image.MAX_IMAGE_PIXELS = settings.NEWSROOM_IMAGE_MAX_PIXELS


def format_names():
    names = [name for pillow, name in FORMATS.items() if pillow != "MPO"]
    return ", ".join(names[:-1]) + " or " + names[-1]


class Refused(Exception):
    """An image Newsroom will not take, with the message an editor should read."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def open_image(file):
    """Open an image from its header without decoding it, or refuse it.

    Only the accepted formats' decoders are tried, so an SVG, an HTML page, a
    PDF or a PostScript file never reaches a decoder at all.
    """
    file.seek(0)
    try:
        # MPO files are opened by the JPEG plugin; Pillow has no opener named MPO.
        image = Image.open(file, formats=[name for name in FORMATS if name != "MPO"])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels() from None
    except Exception:
        # Pillow raises many kinds of error on crafted files; every one means "no".
        raise Refused(
            f"This file is not a picture Newsroom accepts. Upload a {format_names()} image.",
            "not_an_image",
        ) from None
    width, height = image.size
    if width < 1 or height < 1:
        image.close()
        raise Refused("This picture has no pixels.", "empty_image")
    if width * height > settings.NEWSROOM_IMAGE_MAX_PIXELS:
        image.close()
        raise too_many_pixels(width, height)
    return image


def too_many_pixels(width=None, height=None):
    limit = settings.NEWSROOM_IMAGE_MAX_PIXELS / 1_000_000
    size = f" is {width:,} × {height:,} pixels, and" if width else ""
    return Refused(
        f"This picture{size} has more than {limit:g} megapixels. Export it smaller "
        "(the site never shows more than a few megapixels) and upload it again.",
        "too_many_pixels",
    )


def decode(image, *, draft_width=None, max_width=None):
    """Decode the first frame into an upright sRGB picture that carries no metadata.

    `draft_width` lets a JPEG decode at a fraction of its size when no more is
    needed (much faster and smaller); `max_width` scales the result down.
    """
    try:
        if draft_width and image.format in {"JPEG", "MPO"}:
            orientation = image.getexif().get(ExifTags.Base.Orientation)
            sideways = orientation in {5, 6, 7, 8}
            image.draft(None, (1, draft_width) if sideways else (draft_width, 1))
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
        picture = to_srgb(image)
        if max_width and picture.width > max_width:
            height = max(1, round(picture.height * max_width / picture.width))
            picture = picture.resize(
                (max_width, height), Image.Resampling.LANCZOS, reducing_gap=3.0
            )
    except Exception:
        # A truncated or corrupt file: refused, never a server error.
        raise Refused(
            f"This file looks like a {FORMATS.get(image.format, 'picture')} image but "
            "cannot be read: it may be damaged or cut short. Export it again and upload "
            "the new file.",
            "broken_image",
        ) from None
    picture.info = {}
    return picture


def to_srgb(image):
    """RGB (or RGBA when the picture really has transparency), in sRGB colours."""
    if image.mode in {"I", "I;16", "I;16B", "I;16L", "I;16N"}:  # 16-bit greyscale PNG
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    mode = "RGBA" if image.has_transparency_data else "RGB"
    profile = image.info.get("icc_profile")
    if profile and SRGB is not None and image.mode in {"RGB", "RGBA", "CMYK", "L"}:
        # A broken profile is ignored: the colours are then converted without it.
        with contextlib.suppress(Exception):
            image = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), SRGB, outputMode=mode
            )
    if image.mode != mode:
        image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")
    return image


@dataclass
class Upload:
    """A checked upload: the file as sent, and its clean, decoded picture."""

    file: object
    format: str
    picture: Image.Image
    caption: str
    credit: str

    @property
    def fallback(self):
        """The format every browser reads: PNG for drawings and transparency, else JPEG."""
        return "png" if self.format in {"PNG", "GIF"} or self.picture.mode == "RGBA" else "jpeg"


def inspect(file):
    """Check an upload and decode it, or raise a ValidationError an editor can act on.

    Checked in this order, each before the next costs anything: the file's size,
    its real format and its pixel count (from the header), then the whole file is
    decoded, which finds truncated and corrupt files.
    """
    try:
        return checked_upload(file)
    except Refused as refusal:
        raise ValidationError(refusal.message, code=refusal.code) from None


def checked_upload(file):
    """`inspect`, raising Refused (for code that reports it, not a form)."""
    limit = settings.NEWSROOM_IMAGE_MAX_UPLOAD_MB
    size = file.size
    if not size:
        raise Refused("The file is empty.", "empty")
    if size > limit * 1024 * 1024:
        raise Refused(
            f"The file is {size / 1024 / 1024:.1f} MB; images may be at most {limit} MB. "
            "Export a smaller JPEG and upload that.",
            "too_big",
        )
    with open_image(file) as image:
        pillow_format = image.format
        caption, credit = read_credits(image)
        widest = max(settings.NEWSROOM_IMAGE_WIDTHS)
        picture = decode(image, draft_width=widest, max_width=widest)
    return Upload(file, pillow_format, picture, caption, credit)
