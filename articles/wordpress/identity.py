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
