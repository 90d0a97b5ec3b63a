"""Query building blocks the ORM lacks.

- `JSONRows` and `prefill`: short lists of related rows carried inside their
  parent's own query. An article page shows the article's tags, its corrections
  and its developing-story updates: three short lists that would cost a query
  each with prefetch_related. `JSONRows` puts such a list into the parent's row
  (a correlated subquery aggregated to one JSON array, on SQLite and on
  PostgreSQL), and `prefill` turns it back into model instances where
  prefetch_related would have put them, so `article.tags.all()` runs no query.
  Only for short lists of plain columns: the subquery runs once per parent row.
- `any_of`: the union of a few short id lists, for `pk__in`.
"""

import json
from datetime import UTC

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime


class JSONRows(models.Subquery):
    """The rows of `queryset` (its `fields` only, in its order) as a JSON array."""

    output_field = models.TextField()

    def __init__(self, queryset, fields):
        self.fields = tuple(fields)
        super().__init__(queryset.values(*self.fields))

    def as_sql(self, compiler, connection, template=None, **extra):
        subquery, params = super().as_sql(compiler, connection)
        quote = connection.ops.quote_name
        pairs = ", ".join(f"'{name}', _rows.{quote(name)}" for name in self.fields)
        if connection.vendor == "postgresql":
            array = f"COALESCE(json_agg(json_build_object({pairs}))::text, '[]')"
        else:
            array = f"json_group_array(json_object({pairs}))"
        # Only field names from our code (quoted) and the compiled subquery go in.
        return f"(SELECT {array} FROM {subquery} AS _rows)", params  # noqa: S608


def prefill(instance, name, model, data):
    """Make `instance.<name>.all()` return the rows in `data` (JSONRows' text)
    without a query, the way prefetch_related does."""
    rows = json.loads(data) if data else []
    return prefetched(instance, name, [_instance(model, row) for row in rows])


def prefetched(instance, name, objects):
    """Make `instance.<name>.all()` return `objects` without a query."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
    return objects


def _instance(model, row):
    values = {}
    for name, value in row.items():
        field = model._meta.get_field(name)
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            value = parse_datetime(value)
            if value is not None and timezone.is_naive(value):
                value = value.replace(tzinfo=UTC)  # SQLite keeps UTC without an offset
        values[field.attname] = value
    # from_db wants the values in the model's field order.
    fields = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(None, fields, [values[name] for name in fields])


def any_of(*querysets):
    """`pk__in` for the union of several short, LIMITed id lists (each queryset
    has one column and its own ORDER BY and LIMIT).

    An OR of `IN (subquery)` conditions hides how few rows there are from
    PostgreSQL's planner, which then reads the whole table; a UNION ALL of the
    lists is estimated as what it is. SQLite takes a LIMIT in a compound SELECT
    only inside a subquery, so each list is wrapped in one.
    """
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        sql, list_params = queryset.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS _list{number}")  # noqa: S608
        params.extend(list_params)
    return models.expressions.RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611
