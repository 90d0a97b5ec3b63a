"""
Pictures: attachments become library images when their file is under --media-dir,
and so do the pictures a post's text shows.
"""

import hashlib
import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File

from images import library as images
from images.models import CaptionedImage

from ..models import ImportedObject
from . import content
from .identity import Kind, field_limit

PICTURE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", ".avif"}
UPLOADS = re.compile(r"(?:/wp-content/uploads|/files|\.files\.wordpress\.com)/(.+)$")
WORDPRESS_COM_FILES = ".files.wordpress.com"
SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated)$")


def uploads_path(address):
    """The part of a picture's address under WordPress's uploads folder, which is its
    path under --media-dir: "…/wp-content/uploads/2021/05/x.jpg", WordPress.com's
    "https://site.files.wordpress.com/2021/05/x.jpg?w=300" (and the same through
    Jetpack's i0.wp.com) → "2021/05/x.jpg". A relative path (as in
    _wp_attached_file) is returned as it is; a size asked for in the query is not
    part of the file's name."""
    if not address:
        return ""
    if "://" not in address and not address.startswith("/"):
        return unquote(address).lstrip("/")
    parts = urlsplit(address)
    path = unquote(parts.path)
    if parts.hostname and parts.hostname.endswith(WORDPRESS_COM_FILES):
        return path.lstrip("/")
    match = UPLOADS.search(path)
    return match[1] if match else ""


def original_of(relative):
    """The uploaded file a resized copy was made from ("x-300x200.jpg" → "x.jpg")."""
    path = PurePosixPath(relative)
    return str(path.with_name(SIZE_SUFFIX.sub("", path.stem) + path.suffix))


