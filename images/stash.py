"""Uploads kept between two tries of the image form, so an editor never chooses and
sends a file twice: the file goes up once (before the form, with a progress bar,
or with it), is checked, and waits here, privately, under a signed token that only
its uploader can redeem, until the form is saved with its alt text.

Stashed files live in the originals storage (never served) under `stash/`;
they are deleted once used, and any left behind after a day when the next
upload is stashed."""

import base64
import io
import logging
import uuid
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from .models import CaptionedImage
from .validation import EXTENSIONS

logger = logging.getLogger(__name__)


def originals_storage():
    """Where originals are kept (private): stashed files are originals-to-be."""
    return CaptionedImage._meta.get_field("original").storage


FOLDER = "stash"
SALT = "images.stash"
KEEP = timedelta(days=1)
THUMBNAIL_SIZE = (240, 240)


def put(upload, user):
    """Keep a checked upload for `user`; returns its token."""
    prune()
    name = f"{FOLDER}/{uuid.uuid4().hex}.{EXTENSIONS[upload.format]}"
    upload.file.seek(0)
    name = originals_storage().save(name, upload.file)
    filename = getattr(upload.file, "name", "") or name
    return signing.dumps({"name": name, "user": user.pk, "filename": filename}, salt=SALT)


def gone():
    return ValidationError(
        "The file uploaded earlier is no longer kept (after a day it is deleted). Choose it again.",
        code="stash_gone",
    )


def _unsign(token, user):
    try:
        kept = signing.loads(token, salt=SALT, max_age=KEEP)
    except signing.BadSignature:
        kept = None
    if not kept or kept.get("user") != user.pk or not kept["name"].startswith(f"{FOLDER}/"):
        raise gone()
    return kept


def take(token, user):
    """The stashed file for `token`, opened, named as the editor's file was; or a
    ValidationError saying it is gone (expired, someone else's, or a forged token)."""
    kept = _unsign(token, user)
    storage = originals_storage()
    try:
        with storage.open(kept["name"], "rb") as stored:
            data = stored.read()
    except OSError:
        raise gone() from None
    return ContentFile(data, name=kept["filename"])


def filename(token, user):
    return _unsign(token, user)["filename"]


def discard(token, user):
    """Delete a stashed file once the image made from it is saved."""
    try:
        name = _unsign(token, user)["name"]
    except ValidationError:
        return
    try:
        originals_storage().delete(name)
    except Exception:
        logger.exception("Could not delete the stashed upload %s", name)


def prune():
    """Delete stashed files older than KEEP (tokens for them no longer redeem)."""
    storage = originals_storage()
    cutoff = timezone.now() - KEEP
    try:
        _, files = storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return
    for file in files:
        name = f"{FOLDER}/{file}"
        try:
            if storage.get_modified_time(name) < cutoff:
                storage.delete(name)
        except Exception:
            logger.exception("Could not prune the stashed upload %s", name)


def thumbnail(picture):
    """A small JPEG of a decoded picture, as a data: address (img-src allows them)."""
    small = picture.copy()
    small.thumbnail(THUMBNAIL_SIZE)
    buffer = io.BytesIO()
    small.convert("RGB").save(buffer, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()
