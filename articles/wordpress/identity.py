"""
How the importer remembers what came from where.

Every object it makes is recorded in ImportedObject under the export's site address
and its WordPress identity (an id; a login; a category's or tag's slug), so running
the same import again finds it and updates it instead of adding a copy.

A post is its WordPress id (wp:post_id) within its site. Its GUID is not unique
(exports copied between sites, or put together from several, share them), so it
is only a second chance: a post whose id is new is matched by its GUID to a post
imported by an earlier run, when exactly one has that GUID and this run has not
imported it already (a site moved to another WordPress, whose ids changed).

A post without an id (old or hand-made exports) gets one made from its GUID,
address, title and date: `no-id-` and 16 hex digits. Posts alike in all four get
"-2", "-3"… in the order of the file, so every one is imported.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ..models import ImportedObject
from . import content

Kind = ImportedObject.Kind
NO_ID = "no-id-"


def post_key(item):
    """The identity of a post without a wp:post_id (see the module's docstring)."""
    date = item.post_date_gmt or item.post_date or item.pub_date
    words = "\n".join([item.guid, item.link, item.title, date])
    return NO_ID + hashlib.sha256(words.encode()).hexdigest()[:16]


def field_limit(model, name):
    return model._meta.get_field(name).max_length


def trim_slug(slug, limit):
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    return cut[: cut.rfind("-")] if "-" in cut[limit // 2 :] else cut


class Records:
    """The import record's look-ups, for the importer's parts (see importer.Import)."""

    def _distinct(self, items):
        """The batch's posts by identity. An export put together from several files
        may hold a post twice: the later wins. Posts without an id are all kept."""
        unique = {}
        for item in items:
            if not item.id:
                self._give_key(item, unique)
            elif item.id in unique:
                self.report.note("other", f"post {item.id} is in the export twice; the later kept")
            unique[item.id] = item
        return list(unique.values())

    def _give_key(self, item, batch):
        """A post without an id gets one made from what it has (post_key):
        the first of key, key-2, key-3… that no earlier post of this run has."""
        base = post_key(item)
        taken = {key for key in batch if key == base or key.startswith(f"{base}-")}
        taken |= set(
            ImportedObject.objects.filter(
                source=self.source,
                kind=Kind.POST,
                key__startswith=base,
                updated_at__gte=self.started,
            ).values_list("key", flat=True)
        )
        key, number = base, 1
        while key in taken:
            number += 1
            key = f"{base}-{number}"
        item.id = key
        title = content.plain(item.title) or "(no title)"
        self.report.note("no_id", f"post {key}: “{title}” {item.link or item.guid}".rstrip())

    def _refs_by_guid(self, guids, found_by_id):
        """Earlier runs' posts by GUID, where the GUID names exactly one (else None);
        not those the batch's posts have by their ids."""
        guids = [guid for guid in guids if guid]
        if not guids:
            return {}
        found = {}
        rows = ImportedObject.objects.filter(source=self.source, kind=Kind.POST, guid__in=guids)
        for ref in rows.order_by("pk"):
            found[ref.guid] = None if ref.guid in found or ref.pk in found_by_id else ref
        return found

    def _by_guid(self, by_guid, item):
        """The post an earlier run imported with this GUID, unless this run has
        imported it already (under its own id, or claimed by another post)."""
        ref = by_guid.get(item.guid) if item.guid else None
        if ref is None or ref.updated_at >= self.started:
            return None
        by_guid[item.guid] = None  # one post only
        return ref

    def content_type(self, model):
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        return self.content_types[model]

    def _ref(self, kind, key):
        return ImportedObject.objects.filter(source=self.source, kind=kind, key=key).first()

    def refs(self, kind, keys):
        rows = ImportedObject.objects.filter(source=self.source, kind=kind, key__in=keys)
        return {ref.key: ref for ref in rows}

    def _object(self, ref, model):
        """What an earlier run made, unless it has been deleted since."""
        if ref is None or ref.content_type_id != self.content_type(model).pk:
            return None
        return model.objects.filter(pk=ref.object_id).first()

    def _remember(self, ref, kind, key, obj, details=None):
        if ref is None:
            ref = ImportedObject(source=self.source, kind=kind, key=key)
        ref.content_type = self.content_type(type(obj))
        ref.object_id = obj.pk
        ref.details = details or {}
        ref.updated_at = timezone.now()
        ref.save()
        return ref

    def _save(self, obj, kind):
        created = obj.pk is None
        obj.save()
        self.report.count(kind, "created" if created else "updated")

    def _fit(self, value, model, name, where, kept):
        limit = field_limit(model, name)
        if len(value) <= limit:
            return value
        self.report.note(
            "long", f"{where}: {name.replace('_', ' ')} shortened; kept whole in the {kept}"
        )
        return content.shorten(value, limit)
