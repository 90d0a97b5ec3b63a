from django.core.management.base import BaseCommand

from articles.models import refresh_search


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every article (PostgreSQL's search "
        "documents, SQLite's FTS5 table). Run it after importing articles in bulk "
        "outside Newsroom's importers; saving an article keeps its own up to date."
    )

    def handle(self, *args, **options):
        refresh_search()
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
