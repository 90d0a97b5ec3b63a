import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_no_model_changes_without_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def run(args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_python(code, **env):
    return run(["-c", code], **env)


def test_serving_without_debug_needs_a_secret_key():
    result = run_python("import newsroom.wsgi")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_serving_with_a_secret_key_starts():
    result = run_python("import newsroom.wsgi", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_serving_keeps_long_lived_objects_out_of_the_garbage_collector():
    code = (
        "import gc, newsroom.wsgi as w; print(gc.get_freeze_count() > 10_000);"
        "[w.request_finished.send(sender=None) for _ in range(max(w.FREEZE_AFTER) + 5)];"
        # The counting stops once the last freeze is done.
        "print(w._served == max(w.FREEZE_AFTER))"
    )
    result = run_python(code, DJANGO_SECRET_KEY="x" * 50)
    assert result.stdout.split() == ["True", "True"], result.stderr


def test_management_commands_run_without_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_settings_read_the_environment():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='newsroom.settings.base';"
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'])"
    )
    default = run_python(code)
    assert default.stdout.split() == [
        "False",
        "django.db.backends.sqlite3",
        "django.core.cache.backends.filebased.FileBasedCache",
    ]
    configured = run_python(
        code,
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/x",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert configured.stdout.split() == [
        "True",
        "django.db.backends.postgresql",
        "core.redis_cache.RedisCache",
    ]
    bad = run_python(code, DJANGO_DEBUG="maybe")
    assert "DJANGO_DEBUG must be a boolean" in bad.stderr


def test_the_redis_cache_works_when_configured():
    """REDIS_URL gives a working shared cache (the redis client is a dependency).
    Needs the Redis server this machine runs; CI never skips it."""
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), 1).close()
    except OSError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("no Redis answering on 127.0.0.1:6379")
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='newsroom.settings.base';"
        "django.setup(); from django.core.cache import cache;"
        "cache.set('newsroom-test', 41 + 1, 10); print(cache.get('newsroom-test'));"
        "print(cache.get_many(['newsroom-test', 'newsroom-none']));"
        "cache.delete('newsroom-test'); print(cache.get('newsroom-test'));"
        # One redis-py client per pool, not one per operation (core/redis_cache.py).
        "print(cache._cache.get_client() is cache._cache.get_client(write=True))"
    )
    result = run_python(code, REDIS_URL="redis://127.0.0.1:6379/14")
    assert result.stdout.split("\n")[:-1] == ["42", "{'newsroom-test': 42}", "None", "True"], (
        result.stderr
    )


SQLITE_BY_PATH = {"SQLITE_PATH": "{path}"}
SQLITE_BY_URL = {"DATABASE_URL": "sqlite:///{path}"}  # an absolute path: four slashes


def sqlite_env(form, tmp_path):
    path = tmp_path / "db.sqlite3"
    return {name: value.format(path=path) for name, value in form.items()}


@pytest.mark.parametrize("form", [SQLITE_BY_PATH, SQLITE_BY_URL], ids=["SQLITE_PATH", "URL"])
def test_sqlite_is_tuned_for_a_web_server(tmp_path, form):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='newsroom.settings.base';"
        "django.setup(); from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);"
        "c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0]);"
        "print(connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    result = run_python(code, **sqlite_env(form, tmp_path))
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"], result.stderr


def test_a_sqlite_database_url_migrates_and_checks(tmp_path):
    """PostgreSQL's connection options (connect timeout, JIT off, the pool) are
    PostgreSQL's alone: given to SQLite they failed the first query."""
    env = sqlite_env(SQLITE_BY_URL, tmp_path)
    migrate = run(["manage.py", "migrate", "--verbosity", "0"], **env)
    assert migrate.returncode == 0, migrate.stderr
    assert (tmp_path / "db.sqlite3").stat().st_size > 0
    check = run(["manage.py", "check", "--database", "default"], **env)
    assert check.returncode == 0, check.stderr
    assert "no issues" in check.stdout
