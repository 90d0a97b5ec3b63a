"""Backing up and restoring a whole site: the database and the uploaded files.

A backup is a folder:

    database.dump      PostgreSQL: `pg_dump --format=custom` (restored with pg_restore)
    database.sqlite3   SQLite: a consistent copy made with SQLite's backup API
    media.tar.gz       the public files (MEDIA_ROOT: re-encoded images, renditions)
    originals.tar.gz   the uploaded originals (never served; NEWSROOM_PRIVATE_MEDIA_ROOT)
    manifest.json      when, which database, and the row count of every model

Restoring replaces the configured database's contents and unpacks the files
over MEDIA_ROOT and the originals folder, then checks every model's row count
against the manifest. With S3 storage the files live in the bucket (use its
versioning or replication); only the database is backed up and restored then.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.utils import timezone

from images.models import CaptionedImage

MANIFEST = "manifest.json"
# Models that moved to another app since a backup may have been made: their rows
# are counted under the new label.
MOVED = {
    "articles.CaptionedImage": "images.CaptionedImage",
    "articles.Rendition": "images.Rendition",
}


class BackupError(Exception):
    pass


def row_counts():
    """{"app_label.Model": rows} for every concrete model the site has."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.can_migrate(connection)
    }


def file_folders():
    """The folders of uploaded files, by archive name (none with S3 storage)."""
    storages = {"media": default_storage, "originals": originals_storage()}
    return {
        name: Path(storage.location)
        for name, storage in storages.items()
        if isinstance(storage, FileSystemStorage)
    }


def originals_storage():
    return CaptionedImage._meta.get_field("original").storage


def backup(directory):
    """Write a backup of the site into `directory` (new, or empty). Returns the manifest."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: back up into a new folder.")
    directory.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "postgresql":
        database_file = "database.dump"
        run_postgres(
            "pg_dump", "--format=custom", "--no-owner", f"--file={directory / database_file}"
        )
    elif vendor == "sqlite":
        database_file = "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(directory / database_file)
        try:
            # A consistent snapshot even while the site writes (SQLite's backup API).
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"Backing up {vendor} databases is not supported.")
    archives = {}
    for name, folder in file_folders().items():
        archive = f"{name}.tar.gz"
        with tarfile.open(directory / archive, "w:gz") as tar:
            if folder.exists():
                tar.add(folder, arcname=".")
        archives[name] = archive
    manifest = {
        "created": timezone.now().isoformat(),
        "database": {"vendor": vendor, "file": database_file},
        "files": archives,
        "rows": row_counts(),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def restore(directory):
    """Replace the site's database and files with the backup in `directory`.

    Returns the manifest; raises BackupError if a model's row count differs."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{directory} has no {MANIFEST}: is it a backup folder?") from None
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"The backup is of a {vendor} database; this site uses {connection.vendor}."
        )
    source = directory / manifest["database"]["file"]
    if vendor == "postgresql":
        connection.close()
        run_postgres(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            str(source),
            dbname_option=True,
        )
    else:
        connection.ensure_connection()
        backup_db = sqlite3.connect(source)
        try:
            backup_db.backup(connection.connection)
        finally:
            backup_db.close()
        connection.close()
    for name, folder in file_folders().items():
        archive = manifest["files"].get(name)
        if archive:
            unpack(directory / archive, folder)
    restored = row_counts()
    expected = {MOVED.get(label, label): rows for label, rows in manifest["rows"].items()}
    differences = {
        label: (rows, restored.get(label))
        for label, rows in expected.items()
        if restored.get(label) != rows
    }
    if differences:
        raise BackupError(f"Row counts differ after restoring (backup, now): {differences}")
    return manifest


def unpack(archive, folder):
    """Unpack over `folder`, replacing what was there."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as scratch:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(scratch, filter="data")  # no absolute paths, links out, devices
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        for entry in Path(scratch).iterdir():
            shutil.move(entry, folder / entry.name)


def run_postgres(program, *args, dbname_option=False):
    """pg_dump or pg_restore against the configured database, credentials in the
    environment (never on the command line, where `ps` shows them)."""
    db = connection.settings_dict
    env = {**os.environ}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    name = db["NAME"]
    command = [program, *args, f"--dbname={name}"] if dbname_option else [program, *args, name]
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (PostgreSQL client tools).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
