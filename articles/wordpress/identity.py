"""
How the importer remembers what came from where.

Every object it makes is recorded in ImportedObject under the export's site address
and its WordPress identity (an id; a login; a category's or tag's slug), so running
the same import again finds it and updates it instead of adding a copy.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ..models import ImportedObject
from . import content

Kind = ImportedObject.Kind


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
