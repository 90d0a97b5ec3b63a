"""Where files are stored (local or S3, by environment) and the library's settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


ROOT = Path(__file__).resolve().parents[2]


def run_settings(code, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))}
    clean.update(env)
    prelude = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='newsroom.settings.base';"
        "from django.conf import settings as s;"
    )
    result = subprocess.run(
        [sys.executable, "-c", prelude + code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.split(), result.stderr


def test_storage_is_local_by_default_and_s3_by_environment(tmp_path):
    code = (
        "print(s.STORAGES['default']['BACKEND'], s.STORAGES['originals']['BACKEND'],"
        "s.STORAGES['originals'].get('OPTIONS', {}).get('location'), s.MEDIA_ROOT)"
    )
    local, _ = run_settings(code, NEWSROOM_VAR_DIR=str(tmp_path))
    assert local == [
        "django.core.files.storage.FileSystemStorage",
        "django.core.files.storage.FileSystemStorage",
        str(tmp_path / "private"),
        str(tmp_path / "media"),
    ]
    _, err = run_settings(
        code, NEWSROOM_VAR_DIR=str(tmp_path), NEWSROOM_PRIVATE_MEDIA_ROOT=str(tmp_path / "media/o")
    )
    assert "NEWSROOM_PRIVATE_MEDIA_ROOT must not be inside the media folder" in err
    s3, err = run_settings(
        code + ";print(s.STORAGES['originals']['OPTIONS']['querystring_auth'])",
        NEWSROOM_S3_BUCKET="newsroom-media",
        NEWSROOM_S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert s3 == [
        "storages.backends.s3.S3Storage",
        "storages.backends.s3.S3Storage",
        "originals",
        str(ROOT / "var" / "media"),
        "True",
    ], err


def test_image_limits_and_task_backend_are_settings():
    code = (
        "print(s.NEWSROOM_IMAGE_MAX_UPLOAD_MB, s.NEWSROOM_IMAGE_MAX_PIXELS,"
        "','.join(map(str, s.NEWSROOM_IMAGE_WIDTHS)), s.TASKS['default']['BACKEND'])"
    )
    default, _ = run_settings(code)
    assert default == [
        "25",
        "40000000",
        "320,640,960,1280,1600,2048",
        "django_tasks_db.DatabaseBackend",
    ]
    configured, _ = run_settings(
        code,
        NEWSROOM_IMAGE_MAX_UPLOAD_MB="10",
        NEWSROOM_IMAGE_MAX_PIXELS="24000000",
        NEWSROOM_IMAGE_WIDTHS="480, 960",
        NEWSROOM_TASKS_BACKEND="django.tasks.backends.dummy.DummyBackend",
    )
    assert configured == ["10", "24000000", "480,960", "django.tasks.backends.dummy.DummyBackend"]
    _, error = run_settings(code, NEWSROOM_IMAGE_WIDTHS="wide")
    assert "NEWSROOM_IMAGE_WIDTHS must be widths in pixels" in error