class Pictures:
    """The importer's part that makes library images (see importer.Import)."""

    def _attachment(self, item):
        url = item.attachment_url or item.guid
        relative = uploads_path(item.meta.get("_wp_attached_file", "")) or uploads_path(url)
        suffix = PurePosixPath(relative or urlsplit(url).path).suffix.lower()
        self.attachments[item.id] = None
        if item.parent not in {"", "0"}:
            self.attached_to.setdefault(item.parent, []).append(item.id)
        if suffix not in PICTURE_EXTENSIONS:
            self.report.note("not_pictures", f"attachment {item.id}: {url}")
            return
        ref = self._ref(Kind.ATTACHMENT, item.id)
        image = self._object(ref, CaptionedImage)
        path = self._find(relative, url)
        if image is None and path is None:
            self.report.note("attachments_missing", f"attachment {item.id}: {url}")
            return
        where = f"attachment {item.id}"
        caption, credit = content.split_credit(content.plain(item.excerpt))
        description = content.plain(item.content)
        details = {"url": url}
        if not caption:
            caption, description = description, ""
        if description:
            details["description"] = description
            self.report.tallies["Attachment descriptions kept only in the import record"] += 1
        title = content.plain(item.title) or PurePosixPath(relative or url).name
        alt = " ".join(item.meta.get("_wp_attachment_image_alt", "").split())
        fresh = image is None
        if fresh:
            image = CaptionedImage()
        image.title = self._fit(title, CaptionedImage, "title", where, "import record")
        image.caption = self._fit(caption, CaptionedImage, "caption", where, "import record")
        image.credit = credit
        self._set_alt(image, alt, caption, where)
        if image.title != title or image.caption != caption:
            details.update(title=title, caption=caption)
        if fresh:
            if not self._store_picture(image, path, where):
                return
        else:
            self._save(image, "image")
        self._remember(ref, Kind.ATTACHMENT, item.id, image, details=details)
        self.attachments[item.id] = image.pk
        if relative:
            self.attachment_files[original_of(relative)] = image.pk

    def _set_alt(self, image, alt, caption, where):
        alt = alt or caption
        if len(alt) > field_limit(CaptionedImage, "alt_text"):
            self.report.note("long", f"{where}: alt text shortened ({len(alt)} characters)")
            alt = content.shorten(alt, field_limit(CaptionedImage, "alt_text"))
        image.alt_text = alt
        # WordPress allowed a picture without alt text; here that is "decorative".
        image.decorative = not alt
        if not alt:
            self.report.tallies["Pictures without alt text (marked decorative)"] += 1

    def _find(self, *addresses):
        """The file of a picture under --media-dir, by its path under the uploads
        folder; a resized copy's original is preferred."""
        if self.media_dir is None:
            return None
        for address in addresses:
            relative = uploads_path(address)
            if not relative:
                continue
            original = original_of(relative)
            stem, suffix = original.rsplit(".", 1) if "." in original else (original, "")
            candidates = [original, f"{stem}-scaled.{suffix}", relative]
            # A multisite network keeps each site's uploads in sites/<n>/.
            candidates += [re.sub(r"^sites/\d+/", "", c) for c in candidates]
            for candidate in dict.fromkeys(candidates):
                path = (self.media_dir / candidate).resolve()
                if path.is_relative_to(self.media_dir) and path.is_file():
                    return path
        return None

    def _store_picture(self, image, path, where):
        """Run the file through the image library (checked, re-encoded, stored)."""
        with path.open("rb") as handle:
            try:
                upload = images.inspect(File(handle, name=path.name))
            except ValidationError as error:
                self.report.note("refused", f"{where}: {path.name}: {' '.join(error.messages)}")
                return False
            try:
                images.save(image, upload)
            finally:
                self.written += [(f.storage, f.name) for f in (image.original, image.image) if f]
        self.report.count("image", "created")
        return True

    def _resolve_figure(self, figure):
        """The library image for a picture in a post: the attachment's own when the
        caption, credit and alt text agree (or it has none), else one of its own."""
        relative = uploads_path(figure.src)
        pk = self.attachments.get(figure.attachment_id) if figure.attachment_id else None
        if pk is None and not figure.src:
            return None  # an attachment of a gallery that is not in the export
        if pk is None and relative:
            pk = self.attachment_files.get(original_of(relative))
        if pk is not None:
            image = CaptionedImage.objects.get(pk=pk)
            if self._agrees(image, figure):
                return image
        key = self._figure_key(relative or figure.src, figure)
        ref = self._ref(Kind.IMAGE, key)
        image = self._object(ref, CaptionedImage)
        if image is not None:
            return image
        path = self._find(figure.src)
        if path is None:
            return None
        where = f"picture {PurePosixPath(relative or figure.src).name}"
        image = CaptionedImage(
            title=content.shorten(
                figure.caption or figure.alt or PurePosixPath(path).name,
                field_limit(CaptionedImage, "title"),
            ),
            caption=figure.caption,
            credit=figure.credit,
        )
        self._set_alt(image, figure.alt, figure.caption, where)
        if not self._store_picture(image, path, where):
            return None
        self._remember(None, Kind.IMAGE, key, image, details={"url": figure.src})
        return image

    @staticmethod
    def _agrees(image, figure):
        wanted = {"caption": figure.caption, "credit": figure.credit, "alt_text": figure.alt}
        if any(value and getattr(image, name) not in {"", value} for name, value in wanted.items()):
            return False
        # What the library image lacks, the post's picture fills in.
        changed = [name for name, value in wanted.items() if value and not getattr(image, name)]
        if changed:
            for name in changed:
                setattr(image, name, wanted[name])
            image.decorative = image.decorative and not image.alt_text
            image.save(update_fields=[*changed, "decorative"])
        return True

    @staticmethod
    def _figure_key(address, figure):
        words = "\n".join([figure.caption, figure.credit, figure.alt])
        digest = hashlib.sha256(words.encode()).hexdigest()[:16]
        key = f"{address}#{digest}"
        if len(key) > field_limit(ImportedObject, "key"):
            key = hashlib.sha256(key.encode()).hexdigest()
        return key
