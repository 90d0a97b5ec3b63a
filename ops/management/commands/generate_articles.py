"""`manage.py generate_articles N`: bulk articles for the benchmark (ops/generate/)."""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ops import generate


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
        try:
            plan = generate.make_plan(random.Random(seed), comments=comments, likes=likes)
        except generate.NoDemoImages as error:
            raise CommandError(str(error)) from None
        setup = time.monotonic() - started
        progress = generate.Progress(count, self.stderr, search=postgres)
        writer = generate.write(plan, count, batch, progress)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(generate.summary(count, writer, elapsed, setup)))
