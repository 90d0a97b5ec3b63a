"""Bulk test data for the benchmark: N published articles with everything a real
archive has (sections, authors, tags, body images, related links, comments, likes).

On PostgreSQL the rows go in with COPY, one transaction per batch (a crash loses
a batch at most), while other connections build the search documents of the
batches already committed; VACUUM ANALYZE follows. A million articles take a few
minutes. Other databases (SQLite in tests and `bench/run.py`) use bulk_create.
Nothing is dropped or switched off on the way: every index, constraint and
foreign key check applies to the generated rows as to any other."""

import itertools
import os
import random
import secrets
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.demo import loader
from articles.models import (
    Article,
    ArticleImage,
    Author,
    Byline,
    CaptionedImage,
    Like,
    RelatedLink,
    SearchDocument,
    Section,
)

# Real words every archive has, mixed into the synthetic vocabulary at middling
# frequencies: a search for "minister" matches some articles (~7%), "space" fewer
# (~2.5%), never all of them.
WORDS = [
    "minister",
    "council",
    "report",
    "election",
    "budget",
    "court",
    "energy",
    "climate",
    "market",
    "talks",
    "city",
    "health",
    "school",
    "police",
    "rail",
    "border",
    "trade",
    "summit",
    "vote",
    "data",
    "science",
    "research",
    "storm",
    "water",
    "housing",
    "bank",
    "union",
    "strike",
    "festival",
    "museum",
    "league",
    "transport",
    "hospital",
    "farm",
    "coast",
    "army",
    "space",
]
FIRST_WORD_RANK = 300  # the first of WORDS; the others follow every WORD_STEP ranks
WORD_STEP = 45

ONSETS = ("b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pl",
          "r", "s", "sh", "st", "t", "th", "tr", "v", "w", "z")  # fmt: skip
VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou")
CODAS = ("", "", "", "n", "r", "s", "l", "m", "nd", "st", "rt")

PARAGRAPHS = 8  # per body
TAGS, TAGS_PER_ARTICLE = 200, 3


def pseudo_words(rng, count):
    """`count` distinct made-up words, shortest first (frequent words are short)."""
    avoid = {word[:4] for word in WORDS}  # no look-alikes that stem like a real word
    seen, words = set(), []
    while len(words) < count:
        syllables = rng.choice((1, 2, 2, 2, 3, 3, 4))
        word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables))
        word += rng.choice(CODAS)
        if len(word) > 2 and word not in seen and word[:4] not in avoid:
            seen.add(word)
            words.append(word)
    words.sort(key=len)
    return words


