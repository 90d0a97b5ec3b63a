import shutil
import time

from django.core.management.base import BaseCommand, CommandError

from images import renditions, storage
from images.models import CaptionedImage
from images.validation import Refused


class ProgressBar:
    """A one-line bar on a terminal; one line per image anywhere else (logs, CI)."""

    def __init__(self, stream, total):
        self.stream, self.total, self.done = stream, total, 0
        self.live = hasattr(stream, "isatty") and stream.isatty()
        self.started = time.monotonic()

    def step(self, label, note=""):
        self.done += 1
        if not self.live:
            self.stream.write(f"[{self.done}/{self.total}] {label}{note}")
            return
        columns = shutil.get_terminal_size((80, 20)).columns
        width = max(10, min(40, columns - 40))
        filled = round(width * self.done / max(self.total, 1))
        elapsed = time.monotonic() - self.started
        bar = "#" * filled + "." * (width - filled)
        line = f"\r[{bar}] {self.done}/{self.total} {elapsed:.0f}s "
        self.stream.write((line + label)[: columns - 1].ljust(columns - 1), ending="")
        self.stream.flush()

    def close(self):
        if self.live:
            self.stream.write("")


class Command(BaseCommand):
    help = (
        "Make the renditions of every library image again (after changing the widths or "
        "the encoders). Images stored before the image library are first re-encoded, their "
        "upload moved to the private originals. A file that cannot be read is reported and "
        "skipped; the command then exits with an error."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only make renditions that are missing or out of date.",
        )
        parser.add_argument("ids", nargs="*", type=int, help="Only these images (ids).")

    def handle(self, *args, missing=False, ids=(), **options):
        queryset = CaptionedImage.objects.order_by("pk")
        if ids:
            queryset = queryset.filter(pk__in=ids)
        total = queryset.count()
        bar = ProgressBar(self.stdout, total)
        made, failed = 0, []
        for image in queryset.iterator(chunk_size=100):
            note = ""
            try:
                if image.image and not image.original:
                    storage.republish(image)
                    note = " (re-encoded; upload moved to the originals)"
                count = renditions.make_renditions(image, force=not missing)
            except Refused as refusal:
                failed.append(f"{image.pk} “{image.title}”: {refusal.message}")
                bar.step(image.title, " FAILED")
                continue
            except OSError as error:  # the file is missing from storage
                failed.append(f"{image.pk} “{image.title}”: the file cannot be read ({error}).")
                bar.step(image.title, " FAILED")
                continue
            made += count
            bar.step(image.title, note or f" ({count} files)")
        bar.close()
        self.stdout.write(f"{made} renditions made for {total - len(failed)} of {total} images.")
        if failed:
            for line in failed:
                self.stderr.write(line)
            raise CommandError(f"{len(failed)} image(s) could not be read; see above.")
