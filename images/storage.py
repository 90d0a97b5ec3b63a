"""Keeping a library image's files: the upload kept privately as it came (the
"originals" storage, never served), a clean public copy, and deleting them all."""

import logging
from functools import partial
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from .encoding import FILE_EXTENSIONS, PUBLIC_JPEG_QUALITY, encode
from .validation import EXTENSIONS, checked_upload

logger = logging.getLogger(__name__)


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
    upload = checked_upload(data)
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


def schedule_renditions(image):
    """Have the image's renditions made once the current transaction commits."""
    from .tasks import make_renditions as task  # the task's module imports this one

    transaction.on_commit(partial(task.enqueue, image.pk), robust=True)
