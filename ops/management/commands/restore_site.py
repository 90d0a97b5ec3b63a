from django.core.management.base import BaseCommand, CommandError

from ops import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site: replaces everything in the configured "
        "database, the media folder and the originals folder, then checks every model's "
        "row count against the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A folder written by backup_site.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, directory, interactive, **options):
        if interactive:
            answer = input(
                "This replaces the site's database and uploaded files with the backup in "
                f"{directory}. Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = backup.restore(directory)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(manifest['rows'].values())} rows in "
                f"{len(manifest['rows'])} tables and {', '.join(manifest['files'].values())} "
                f"from the backup of {manifest['created']}."
            )
        )
