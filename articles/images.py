"""
The image library's rules: what an upload must be, how it is made safe to
publish, where its crops fall, and the renditions readers are served.

Nothing an editor uploads is served as it came. The upload itself is kept in the
private "originals" storage; the public file and every rendition are decoded and
re-encoded by Pillow, turned upright, converted to sRGB and written without any
metadata, so a camera's GPS position or serial number never reaches a reader.

Pillow is handed only what it needs to see: the file's size is checked before
anything is read, the real format is sniffed from the bytes (the name and the
browser's content type are never trusted) and only the accepted decoders are
tried, and the pixel count is read from the header before anything is decoded.
"""

import contextlib
import hashlib
import io
import logging
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from PIL import ExifTags, Image, ImageOps, IptcImagePlugin, features

from .models import CaptionedImage, Crop, Rendition

try:
    from PIL import ImageCms

    SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
except ImportError:  # Pillow built without littlecms: colours are converted naively
    ImageCms = SRGB = None

logger = logging.getLogger(__name__)

# Pillow's names of the formats editors may upload. MPO is what Pillow calls the
# JPEG files many phones write (a JPEG with a second, hidden frame).
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
if features.check("avif"):
    FORMATS["AVIF"] = "AVIF"
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
EXTENSIONS["AVIF"] = "avif"
# What the upload field's file picker offers (a hint only: the bytes decide).
ACCEPT = ",".join(f"image/{name.lower()}" for name in FORMATS if name != "MPO")

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

# The shapes of the crops, and the widest rendition each needs: squares are for
# thumbnails and author photos, 16:9 for cards; neither is ever shown large.
SHAPES = {Crop.ORIGINAL: None, Crop.WIDE: (16, 9), Crop.SQUARE: (1, 1)}
SHAPE_MAX_WIDTH = {Crop.ORIGINAL: None, Crop.WIDE: 1600, Crop.SQUARE: 640}
# Below this fraction of the natural width a configured width is worth its own file.
WIDTH_STEP = 0.9


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


# --- Reading files safely ----------------------------------------------------------


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


# --- Credits from the file's metadata ---------------------------------------------


def read_credits(image):
    """Caption and credit from the file's XMP or IPTC metadata, when it has them.

    Caption: dc:description, else IPTC 2:120. Credit: the photographer (dc:creator,
    IPTC 2:80) and the agency (photoshop:Credit, IPTC 2:110), else the copyright
    notice (dc:rights, IPTC 2:116).
    """
    try:
        xmp = image.getxmp()
    except Exception:
        xmp = {}
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:
        iptc = {}
    caption = _xmp_text(xmp, "description") or _iptc_text(iptc, (2, 120))
    byline = _xmp_text(xmp, "creator") or _iptc_text(iptc, (2, 80))
    agency = _xmp_text(xmp, "Credit") or _iptc_text(iptc, (2, 110))
    credit = " / ".join(dict.fromkeys(part for part in (byline, agency) if part))
    if not credit:
        rights = _xmp_text(xmp, "rights") or _iptc_text(iptc, (2, 116))
        credit = rights.removeprefix("©").removeprefix("(c)").removeprefix("Copyright").strip()
    return _plain(caption)[:500], _plain(credit)[:200]


def _plain(text):
    return " ".join("".join(c for c in text if c.isprintable() or c.isspace()).split())


def _xmp_find(node, name):
    if isinstance(node, dict):
        if name in node:
            return node[name]
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _xmp_find(child, name)
        if found is not None:
            return found
    return None


def _xmp_value(node):
    if isinstance(node, str):
        return node.strip()
    if isinstance(node, list):
        return next((text for text in map(_xmp_value, node) if text), "")
    if isinstance(node, dict):
        if isinstance(node.get("text"), str):
            return node["text"].strip()
        for key in ("Alt", "Seq", "Bag", "li"):
            if key in node:
                return _xmp_value(node[key])
    return ""


def _xmp_text(xmp, name):
    return _xmp_value(_xmp_find(xmp, name))


def _iptc_text(iptc, key):
    value = iptc.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if not value:
        return ""
    try:
        return value.decode("utf-8").strip()
    except UnicodeDecodeError:
        return value.decode("latin-1").strip()


# --- Uploads -----------------------------------------------------------------------


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
        return _inspect(file)
    except Refused as refusal:
        raise ValidationError(refusal.message, code=refusal.code) from None


