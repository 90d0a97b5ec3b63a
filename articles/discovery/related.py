"""Check Also and "Related stories": public articles ranked by what they share
with an article (README: "At the end of an article").

Score: 3 for each shared tag, 2 for the same section (1 for the same top-level
section), plus recency (3 within two days, 2 within a week, 1 within a month).
Candidates share a tag or the top-level section. Ties go to the newer article.
The editor's pick (when it is public) comes first.

An article keeps its ranking (the ids, in the shared cache) for as long as a
page drawn with it may be served, NEWSROOM_PAGE_CACHE_SECONDS: ranking is most
of what an uncached article page costs the database. A change to the article's
tags, section or pick ranks it again at once (they are part of the key); an
article shown that is no longer public drops out at once (the ids are read
back through `published()`); a new article can enter on the next ranking, as
"Related stories" on a cached page always could (articles/pagekeys.py).
"""

import functools
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone
from taggit.models import TaggedItem

from core.prepared import Prepared

from ..models import Article, SectionTree, article_content_type_id

# How many of the newest same-section and same-tag articles Check Also and
# Related stories choose from, and how many of an article's tags find candidates.
RELATED_POOL = 200
MAX_RANKED_TAGS = 12


def candidates(article, count):
    """Check Also and "Related stories", best first: up to `count` public articles
    (never the article itself), each with its section and lead picture, without
    its body. One query.

    The ranking is written as SQL (`_pool`, `_ranking`) rather than built from ORM
    expressions, and the whole query is compiled once per process for each shape
    (how many tags, how many sections in the top-level one, how many wanted;
    core/prepared.py): it runs on every uncached article page, and building it
    cost more than running it. What is public still comes from
    `Article.objects.published()`."""
    tag_ids = [tag.pk for tag in article.tags.all()][:MAX_RANKED_TAGS]
    tree = SectionTree.load()
    root = tree.root_of(article.section_id)
    in_root = list(tree.subtree_ids(root.pk if root else article.section_id))
    pick_id = article.check_also_id or 0
    now = timezone.now()
    tags = ",".join(map(str, tag_ids))
    key = f"ranked:{article.pk}:{count}:{pick_id}:{article.section_id}:{tags}"
    kept = cache.get(key)
    if kept is not None:
        return _public(kept, now)
    shape = (len(in_root), len(tag_ids), count)
    prepared = _by_shape.get(shape)
    if prepared is None:
        kinds = [int] * (3 + len(in_root) + len(tag_ids)) + [datetime] * 4
        prepared = _by_shape.setdefault(shape, Prepared(functools.partial(_ranked, shape), *kinds))
    recency = [now - timedelta(days=days) for days in (2, 7, 30)]
    ranked = prepared(article.pk, pick_id, article.section_id, *in_root, *tag_ids, now, *recency)
    cache.set(key, [item.pk for item in ranked], settings.NEWSROOM_PAGE_CACHE_SECONDS)
    return ranked


# The compiled Check Also queries, by shape; the kept rankings' reading, by length.
_by_shape = {}
_by_length = {}


def _public(ids, now):
    """The articles of a kept ranking that are public at `now`, in its order."""
    if not ids:
        return []
    prepared = _by_length.get(len(ids))
    if prepared is None:
        kinds = [int] * len(ids) + [datetime]
        prepared = _by_length.setdefault(len(ids), Prepared(_with_ids, *kinds))
    found = {item.pk: item for item in prepared(*ids, now)}
    # Their sections from the tree the page has read already, not from a join.
    sections = SectionTree.load().by_id
    for item in found.values():
        if item.section_id in sections:
            Article.section.field.set_cached_value(item, sections[item.section_id])
    return [found[pk] for pk in ids if pk in found]


def _with_ids(*values):
    *ids, now = values
    return (
        Article.objects.filter(pk__in=ids)
        .published(now)
        .select_related("lead_image")
        .defer("body", "reader_body")
    )


