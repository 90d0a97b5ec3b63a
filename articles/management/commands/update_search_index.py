from django.core.management.base import BaseCommand
from django.db import connection

from articles.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search documents of every article (PostgreSQL). Run it "
        "after importing articles in bulk; saving an article keeps its own up to date."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Nothing to do: full-text search documents are kept on PostgreSQL.")
            return
        SearchDocument.refresh()
        self.stdout.write(self.style.SUCCESS("Search documents rebuilt."))
