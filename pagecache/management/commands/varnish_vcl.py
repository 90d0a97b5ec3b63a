from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from pagecache import vcl


class Command(BaseCommand):
    help = (
        "Print the Varnish configuration for this site: deploy/varnish/newsroom.vcl with "
        "the backend's address and NEWSROOM_TRACKING_PARAMETERS (make serve-cache uses it)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend", default="127.0.0.1:8000", help="where Newsroom listens, HOST:PORT"
        )

    def handle(self, *args, backend, **options):
        host, _, port = backend.rpartition(":")
        if not host or not port.isdigit():
            raise CommandError(f"--backend wants HOST:PORT, not “{backend}”.")
        try:
            self.stdout.write(vcl.configured(host, port), ending="")
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
