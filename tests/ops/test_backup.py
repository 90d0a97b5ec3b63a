"""backup_site and restore_site: a site with the demo content, backed up, restored
into an empty database (a new SQLite file, or a new PostgreSQL database) by a
separate process as an operator would, with identical row counts and media that
opens."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from images.models import CaptionedImage, Rendition
from ops import backup

pytestmark = pytest.mark.django_db(transaction=True)


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def empty_database(tmp_path):
    """Environment for a process using a new, empty database."""
    if connection.vendor == "sqlite":
        yield {"SQLITE_PATH": str(tmp_path / "restored.sqlite3")}
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    admin = psycopg.connect(
        dbname="postgres",
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    user = f"{db['USER']}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}@" if db["USER"] else ""
    url = f"postgres://{user}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    try:
        yield {"DATABASE_URL": url}
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_backup_restores_into_an_empty_database(tmp_path, empty_database):
    call_command("load_demo", "--no-editor")
    rows = backup.row_counts()
    assert rows["articles.Article"] >= 10
    assert rows["images.CaptionedImage"] >= 5
    target = tmp_path / "backup"
    call_command("backup_site", str(target))
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["rows"] == rows
    assert sorted(p.name for p in target.iterdir()) == sorted(
        ["manifest.json", "media.tar.gz", "originals.tar.gz", manifest["database"]["file"]]
    )

    media, originals = tmp_path / "restored-media", tmp_path / "restored-private"
    env = {
        **empty_database,
        "NEWSROOM_VAR_DIR": str(tmp_path / "var"),
        "NEWSROOM_MEDIA_ROOT": str(media),
        "NEWSROOM_PRIVATE_MEDIA_ROOT": str(originals),
    }
    restored = manage("restore_site", str(target), "--no-input", env=env)
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout

    counted = manage(
        "shell",
        "-c",
        "import json; from ops.backup import row_counts; print(json.dumps(row_counts()))",
        env=env,
    )
    assert counted.returncode == 0, counted.stderr
    assert json.loads(counted.stdout.strip().splitlines()[-1]) == rows

    # Every file the restored rows point at is there and opens as an image.
    images = list(CaptionedImage.objects.all())
    renditions = list(Rendition.objects.all())
    assert renditions
    for name in [i.image.name for i in images] + [r.file.name for r in renditions]:
        with Image.open(media / name) as picture:
            picture.verify()
    for image in images:
        if image.original:
            with Image.open(originals / image.original.name) as picture:
                picture.verify()


def test_backup_needs_a_new_folder_and_restore_a_backup(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "something").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_site", str(tmp_path / "used"))
    with pytest.raises(CommandError, match="no manifest.json"):
        call_command("restore_site", str(tmp_path), "--no-input")


def test_restore_refuses_a_backup_of_another_kind_of_database(tmp_path):
    call_command("backup_site", str(tmp_path / "b"))
    manifest_path = Path(tmp_path / "b" / "manifest.json")
    manifest = json.loads(manifest_path.read_text())
    manifest["database"]["vendor"] = "oracle"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="backup is of a oracle database"):
        call_command("restore_site", str(tmp_path / "b"), "--no-input")
