"""The renditions readers are served: every crop of a library image in the
configured widths and formats, made once (by the task in tasks.py) and listed
on the image's row, so pages draw them without a query; and what templates,
feeds and link previews take from them."""

import hashlib
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image, features

from .crops import SHAPES, crop_box
from .encoding import CONTENT_TYPES, ENCODING, FILE_EXTENSIONS, encode
from .models import CaptionedImage, Crop, Rendition
from .signals import renditions_made
from .storage import delete_files
from .validation import decode, open_image

# The widest rendition each crop needs: squares are for thumbnails and author
# photos, 16:9 for cards; neither is ever shown large.
SHAPE_MAX_WIDTH = {Crop.ORIGINAL: None, Crop.WIDE: 1600, Crop.SQUARE: 640}
# Below this fraction of the natural width a configured width is worth its own file.
WIDTH_STEP = 0.9


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
    renditions_made.send(sender=CaptionedImage, image=image)
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
