"""What each generated article gets (Plan), and the progress line."""

import threading
import time
from datetime import timedelta


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
