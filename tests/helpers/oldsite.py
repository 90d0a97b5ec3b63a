"""A site built with older code, for migration tests: the tree at a commit
(`git archive`), run with this virtualenv's Python in subprocesses, on its own
SQLite file and media folders (tests/images/test_library_move.py)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def unavailable(message):
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def site_environment(site, var):
    """A site of its own: its SQLite file and media folders in `site`, its cache in
    `var`; nothing from the environment the tests run in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "NEWSROOM_", "REDIS_", "SQLITE_"))
    }
    env.update(
        DJANGO_DEBUG="1",  # static files without a manifest; the same fixed key in both
        DJANGO_ALLOWED_HOSTS="testserver",
        SQLITE_PATH=str(site / "db.sqlite3"),
        NEWSROOM_MEDIA_ROOT=str(site / "media"),
        NEWSROOM_PRIVATE_MEDIA_ROOT=str(site / "private"),
        NEWSROOM_VAR_DIR=str(var),
        PAGES_FILE=str(site / "pages-old.json"),
    )
    return env


def manage_site(code, env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"manage.py {args[0]} in {code}:\n{result.stderr}"
    return result


def old_code(destination, commit):
    """The tree at `commit` (code before a change), or skip (fail under CI) without history."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        unavailable("git history is needed to build a site with older code")
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:
        unavailable(f"commit {commit[:10]} is not in this clone (a shallow clone?)")
    destination.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(destination)], input=archive.stdout, check=True)
    return destination
