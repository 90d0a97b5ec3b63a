"""Querysets compiled to SQL once per process.

The ORM spends longer building some queries than the database spends running
them: the article page's query (an article, its section and lead picture, and
seven short lists carried in its row) took about 2 ms of Python to compile and
0.15 ms in SQLite. A `Prepared` query is built and compiled once, with
placeholder values where a request's own values go; each use runs the same SQL
with the request's values, and Django makes the model instances from the rows as
it always does (select_related objects, annotations, prefetch_related).

Only the parameter values may differ between uses, never the query's shape: a
builder that would add a condition for some values must be two Prepared queries.
The compiled SQL can carry ids of rows that migrations make (a tagged model's
content type): it is forgotten whenever migrate or flush has run.
"""

import copy
import itertools
import weakref
from datetime import UTC, datetime, timedelta

from django.db import connections
from django.db.models.signals import post_migrate

# Placeholder values no real request carries, one per parameter of the builder.
_INT_BASE = 7_346_021_934_511_000
_TIME_BASE = datetime(1901, 2, 3, tzinfo=UTC)
_counter = itertools.count()
_every = weakref.WeakSet()


def _placeholder(kind):
    number = next(_counter)
    if kind is int:
        return _INT_BASE + number
    if kind is str:
        return f"\x1fprepared-{number}\x1f"
    if kind is datetime:
        return _TIME_BASE + timedelta(seconds=number)
    raise TypeError(f"Prepared queries take int, str and datetime values, not {kind.__name__}.")


class Prepared:
    """`build(*values)` is a queryset; `prepared(*values)` is the list of its
    results, its SQL compiled only on the first use in each process (per
    database). A list, not a queryset: filtering or slicing further would change
    the SQL that was compiled. `kinds` are the values' types (int, str,
    datetime); each value must reach the SQL as a parameter, as it is or as the
    database's form of a date and time (a string on SQLite)."""

    def __init__(self, build, *kinds):
        self.build = build
        self.kinds = kinds
        self._compiled = {}
        self._converters = weakref.WeakKeyDictionary()
        _every.add(self)

    def __call__(self, *values, using="default"):
        if len(values) != len(self.kinds):
            raise TypeError(f"Expected {len(self.kinds)} values, got {len(values)}.")
        queryset, compiler, sql, slots, placeholders = self._compile(using)
        connection = connections[using]
        params = list(placeholders)
        for places, value in zip(slots, values, strict=True):
            for slot, adapted in places:
                params[slot] = connection.ops.adapt_datetimefield_value(value) if adapted else value
        # A compiler of our own for this use, on this thread's connection (each
        # thread has its own), handing Django's iterable the SQL already made.
        mine = copy.copy(compiler)
        mine.connection = connection
        mine.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        # Which converters each column's values go through (dates on SQLite,
        # JSON, decimals) depends only on the query and the connection: worked
        # out on each thread's connection's first use, not for every row set.
        converters = self._converters.get(connection)
        if converters is None:
            converters = self._converters[connection] = _Converters(mine)
        mine.get_converters = converters
        chained = queryset._chain()
        chained.query.get_compiler = lambda *args, **kwargs: mine
        return list(chained)

    def _compile(self, using):
        compiled = self._compiled.get(using)
        if compiled is None:
            ops = connections[using].ops
            placeholders = [_placeholder(kind) for kind in self.kinds]
            queryset = self.build(*placeholders).using(using)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            slots = []
            for placeholder in placeholders:
                stored = (
                    ops.adapt_datetimefield_value(placeholder)
                    if isinstance(placeholder, datetime)
                    else placeholder
                )
                places = [
                    (i, param != placeholder)
                    for i, param in enumerate(params)
                    if param in (placeholder, stored)
                ]
                if not places:
                    raise ValueError(
                        f"A prepared query must use each value as a parameter; "
                        f"{placeholder!r} is not one in {sql}"
                    )
                slots.append(places)
            compiled = self._compiled[using] = (queryset, compiler, sql, slots, params)
        return compiled


class _Converters:
    """A compiler's `get_converters`, answered once per set of columns."""

    def __init__(self, compiler):
        self.compiler = compiler
        self.known = {}

    def __call__(self, expressions):
        key = tuple(map(id, expressions))
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = type(self.compiler).get_converters(self.compiler, expressions)
        return found


def _forget_compiled(**kwargs):
    for prepared in list(_every):
        prepared._compiled.clear()
        prepared._converters.clear()


post_migrate.connect(_forget_compiled, dispatch_uid="core.prepared.forget")