def _inspect(file):
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


def store(image, upload):
    """Keep the upload privately and publish its clean copy (not saved to the database).

    A new file starts with its crops cut around the focal point; caption and credit
    come from the file's metadata only where the editor left them empty.
    """
    stem = slugify(PurePath(upload.file.name or "").stem)[:60] or "image"
    upload.file.seek(0)
    image.original.save(f"{stem}.{EXTENSIONS[upload.format]}", upload.file, save=False)
    fmt = upload.fallback
    data = encode(upload.picture, fmt, quality=PUBLIC_JPEG_QUALITY if fmt == "jpeg" else None)
    image.image.save(f"{stem}.{FILE_EXTENSIONS[fmt]}", ContentFile(data), save=False)
    image.width, image.height = upload.picture.size
    image.crops = {}
    image.rendition_cache = {}
    image.caption = image.caption or upload.caption
    image.credit = image.credit or upload.credit


def save(image, upload=None):
    """Save a library image; with an upload, store it safely first.

    Renditions are made once the transaction commits, by the task backend: at
    once by default, or in a worker. The admin, the demo and the tests call this.
    """
    replaced = []
    if upload is not None:
        replaced = [(f.storage, f.name) for f in (image.original, image.image) if f]
        store(image, upload)
    image.save()
    schedule_renditions(image)
    if replaced:
        transaction.on_commit(partial(delete_files, replaced))


def republish(image):
    """An image stored before the library has only its public file, exactly as it was
    uploaded: keep that as the original and publish a clean copy in its place."""
    with image.image.open("rb") as stored:
        data = ContentFile(stored.read(), name=PurePath(image.image.name).name)
    upload = _inspect(data)
    old = (image.image.storage, image.image.name)
    store(image, upload)
    image.save()
    transaction.on_commit(partial(delete_files, [old]))


def files_of(image):
    """Every stored file of an image (to delete them with it)."""
    files = [(field.storage, field.name) for field in (image.original, image.image) if field]
    files += [(r.file.storage, r.file.name) for r in image.renditions.all() if r.file]
    return files


def delete_files(files):
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete %s", name)


# --- Crops -------------------------------------------------------------------------


def crop_box(width, height, shape, focal=(0.5, 0.5), override=None):
    """The part of a width × height picture a crop keeps, as (left, top, right, bottom).

    Without an override, the largest box of the shape, centred on the focal point
    as far as the edges allow: the focal point is always inside it. An override
    (left, top and width as fractions of the picture) is the editor's own box.
    """
    if shape is None:
        return (0.0, 0.0, float(width), float(height))
    across, down = shape
    if width * down > height * across:
        box_width, box_height = height * across / down, float(height)
    else:
        box_width, box_height = float(width), width * down / across
    try:
        left, top, fraction = (float(value) for value in override)
    except (TypeError, ValueError):
        focal_x, focal_y = focal
        left = focal_x * width - box_width / 2
        top = focal_y * height - box_height / 2
    else:
        scale = min(1.0, max(fraction * width / box_width, 1 / box_width))
        box_width, box_height = box_width * scale, box_height * scale
        left, top = left * width, top * height
    left = min(max(left, 0.0), width - box_width)
    top = min(max(top, 0.0), height - box_height)
    return (left, top, left + box_width, top + box_height)


def override_box(text, width, height, shape):
    """An editor's crop typed as "left, top, width" in per cent, checked against the
    picture; returns fractions, or raises ValidationError."""
    try:
        left, top, box = (float(part) for part in text.replace("%", "").split(","))
    except ValueError:
        raise ValidationError(
            "Give left, top and width in per cent, e.g. “10, 5, 80”.", code="crop"
        ) from None
    across, down = shape
    box_height = box * width * down / across / height
    if not (0 <= left < 100 and 0 <= top < 100 and box > 0):
        raise ValidationError("Left and top go from 0 to 100, and the width is more than 0.")
    if left + box > 100.5 or top + box_height > 100.5:
        raise ValidationError(
            f"This crop goes off the picture: at {box:g}% wide it is {box_height:.0f}% tall."
        )
    return [round(left / 100, 4), round(top / 100, 4), round(box / 100, 4)]


