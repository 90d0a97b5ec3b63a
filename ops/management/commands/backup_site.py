from django.core.management.base import BaseCommand, CommandError

from ops import backup


class Command(BaseCommand):
    help = (
        "Back up the site into a new folder: the database (pg_dump for PostgreSQL, "
        "SQLite's backup API for SQLite), the public media and the uploaded originals. "
        "Restore it with restore_site."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A new (or empty) folder for the backup.")

    def handle(self, directory, **options):
        try:
            manifest = backup.backup(directory)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        files = ", ".join(manifest["files"].values()) or "no files (S3 storage)"
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows} rows ({manifest['database']['file']}) and {files} to {directory}"
            )
        )