def _ranked(shape, article_id, pick_id, section_id, *values):
    root_count, tag_count, count = shape
    in_root, tag_ids = values[:root_count], values[root_count : root_count + tag_count]
    now, *recency = values[root_count + tag_count :]
    is_pick, score = _ranking(section_id, in_root, tag_ids, pick_id, recency)
    # Candidates by primary key first, then only they are checked for being
    # public: the database never walks the whole archive.
    return (
        Article.objects.filter(pk__in=_pool(pick_id, in_root, tag_ids, now))
        .published(now)
        .exclude(pk=article_id)
        .annotate(is_pick=is_pick, score=score)
        .order_by("-is_pick", "-score", "-published_at", "-pk")
        .select_related("section", "lead_image")
        .defer("body", "reader_body")[:count]
    )


def _pool(pick_id, in_root, tag_ids, now):
    """A bounded set to rank, whatever the archive's size: the pick, the newest
    public articles in the same top-level section (an index range scan with a
    LIMIT), and for each tag the articles most recently given it (a range of the
    tag index, newest article first, with a LIMIT). A UNION ALL of the lists:
    an OR of `IN (subquery)` conditions hides how few rows there are from
    PostgreSQL's planner, which then reads the whole table. SQLite takes a LIMIT
    in a compound SELECT only inside a subquery, so each list is wrapped in one."""
    near_sql, params = (
        Article.objects.published(now)
        .filter(section_id__in=in_root)
        .order_by("-published_at")
        .values("pk")[:RELATED_POOL]
        .query.sql_with_params()
    )
    # Only table names, the ORM's compiled SQL and placeholders go into the text.
    parts = ["SELECT %s", f"SELECT * FROM ({near_sql}) AS _near"]  # noqa: S608
    params = [pick_id, *params]
    tagged = _tagged_table()
    for number, tag_id in enumerate(tag_ids):
        parts.append(
            f"SELECT * FROM (SELECT object_id FROM {tagged} WHERE content_type_id = %s"  # noqa: S608
            f" AND tag_id = %s ORDER BY object_id DESC LIMIT %s) AS _tag{number}"
        )
        params += [article_content_type_id(), tag_id, RELATED_POOL]
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 - only our SQL and %s


def _ranking(section_id, in_root, tag_ids, pick_id, recency):
    """The pick first; then the score: 3 for each shared tag, 2 for the same
    section (1 for the same top-level section), plus recency (3 within two days,
    2 within a week, 1 within a month). SQL over the outer article's columns."""
    quote = connection.ops.quote_name
    table = quote(Article._meta.db_table)
    pk, section, published = (
        f"{table}.{quote(name)}" for name in ("id", "section_id", "published_at")
    )
    shared = "0"
    params = []
    if tag_ids:
        shared = (
            f"(SELECT COUNT(*) FROM {_tagged_table()} WHERE content_type_id = %s"  # noqa: S608
            f" AND object_id = {pk} AND tag_id IN ({', '.join(['%s'] * len(tag_ids))}))"
        )
        params = [article_content_type_id(), *tag_ids]
    roots = ", ".join(["%s"] * len(in_root))
    score = (
        f"3 * {shared}"
        f" + CASE WHEN {section} = %s THEN 2 WHEN {section} IN ({roots}) THEN 1 ELSE 0 END"
        f" + CASE WHEN {published} >= %s THEN 3 WHEN {published} >= %s THEN 2"
        f" WHEN {published} >= %s THEN 1 ELSE 0 END"
    )
    params += [section_id, *in_root, *recency]
    return (
        RawSQL(f"CASE WHEN {pk} = %s THEN 1 ELSE 0 END", [pick_id]),  # noqa: S611
        RawSQL(score, params),  # noqa: S611 - only our SQL, values as %s
    )


def _tagged_table():
    return connection.ops.quote_name(TaggedItem._meta.db_table)
