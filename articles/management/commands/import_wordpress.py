import shutil
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.wordpress import importer, wxr

PASSES = {1: "authors, sections, tags and pictures", 2: "posts and comments"}


class Progress:
    """How far through the file each pass is, by bytes read: a bar on a terminal,
    a line every tenth of the way anywhere else (logs, CI)."""

    def __init__(self, stream):
        self.stream = stream
        self.live = hasattr(stream, "isatty") and stream.isatty()
        self.current = None
        self.shown = -1
        self.started = time.monotonic()

    def __call__(self, number, total, position):
        if number != self.current:
            self.finish()
            self.current, self.shown, self.started = number, -1, time.monotonic()
        fraction = position / total if total else 1.0
        label = f"Reading the export ({number} of 2: {PASSES[number]})"
        if not self.live:
            tenth = int(fraction * 10)
            if tenth > self.shown:
                self.shown = tenth
                self.stream.write(f"{label}: {tenth * 10}%")
            return
        percent = int(fraction * 100)
        if percent == self.shown:
            return
        self.shown = percent
        columns = shutil.get_terminal_size((80, 20)).columns
        width = max(10, min(40, columns - 60))
        filled = round(width * fraction)
        bar = "#" * filled + "." * (width - filled)
        elapsed = time.monotonic() - self.started
        line = (
            f"\r[{bar}] {percent:3d}% {position / 1e6:,.1f}/{total / 1e6:,.1f} MB {elapsed:.0f}s "
        )
        self.stream.write((line + label)[: columns - 1].ljust(columns - 1), ending="")
        self.stream.flush()

    def finish(self):
        if self.live and self.current is not None:
            self.stream.write("")


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools › Export in WordPress: a WXR file) with its "
        "authors, categories (as sections), tags, posts (as articles), pictures and "
        "comments. The old addresses of posts redirect to their articles. Running it "
        "again with the same export updates what it imported. A malformed file stops "
        "the import with the line at fault, and nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WordPress export file (.xml).")
        parser.add_argument(
            "--media-dir",
            help="WordPress's uploads folder (wp-content/uploads) copied from the old "
            "server: pictures are found there by their path under it "
            "(…/uploads/2021/05/x.jpg → DIR/2021/05/x.jpg).",
        )
        parser.add_argument(
            "--default-section",
            default="Uncategorized",
            help="The section for posts without a category (default: %(default)s).",
        )

    def handle(self, *args, export, media_dir=None, default_section="Uncategorized", **options):
        path = Path(export)
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder.")
        progress = Progress(self.stderr)
        run = importer.Import(
            path, media_dir=media_dir, default_section=default_section, progress=progress
        )
        try:
            report = run.run()
        except wxr.Malformed as error:
            progress.finish()
            raise CommandError(
                f"{path.name} cannot be imported: {error}. Nothing was imported."
            ) from None
        except importer.Failed as error:
            progress.finish()
            raise CommandError(f"{path.name}: {error}. Nothing was imported.") from error
        progress.finish()
        self.stdout.write("\n".join(report.lines()))