class Text:
    """Pseudo-English made once, then reused: a vocabulary of a few thousand words
    drawn with a Zipf-like skew (a handful in every article, most in few), a pool
    of sentences, and paragraphs of two or three of them. A body is eight random
    paragraphs, so making one costs a few random picks, not hundreds."""

    def __init__(self, rng, vocabulary=3000, sentences=4000, paragraphs=6000):
        self.rng = rng
        self.words = pseudo_words(rng, vocabulary)
        for i, word in enumerate(WORDS):
            self.words.insert(FIRST_WORD_RANK + i * WORD_STEP, word)
        self.cum_weights = list(
            itertools.accumulate(1 / rank for rank in range(1, len(self.words) + 1))
        )
        self.sentences = [self.phrase(8, 16, 300) + "." for _ in range(sentences)]
        self.paragraphs = [
            "<p>" + " ".join(rng.sample(self.sentences, rng.choice((2, 2, 3)))) + "</p>"
            for _ in range(paragraphs)
        ]
        # Within the columns' lengths (a headline also gets the article's number).
        self.headlines = [self.phrase(5, 9, 180) for _ in range(sentences // 2)]
        self.standfirsts = [self.phrase(14, 24, 399) + "." for _ in range(sentences // 2)]
        # Rows are written to COPY as text as they are: nothing may need escaping.
        pools = (self.paragraphs, self.headlines, self.standfirsts)
        if any(c in text for pool in pools for text in pool for c in "\t\n\\"):
            raise ValueError("Generated text must not need escaping for COPY.")

    def phrase(self, shortest, longest, max_chars):
        while True:
            picked = self.rng.choices(
                self.words, cum_weights=self.cum_weights, k=self.rng.randint(shortest, longest)
            )
            text = " ".join(picked)
            if len(text) <= max_chars:
                return text[0].upper() + text[1:]

    def headline(self, number):
        return f"{self.rng.choice(self.headlines)} {number}"

    def standfirst(self):
        return self.rng.choice(self.standfirsts)

    def body(self):
        return "".join(self.rng.choices(self.paragraphs, k=PARAGRAPHS))

    def comment(self):
        return " ".join(self.rng.choices(self.sentences, k=self.rng.choice((1, 1, 2, 3))))


class Progress:
    """One line on the command's stderr: articles written and, on PostgreSQL, search
    documents built."""

    def __init__(self, total, stream, search=False):
        self.total, self.stream, self.search = total, stream, search
        self.start, self.done, self.indexed = time.monotonic(), 0, 0
        self.lock = threading.Lock()

    def advance(self, count=0, indexed=0):
        with self.lock:
            self.done += count
            self.indexed += indexed
            share = self.done / self.total if self.total else 1
            elapsed = time.monotonic() - self.start
            rate = self.done / elapsed if elapsed else 0
            line = f"\r[{'#' * int(share * 30):<30}] {self.done:>9,}/{self.total:,} articles"
            line += f"  {rate:,.0f}/s"
            if self.search:
                line += f"  {self.indexed:>9,} search documents"
            self.stream.write(f"{line}  {elapsed:,.0f}s", style_func=str, ending="")
            self.stream.flush()

    def finish(self):
        self.stream.write("", style_func=str, ending="\n")
        self.stream.flush()
        return time.monotonic() - self.start


class Command(BaseCommand):
    help = (
        "Create N published articles for benchmarks (default 10,000), in bulk, with "
        "sections, authors, tags, body images, related links, comments and likes. "
        "On PostgreSQL, also their search documents."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=10_000)
        parser.add_argument(
            "--batch",
            type=int,
            default=None,
            help="Articles per transaction (default 5,000 on PostgreSQL, 2,000 elsewhere).",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--comments", type=int, default=3, help="Approved comments per article, on average."
        )
        parser.add_argument("--likes", type=int, default=5, help="Likes per article, on average.")

    def handle(self, *args, count, batch, seed, comments, likes, **options):
        if count < 1:
            raise CommandError("count must be at least 1")
        if comments < 0 or likes < 0:
            raise CommandError("--comments and --likes cannot be negative")
        postgres = connection.vendor == "postgresql"
        batch = batch or (5000 if postgres else 2000)
        if batch < 1:
            raise CommandError("--batch must be at least 1")
        started = time.monotonic()
        rng = random.Random(seed)
        loader.load()  # sections, authors and demo pictures to reuse
        images = list(
            CaptionedImage.objects.exclude(title__startswith="Portrait").values_list(
                "pk", flat=True
            )
        )
        if not images:
            raise CommandError("No demo images to use: the demo loader made none.")
        plan = Plan(
            rng=rng,
            text=Text(rng),
            sections=list(Section.objects.values_list("pk", flat=True)),
            authors=list(Author.objects.values_list("pk", flat=True)),
            images=images,
            tags=[
                Tag.objects.get_or_create(name=f"Topic {n}", defaults={"slug": f"topic-{n}"})[0].pk
                for n in range(TAGS)
            ],
            content_type_id=_content_type_id(),
            now=timezone.now(),
            comments=comments,
            likes=likes,
        )
        setup = time.monotonic() - started
        progress = Progress(count, self.stderr, search=postgres)
        if postgres:
            writer = PostgresWriter(plan, count)
            writer.run(count, batch, progress)
        else:
            writer = OrmWriter(plan)
            made = 0
            while made < count:
                size = min(batch, count - made)
                with transaction.atomic():
                    writer.write(made, size)
                made += size
                progress.advance(size)
            writer.seconds["articles"] = progress.finish()
            if connection.vendor == "sqlite" and not connection.in_atomic_block:
                # Fresh statistics, so SQLite's planner picks the indexes the
                # reader pages are built for (it has none until ANALYZE runs).
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
        totals, seconds = writer.totals, writer.seconds
        summary = (
            f"Created {count:,} articles ({totals['comments']:,} comments, "
            f"{totals['likes']:,} likes, {totals['links']:,} related links, "
            f"{count:,} body images) in {seconds['articles']:,.1f}s"
            f" ({count / seconds['articles']:,.0f}/s)."
        )
        if postgres:
            summary += (
                f" Search documents: {seconds['search']:,.1f}s of work"
                f" ({count / seconds['search']:,.0f}/s), done"
                f" {seconds['search_after']:,.1f}s after the last article."
                f" VACUUM ANALYZE: {seconds['vacuum']:,.1f}s."
            )
        elapsed = time.monotonic() - started
        summary += (
            f" Total {elapsed:,.1f}s, {setup:,.1f}s of it demo set-up"
            f" ({count / elapsed:,.0f} articles/s)."
        )
        self.stdout.write(self.style.SUCCESS(summary))


class Plan:
    """What each generated article gets; both writers draw from it."""

    def __init__(self, *, rng, text, sections, authors, images, tags, content_type_id, now,
                 comments, likes):  # fmt: skip
        self.rng, self.text = rng, text
        self.sections, self.authors, self.images, self.tags = sections, authors, images, tags
        self.content_type_id, self.now = content_type_id, now
        self.comments, self.likes = comments, likes

    def count(self, average):
        """How many comments or likes one article gets: 0 to twice the average."""
        return self.rng.randint(0, 2 * average) if average else 0

    def published_at(self, number):
        return self.now - timedelta(minutes=number)

    def after(self, published_at, minutes):
        """A reader's reaction some minutes after publication, never in the future."""
        return min(published_at + timedelta(minutes=minutes), self.now)


class OrmWriter:
    """bulk_create, for SQLite and any other database."""

    def __init__(self, plan):
        self.plan = plan
        self.start_id = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.totals = {"comments": 0, "likes": 0, "links": 0}
        self.seconds = {}

    def write(self, made, size):
        from comments.models import Comment

        plan, rng, text = self.plan, self.plan.rng, self.plan.text
        rows = []
        for i in range(size):
            n = self.start_id + made + i + 1
            rows.append(Article(
                headline=text.headline(n),
                slug=f"bench-{n}",
                standfirst=text.standfirst(),
                body=text.body(),
                section_id=rng.choice(plan.sections),
                lead_image_id=rng.choice(plan.images),
                status=Article.Status.PUBLISHED,
                published_at=plan.published_at(n),
                like_count=plan.count(plan.likes),
                comment_count=plan.count(plan.comments),
            ))  # fmt: skip
        created = Article.objects.bulk_create(rows, batch_size=1000)
        if not created[0].pk:  # backends that return no ids
            by_slug = {
                a.slug: a.pk
                for a in Article.objects.filter(slug__in=[a.slug for a in rows]).only("slug")
            }
            for a in created:
                a.pk = by_slug[a.slug]
        Byline.objects.bulk_create(
            [Byline(article=a, author_id=rng.choice(plan.authors)) for a in created],
            batch_size=2000,
        )
        TaggedItem.objects.bulk_create(
            [
                TaggedItem(tag_id=tag, content_type_id=plan.content_type_id, object_id=a.pk)
                for a in created
                for tag in rng.sample(plan.tags, TAGS_PER_ARTICLE)
            ],
            batch_size=5000,
        )
        ArticleImage.objects.bulk_create(
            [
                ArticleImage(article=a, image_id=rng.choice(plan.images), after_paragraph=2)
                for a in created
            ],
            batch_size=5000,
        )
        links = []
        for a in created:
            links.append(RelatedLink(article=a, url="https://example.org/",
                                     teaser_headline="Background", after_paragraph=3))  # fmt: skip
            if a.pk - 1 > self.start_id:
                links.append(RelatedLink(article=a, target_id=a.pk - 1, after_paragraph=5))
        RelatedLink.objects.bulk_create(links, batch_size=5000)
        comments = [
            Comment(article=a, name="Reader", email=f"r{j}@example.com", text=text.comment(),
                    status=Comment.Status.APPROVED,
                    submitted_at=plan.after(a.published_at, j + 1),
                    fingerprint=f"bench-{a.pk}-{j}", ip_address="192.0.2.1")
            for a in created
            for j in range(a.comment_count)
        ]  # fmt: skip
        Comment.objects.bulk_create(comments, batch_size=5000)
        likes = [
            Like(article=a, reader=f"bench-{a.pk}-{j}",
                 created_at=plan.after(a.published_at, j + 1))
            for a in created
            for j in range(a.like_count)
        ]  # fmt: skip
        Like.objects.bulk_create(likes, batch_size=5000)
        self.totals["comments"] += len(comments)
        self.totals["likes"] += len(likes)
        self.totals["links"] += len(links)


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
        from comments.models import Comment

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
            articles.append(
                f"{number}\t{text.headline(number)}\tbench-{number}\t{text.standfirst()}\t"
                f"{text.body()}\t{status}\t{published}\t{published}\t{published}\tf\tt\t"
                f"{rng.choice(plan.sections)}\t{rng.choice(plan.images)}\t{like_count}\t"
                f"{comment_count}\t{secrets.token_urlsafe(16)}\t0\n"
            )
            bylines.append(f"{number}\t{rng.choice(plan.authors)}\t0\n")
            for tag in rng.sample(plan.tags, TAGS_PER_ARTICLE):
                tagged.append(f"{number}\t{plan.content_type_id}\t{tag}\n")
            figures.append(f"{number}\t{rng.choice(plan.images)}\t2\n")
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


def _content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Article).pk
