"""The generator's writer for PostgreSQL: COPY, while other connections build the
search documents of the batches already committed."""

import os
import secrets
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor, as_completed

from django.db import connection, transaction
from taggit.models import TaggedItem

from articles.models import Article, ArticleImage, Byline, Like, RelatedLink, SearchDocument
from comments.models import Comment

from .text import TAGS_PER_ARTICLE

# COPY column lists, in the order the rows below are written. Child tables leave
# out their id column: its identity default numbers them.
COLUMNS = {
    "article": "id, headline, slug, standfirst, body, status, published_at, created_at, "
    "modified_at, is_developing, comments_enabled, section_id, lead_image_id, like_count, "
    "comment_count, preview_key, version",
    "byline": "article_id, author_id, position",
    "tagged": "object_id, content_type_id, tag_id",
    "figure": "article_id, image_id, after_paragraph",
    "link": "article_id, after_paragraph, url, teaser_headline, target_id",
    "comment": "article_id, depth, name, email, website, text, status, signals, ip_address, "
    "user_agent, submitted_at, fingerprint",
    "like": "article_id, reader, created_at",
}


class PostgresWriter:
    """COPY, in PostgreSQL's text format, one transaction per batch.

    Articles get ids reserved up front from their identity sequence, so the rows
    that point at them are made in the same pass. Three things run at once, each
    on its own core when there are enough: Python makes the next batch's rows, a
    thread COPYs the previous batch, and other threads build the search documents
    of batches already committed (SearchDocument.refresh for their ids).
    """

    def __init__(self, plan, count):

        self.plan = plan
        models = {
            "article": Article,
            "byline": Byline,
            "tagged": TaggedItem,
            "figure": ArticleImage,
            "link": RelatedLink,
            "comment": Comment,
            "like": Like,
        }
        self.tables = {name: model._meta.db_table for name, model in models.items()}
        self.totals = {"comments": 0, "likes": 0, "links": 0}
        self.seconds = {"search": 0.0}
        self.sequence = None
        self.first_id = self._reserve_ids(count)
        self.stamps = {}
        self.lock = threading.Lock()

    def _reserve_ids(self, count):
        """Move the sequence past the ids this run will use (so the site, writing at
        the same time, cannot take them) and return the first."""
        table = Article._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            self.sequence = sequence = cursor.fetchone()[0]
            # Table and sequence names come from the model and the catalogue.
            cursor.execute(
                f"SELECT GREATEST((SELECT COALESCE(max(id), 0) FROM {table}),"  # noqa: S608
                f" (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END"
                f" FROM {sequence}))"
            )
            last_used = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s, %s)", [sequence, last_used + count])
        return last_used + 1

    def run(self, count, batch, progress):
        """Write `count` articles and their search documents, then VACUUM ANALYZE."""
        if connection.in_atomic_block:
            # Inside a transaction (a test's): other connections would not see its
            # rows, so everything happens here, one step after the other.
            made = 0
            while made < count:
                size = min(batch, count - made)
                self.copy(self.rows(made, size), close=False)
                made += size
                progress.advance(size)
            self.seconds["articles"] = time.monotonic() - progress.start
            for ids in self.id_batches(count, batch):
                progress.advance(indexed=self.index(ids, close=False))
            progress.finish()
            self.seconds["search_after"] = (
                time.monotonic() - progress.start - self.seconds["articles"]
            )
            self.seconds["vacuum"] = 0.0  # VACUUM cannot run in a transaction
            self.finish()
            return
        searchers = max(1, min(4, os.cpu_count() or 1))
        with (
            ThreadPoolExecutor(1, thread_name_prefix="copy") as copier,
            ThreadPoolExecutor(searchers, thread_name_prefix="search-documents") as indexer,
        ):
            writes, searches = deque(), []
            try:
                batches = iter(self.id_batches(count, batch))
                made = 0
                while made < count or writes:
                    if made < count and len(writes) < 2:  # one being copied, one waiting
                        size = min(batch, count - made)
                        rows = self.rows(made, size)
                        ids = next(batches)
                        writes.append((copier.submit(self.copy, rows), ids))
                        made += size
                        continue
                    future, ids = writes.popleft()
                    future.result()
                    progress.advance(len(ids))
                    searches.append(indexer.submit(self.index, ids))
                    for done in [f for f in searches if f.done()]:
                        searches.remove(done)
                        progress.advance(indexed=done.result())
                self.seconds["articles"] = time.monotonic() - progress.start
                for future in as_completed(searches):
                    progress.advance(indexed=future.result())
            except BaseException:
                for future, _ids in writes:
                    future.cancel()
                for future in searches:
                    future.cancel()
                raise
        progress.finish()
        self.seconds["search_after"] = time.monotonic() - progress.start - self.seconds["articles"]
        self.finish()
        began = time.monotonic()
        vacuum_analyze(self.tables.values())
        self.seconds["vacuum"] = time.monotonic() - began

    def id_batches(self, count, batch):
        first, last = self.first_id, self.first_id + count
        return [range(start, min(start + batch, last)) for start in range(first, last, batch)]

    def stamp(self, number):
        """The publish time of article `number`, as COPY takes it; article number - k
        was published k minutes later, so reactions reuse these strings."""
        text = self.stamps.get(number)
        if text is None:
            text = self.stamps[number] = self.plan.published_at(max(number, 0)).isoformat()
        return text

    def rows(self, made, size):
        """The batch's rows, table by table, as COPY text (nothing in them needs
        escaping: the text is made of letters, spaces, full stops and <p>)."""
        plan, rng, text = self.plan, self.plan.rng, self.plan.text
        stamp = self.stamp
        status = Article.Status.PUBLISHED.value
        first = self.first_id
        articles, bylines, tagged, figures, links, comments, likes = ([] for _ in range(7))
        low = first + made
        for number in range(low, low + size):
            published = stamp(number)
            like_count, comment_count = plan.count(plan.likes), plan.count(plan.comments)
            picture = rng.choice(plan.images)
            body = text.body(picture, number - 1 if number > first else None)
            articles.append(
                f"{number}\t{text.headline(number)}\tbench-{number}\t{text.standfirst()}\t"
                f"{body}\t{status}\t{published}\t{published}\t{published}\tf\tt\t"
                f"{rng.choice(plan.sections)}\t{rng.choice(plan.images)}\t{like_count}\t"
                f"{comment_count}\t{secrets.token_urlsafe(16)}\t0\n"
            )
            bylines.append(f"{number}\t{rng.choice(plan.authors)}\t0\n")
            for tag in rng.sample(plan.tags, TAGS_PER_ARTICLE):
                tagged.append(f"{number}\t{plan.content_type_id}\t{tag}\n")
            figures.append(f"{number}\t{picture}\t2\n")
            links.append(f"{number}\t3\thttps://example.org/\tBackground\t\\N\n")
            if number > first:
                links.append(f"{number}\t5\t\t\t{number - 1}\n")
            # Reactions come j + 1 minutes after publication (never in the future).
            for j in range(comment_count):
                comments.append(
                    f"{number}\t1\tReader\tr{j}@example.com\t\t{text.comment()}\tapproved\t"
                    f"[]\t192.0.2.1\t\t{stamp(number - j - 1)}\tbench-{number}-{j}\n"
                )
            for j in range(like_count):
                likes.append(f"{number}\tbench-{number}-{j}\t{stamp(number - j - 1)}\n")
        reach = low + size - 2 * max(plan.likes, plan.comments) - 2
        self.stamps = {n: text for n, text in self.stamps.items() if n >= reach}
        self.totals["comments"] += len(comments)
        self.totals["likes"] += len(likes)
        self.totals["links"] += len(links)
        return {
            "article": "".join(articles),
            "byline": "".join(bylines),
            "tagged": "".join(tagged),
            "figure": "".join(figures),
            "link": "".join(links),
            "comment": "".join(comments),
            "like": "".join(likes),
        }

    def copy(self, rows, close=True):
        """COPY one batch into its tables, in one transaction."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                raw = cursor.cursor  # psycopg's own cursor, under Django's wrapper
                for name, data in rows.items():
                    if data:
                        sql = f"COPY {self.tables[name]} ({COLUMNS[name]}) FROM STDIN"
                        with raw.copy(sql) as copy:
                            copy.write(data)
        finally:
            if close:  # a worker thread's own connection
                connection.close()

    def index(self, ids, close=True):
        """Build the search documents of these (committed) articles."""
        began = time.monotonic()
        try:
            with transaction.atomic():
                SearchDocument.refresh(article_ids=ids)
        finally:
            if close:
                connection.close()
        with self.lock:
            self.seconds["search"] += time.monotonic() - began
        return len(ids)

    def finish(self):
        """The sequence ends at the highest id (it never moves back: ids the site may
        have taken meanwhile stay taken)."""
        table = Article._meta.db_table
        with connection.cursor() as cursor:
            last = f"SELECT last_value FROM {self.sequence}"  # noqa: S608
            sql = f"SELECT setval(%s, GREATEST(max(id), ({last}))) FROM {table}"  # noqa: S608
            cursor.execute(sql, [self.sequence])


def vacuum_analyze(tables):
    """Bulk-loaded tables get their visibility maps, hint bits and statistics now,
    rather than from autovacuum in the middle of the next benchmark."""
    tables = [*tables, SearchDocument._meta.db_table]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
