"""Bulk test data for the benchmark: N published articles with everything a real
archive has (sections, authors, tags, images, related links, comments, likes)."""

import random
import sys
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.demo import loader
from articles.models import Article, Author, Byline, CaptionedImage, Like, RelatedLink, Section

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


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


class Progress:
    def __init__(self, total, stream):
        self.total, self.stream, self.start, self.done = total, stream, time.monotonic(), 0

    def advance(self, count):
        self.done += count
        share = self.done / self.total if self.total else 1
        elapsed = time.monotonic() - self.start
        bar = "#" * int(share * 30)
        rate = self.done / elapsed if elapsed else 0
        self.stream.write(f"\r[{bar:<30}] {self.done:>9,}/{self.total:,} articles  {rate:,.0f}/s")
        self.stream.flush()

    def finish(self):
        self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Create N published articles for benchmarks (default 10,000), in bulk, with "
        "sections, authors, tags, images, related links, comments and likes."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=10_000)
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--comments", type=int, default=3, help="Comments per article.")
        parser.add_argument("--likes", type=int, default=5, help="Likes per article.")

    def handle(self, *args, count, batch, seed, comments, likes, **options):
        if count < 1:
            raise CommandError("count must be at least 1")
        from comments.models import Comment

        rng = random.Random(seed)
        loader.load()  # sections, authors and demo pictures to reuse
        sections = list(Section.objects.all())
        authors = list(Author.objects.all())
        images = list(CaptionedImage.objects.exclude(title__startswith="Portrait"))
        tags = [Tag.objects.get_or_create(name=f"Topic {n}", defaults={"slug": f"topic-{n}"})[0]
                for n in range(200)]  # fmt: skip
        content_type_id = _content_type_id()
        now = timezone.now()
        start_id = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        progress = Progress(count, sys.stderr)
        made = 0
        while made < count:
            size = min(batch, count - made)
            with transaction.atomic():
                rows = []
                for i in range(size):
                    n = start_id + made + i + 1
                    body = "".join(f"<p>{sentence(rng, 30)}</p>" for _ in range(8))
                    rows.append(Article(
                        headline=f"{sentence(rng, 8)[:-1]} {n}",
                        slug=f"bench-{n}",
                        standfirst=sentence(rng, 20),
                        body=body,
                        section=rng.choice(sections),
                        lead_image=rng.choice(images) if images else None,
                        status=Article.Status.PUBLISHED,
                        published_at=now - timedelta(minutes=n),
                        like_count=likes,
                        comment_count=comments,
                    ))  # fmt: skip
                created = Article.objects.bulk_create(rows, batch_size=1000)
                if not created[0].pk:  # backends that return no ids
                    created = list(
                        Article.objects.filter(slug__in=[a.slug for a in rows]).order_by("pk")
                    )
                Byline.objects.bulk_create(
                    [Byline(article=a, author=rng.choice(authors)) for a in created],
                    batch_size=2000,
                )
                TaggedItem.objects.bulk_create(
                    [
                        TaggedItem(tag=tag, content_type_id=content_type_id, object_id=a.pk)
                        for a in created
                        for tag in rng.sample(tags, 3)
                    ],
                    batch_size=5000,
                )
                links = []
                for a in created:
                    links.append(
                        RelatedLink(
                            article=a,
                            url="https://example.org/",
                            teaser_headline="Background",
                            after_paragraph=3,
                        )
                    )
                    if a.pk - 1 > start_id:
                        links.append(RelatedLink(article=a, target_id=a.pk - 1, after_paragraph=5))
                RelatedLink.objects.bulk_create(links, batch_size=5000)
                Comment.objects.bulk_create(
                    [
                        Comment(article=a, name="Reader", email=f"r{j}@example.com",
                                text=sentence(rng, 25), status=Comment.Status.APPROVED,
                                submitted_at=a.published_at + timedelta(minutes=j + 1),
                                fingerprint=f"bench-{a.pk}-{j}", ip_address="192.0.2.1")
                        for a in created
                        for j in range(comments)
                    ],
                    batch_size=5000,
                )  # fmt: skip
                Like.objects.bulk_create(
                    [Like(article=a, reader=f"bench-{a.pk}-{j}") for a in created
                     for j in range(likes)],
                    batch_size=5000,
                )  # fmt: skip
            made += size
            progress.advance(size)
        progress.finish()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Created {count:,} articles."))


def _content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Article).pk