# --- Renditions --------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """One rendition an image should have."""

    crop: str
    width: int
    height: int
    format: str
    key: str
    box: tuple  # in the public picture's pixels

    @property
    def id(self):
        return (self.crop, self.width, self.format)


def spec_id(rendition):
    return (rendition.crop, rendition.width, rendition.format)


def formats(fallback):
    return (["avif"] if features.check("avif") else []) + ["webp", fallback]


def widths(box_width, crop):
    """Configured widths narrower than the crop, and the crop's own (capped) width."""
    configured = settings.NEWSROOM_IMAGE_WIDTHS
    cap = min(max(configured), SHAPE_MAX_WIDTH[crop] or max(configured))
    natural = max(1, min(int(box_width), cap))
    return [width for width in configured if width < natural * WIDTH_STEP] + [natural]


def plan(image):
    """Every rendition the image should have, given its file, focal point and crops."""
    if not image.image or not image.width or not image.height:
        return []
    fallback = "png" if image.image.name.lower().endswith(".png") else "jpeg"
    specs = []
    for crop, shape in SHAPES.items():
        box = crop_box(
            image.width,
            image.height,
            shape,
            (image.focal_x, image.focal_y),
            (image.crops or {}).get(crop),
        )
        box_width, box_height = box[2] - box[0], box[3] - box[1]
        corners = ",".join(f"{value:.1f}" for value in box)
        fingerprint = f"{ENCODING}|{image.image.name}|{crop}|{corners}"
        key = hashlib.sha256(fingerprint.encode()).hexdigest()[:12]
        for width in widths(box_width, crop):
            height = max(1, round(width * box_height / box_width))
            specs.extend(Spec(crop, width, height, fmt, key, box) for fmt in formats(fallback))
    return specs


def make_renditions(image, *, force=False):
    """Make the renditions the image is missing (or all of them, with force), delete
    the ones it no longer needs, and write the cache reader pages draw from.

    Returns how many files were made. Raises Refused when the stored file cannot
    be read; nothing is changed then.
    """
    specs = plan(image)
    existing = {spec_id(r): r for r in Rendition.objects.filter(image=image)}
    todo = [s for s in specs if force or s.id not in existing or existing[s.id].key != s.key]
    made = render_files(image, todo) if todo else {}
    with transaction.atomic():
        current = CaptionedImage.objects.select_for_update().filter(pk=image.pk).first()
        if current is None or [s.key for s in plan(current)] != [s.key for s in specs]:
            # Deleted, or changed while we worked: the task that change enqueued
            # makes the right renditions; ours would be stale.
            transaction.on_commit(partial(delete_files, list(made.values())))
            return 0
        rows = {spec_id(r): r for r in Rendition.objects.filter(image=image)}
        leftovers = []
        for spec in specs:
            if spec.id not in made:
                continue
            storage, name = made[spec.id]
            row = rows.get(spec.id) or Rendition(image=image, crop=spec.crop, width=spec.width)
            if row.pk and row.file:
                leftovers.append((row.file.storage, row.file.name))
            row.format, row.height, row.key, row.file = spec.format, spec.height, spec.key, name
            row.save()
            rows[spec.id] = row
        wanted = {spec.id for spec in specs}
        for made_for, row in list(rows.items()):
            if made_for not in wanted:
                leftovers.append((row.file.storage, row.file.name))
                row.delete()
                del rows[made_for]
        cache = build_cache(specs, rows)
        CaptionedImage.objects.filter(pk=image.pk).update(rendition_cache=cache)
        transaction.on_commit(partial(delete_files, leftovers))
    image.rendition_cache = cache
    return len(made)


