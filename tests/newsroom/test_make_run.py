"""`make run PORT=…`: the site is served on that port, and what make run prints (the
address, the demo editor's login) says that port, without background-task chatter."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.helpers.realserver import free_port

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(sys.executable).parent.parent


def environment(**extra):
    """This environment without what would change make run's set-up (PORT, DJANGO_*)."""
    skip = ("DJANGO_", "DATABASE_", "NEWSROOM_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip) and k != "PORT"}
    return env | extra


def serves(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local http)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def test_make_run_serves_and_prints_the_port_it_was_given(tmp_path):
    port = free_port()
    # One small image width: the demo pictures are made quickly.
    env = environment(NEWSROOM_VAR_DIR=str(tmp_path), NEWSROOM_IMAGE_WIDTHS="320")
    log = tmp_path / "make-run.log"
    # This test's own environment stands in for the one make run would set up
    # (-o: do not re-sync it).
    with log.open("w") as out:
        make = subprocess.Popen(  # noqa: S603
            ["make", "--no-print-directory", "run", f"PORT={port}", f"VENV={VENV}",
             "-o", f"{VENV}/.synced"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 180
            while not serves(f"http://127.0.0.1:{port}/"):
                assert make.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)
        finally:
            os.killpg(make.pid, signal.SIGTERM)
            make.wait(timeout=30)
    printed = log.read_text()
    assert f"log in at http://127.0.0.1:{port}/admin/ as “editor”" in printed
    assert f"Newsroom is starting on http://127.0.0.1:{port} " in printed
    assert ":8000" not in printed
    assert "Task id=" not in printed


def test_make_run_serves_on_port_8000_by_default():
    plan = subprocess.run(
        ["make", "-n", "run"],  # noqa: S607
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "runserver 127.0.0.1:8000" in plan
    assert "NEWSROOM_SITE_URL=http://127.0.0.1:8000" in plan
