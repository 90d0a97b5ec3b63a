"""Bulk test data for the benchmark: N published articles with everything a real
archive has (sections, authors, tags, body images, related links, comments, likes).

On PostgreSQL the rows go in with COPY, one transaction per batch (a crash loses
a batch at most), while other connections build the search documents of the
batches already committed; VACUUM ANALYZE follows (postgres.py). A million
articles take a few minutes. Other databases (SQLite in tests and `bench/run.py`)
use bulk_create (orm.py). Nothing is dropped or switched off on the way: every
index, constraint and foreign key check applies to the generated rows as to any
other. `manage.py generate_articles` runs it.
"""

from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag

from articles.models import Author, Section, article_content_type_id
from images.models import CaptionedImage

from ..demo import loader
from .orm import OrmWriter
from .plan import Plan, Progress
from .postgres import PostgresWriter
from .text import TAGS, Text

__all__ = ["NoDemoImages", "Progress", "make_plan", "summary", "write"]


class NoDemoImages(Exception):
    pass


def make_plan(rng, *, comments, likes):
    """The demo's sections, authors and pictures (loaded where missing), 200 tags,
    and the text to draw from."""
    loader.load()  # sections, authors and demo pictures to reuse
    images = list(
        CaptionedImage.objects.exclude(title__startswith="Portrait").values_list("pk", flat=True)
    )
    if not images:
        raise NoDemoImages("No demo images to use: the demo loader made none.")
    return Plan(
        rng=rng,
        text=Text(rng),
        sections=list(Section.objects.values_list("pk", flat=True)),
        authors=list(Author.objects.values_list("pk", flat=True)),
        images=images,
        tags=[
            Tag.objects.get_or_create(name=f"Topic {n}", defaults={"slug": f"topic-{n}"})[0].pk
            for n in range(TAGS)
        ],
        content_type_id=article_content_type_id(),
        now=timezone.now(),
        comments=comments,
        likes=likes,
    )


def write(plan, count, batch, progress):
    """Write `count` articles in batches of `batch`; returns the writer (its totals
    and timings)."""
    if connection.vendor == "postgresql":
        writer = PostgresWriter(plan, count)
        writer.run(count, batch, progress)
        return writer
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
    return writer


def summary(count, writer, elapsed, setup):
    """The line the command ends with: what was made, and how fast."""
    totals, seconds = writer.totals, writer.seconds
    text = (
        f"Created {count:,} articles ({totals['comments']:,} comments, "
        f"{totals['likes']:,} likes, {totals['links']:,} related links, "
        f"{count:,} body images) in {seconds['articles']:,.1f}s"
        f" ({count / seconds['articles']:,.0f}/s)."
    )
    if isinstance(writer, PostgresWriter):
        text += (
            f" Search documents: {seconds['search']:,.1f}s of work"
            f" ({count / seconds['search']:,.0f}/s), done"
            f" {seconds['search_after']:,.1f}s after the last article."
            f" VACUUM ANALYZE: {seconds['vacuum']:,.1f}s."
        )
    return text + (
        f" Total {elapsed:,.1f}s, {setup:,.1f}s of it demo set-up"
        f" ({count / elapsed:,.0f} articles/s)."
    )
