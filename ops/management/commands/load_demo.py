from django.conf import settings
from django.core.management.base import BaseCommand

from articles.models import Article
from ops.demo import loader
from ops.demo.content import FLAGSHIP_SLUG


class Command(BaseCommand):
    help = (
        "Load the demo sections, authors, images and articles, and make sure the demo "
        "editor account exists. Running it again adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-editor", action="store_true", help="Do not create the demo editor account."
        )

    def handle(self, *args, no_editor=False, **options):
        made = loader.load()
        total = Article.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content: {made} article(s) added, {total} in the database.")
        )
        flagship = Article.objects.filter(slug=FLAGSHIP_SLUG).select_related("section").first()
        if flagship:
            self.stdout.write(f"The reference-shaped demo article: {flagship.get_absolute_url()}")
        if not no_editor:
            user, created = loader.ensure_editor()
            state = "created" if created else "already exists (its password was not changed)"
            self.stdout.write(
                f"Editor account {state}: log in at {settings.NEWSROOM_SITE_URL}/admin/ as "
                f"“{loader.EDITOR_USERNAME}” with password “{loader.EDITOR_PASSWORD}”."
            )