def render_files(image, specs):
    """Decode the image's source once and write the renditions; returns their names."""
    source = image.original if image.original else image.image
    storage = Rendition._meta.get_field("file").storage
    # Enough source pixels for the most demanding crop, so a JPEG decodes no larger.
    draft_width = max(
        round(spec.width * image.width / (spec.box[2] - spec.box[0])) for spec in specs
    )
    with source.open("rb") as stored, open_image(stored) as opened:
        picture = decode(opened, draft_width=draft_width)
    scale_x, scale_y = picture.width / image.width, picture.height / image.height
    stem = slugify(PurePath(image.image.name).stem)[:40] or "image"
    made = {}
    sizes = {}
    for spec in specs:
        sizes.setdefault((spec.crop, spec.width, spec.height, spec.box, spec.key), []).append(spec)
    try:
        for (crop, width, height, box, key), group in sizes.items():
            resized = picture.resize(
                (width, height),
                Image.Resampling.LANCZOS,
                box=(box[0] * scale_x, box[1] * scale_y, box[2] * scale_x, box[3] * scale_y),
                reducing_gap=3.0,
            )
            shape = {"": "full", "16:9": "16x9", "1:1": "1x1"}[crop]
            for spec in group:
                extension = FILE_EXTENSIONS[spec.format]
                name = f"renditions/{image.pk}/{stem}-{shape}-{key[:8]}-{width}.{extension}"
                saved = storage.save(name, ContentFile(encode(resized, spec.format)))
                made[spec.id] = (storage, saved)
    except BaseException:
        delete_files(made.values())
        raise
    return made


def build_cache(specs, rows):
    """What templates need, by crop: the sizes and, per format, the files' addresses."""
    crops = {}
    for spec in specs:
        row = rows.get(spec.id)
        if row is None:
            continue
        entry = crops.setdefault(spec.crop, {"sizes": [], "urls": {}})
        if [spec.width, spec.height] not in entry["sizes"]:
            entry["sizes"].append([spec.width, spec.height])
        entry["urls"].setdefault(spec.format, []).append(row.file.url)
        entry["fallback"] = spec.format  # the last format of each width is the fallback
    return {"v": 1, "crops": crops}


def schedule_renditions(image):
    """Have the image's renditions made once the current transaction commits."""
    from .tasks import make_renditions as task

    transaction.on_commit(partial(task.enqueue, image.pk), robust=True)


# --- What templates draw -----------------------------------------------------------


@dataclass
class Picture:
    src: str
    width: int
    height: int
    srcset: str = ""
    sources: tuple = ()


def picture(image, crop=""):
    """An image's renditions for a <picture>, from the row's cache (no query).

    Until its renditions are made, the public file stands in for every crop (the
    page's CSS crops it), so a page never breaks while a worker catches up.
    """
    entry = ((image.rendition_cache or {}).get("crops") or {}).get(crop or "")
    if not entry or len(entry["urls"].get(entry.get("fallback"), ())) != len(entry["sizes"]):
        return Picture(image.image.url if image.image else "", image.width, image.height)
    sizes, urls, fallback = entry["sizes"], entry["urls"], entry["fallback"]

    def srcset(fmt):
        return ", ".join(f"{url} {w}w" for url, (w, _) in zip(urls[fmt], sizes, strict=False))

    src_index = max((i for i, (w, _) in enumerate(sizes) if w <= 1280), default=0)
    width, height = sizes[-1]
    return Picture(
        src=urls[fallback][src_index],
        width=width,
        height=height,
        srcset=srcset(fallback),
        sources=tuple(
            {"type": CONTENT_TYPES[fmt], "srcset": srcset(fmt)}
            for fmt in urls
            if fmt != fallback and len(urls[fmt]) == len(sizes)
        ),
    )


def rendition_url(image, crop=Crop.SQUARE, width=0):
    """The address of a crop's fallback rendition at least `width` wide (else its
    widest), or of the public file while there are no renditions. For the admin."""
    entry = ((image.rendition_cache or {}).get("crops") or {}).get(crop)
    if entry and entry["urls"].get(entry.get("fallback")):
        urls = entry["urls"][entry["fallback"]]
        for url, (rendition_width, _) in zip(urls, entry["sizes"], strict=False):
            if rendition_width >= width:
                return url
        return urls[-1]
    return image.image.url if image.image else ""


def rendition_for(image, crop=Crop.ORIGINAL, width=1200):
    """(address, width, height) of a crop's fallback rendition at least `width` wide
    (else its widest), or of the public file while there are no renditions: for
    link previews, feeds and structured data, which take one file, not a srcset."""
    entry = ((image.rendition_cache or {}).get("crops") or {}).get(crop)
    if entry and entry["urls"].get(entry.get("fallback")):
        urls = entry["urls"][entry["fallback"]]
        for url, (rendition_width, height) in zip(urls, entry["sizes"], strict=False):
            if rendition_width >= width:
                return url, rendition_width, height
        return urls[-1], *entry["sizes"][len(urls) - 1]
    if not image.image:
        return None
    return image.image.url, image.width, image.height
