from django.core.management.base import BaseCommand

from articles import previews
from articles.models import EmbedPreview


class Command(BaseCommand):
    help = (
        "Fetch the title and thumbnail of every embedded address that has none yet "
        "(embeds saved before previews existed, or imported), from the provider's "
        "oEmbed endpoint. --again fetches every address again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--again", action="store_true", help="Fetch addresses already fetched too."
        )

    def handle(self, *args, again=False, **options):
        urls = previews.addresses_to_fetch(again=again)
        counts = dict.fromkeys(EmbedPreview.Status.values, 0)
        for url in urls:
            preview = previews.fetch(url)
            counts[preview.status] += 1
            line = f"{preview.get_status_display()}: {url}"
            if preview.problem and preview.status == EmbedPreview.Status.FAILED:
                self.stderr.write(f"{line} ({preview.problem})")
            else:
                self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(urls)} addresses: {counts['fetched']} fetched, "
                f"{counts['none']} without a preview from their provider, "
                f"{counts['failed']} failed (try again later)."
            )
        )
