from django.conf import settings
from django.core.management.base import BaseCommand

from comments import moderation


class Command(BaseCommand):
    help = (
        "Blank out the host part of IP addresses stored with comments older than N days "
        "(IPv4 keeps its /24, IPv6 its /48). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.NEWSROOM_COMMENTS_ANONYMISE_AFTER_DAYS,
            help="Age in days after which addresses are anonymised (default: %(default)s).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            self.stderr.write("--days must be 0 or more.")
            raise SystemExit(2)
        changed = moderation.anonymise_ips(days=days)
        self.stdout.write(self.style.SUCCESS(f"Anonymised the IP address of {changed} comment(s)."))
