"""A real server for tests that need one: gunicorn in its own processes, with
several workers and threads, serving the test database.

Django's live_server is one thread in the test's own process; races between
requests (two likes at once, two workers writing one row) only show against a
server like production's. The server has its own cache (in a temporary
directory), so create what it serves before starting it.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

START_TIMEOUT = 30
STOP_TIMEOUT = 10


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def served_database_url():
    """DATABASE_URL for the test database this process uses (PostgreSQL only:
    pytest-django's SQLite test database lives in memory, out of another process's reach)."""
    if connection.vendor != "postgresql":
        raise RuntimeError("A real server needs the tests to run on PostgreSQL (DATABASE_URL).")
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}{host}{port}/{quote(db['NAME'], safe='')}"


def answers(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        # The admin's login page touches neither the database nor the cache.
        connection.request("GET", "/admin/login/")
        connection.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def gunicorn_server(tmp_path, *, workers=2, threads=8, database_url=None, extra_env=None):
    """Serve Newsroom with gunicorn on 127.0.0.1 and yield its base URL.

    Production-like: DEBUG off, a real secret key, PostgreSQL without persistent
    connections, X-Forwarded-For believed from 127.0.0.1 (so a test can give each
    request its own client address). The server's log is in tmp_path/gunicorn.log.
    `database_url` points the server elsewhere than the test database (through a
    proxy, say); `extra_env` adds or overrides environment variables.
    """
    tmp_path = Path(tmp_path)
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_DEBUG", "REDIS_URL", "SQLITE_PATH"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        DATABASE_URL=database_url or served_database_url(),
        DATABASE_CONN_MAX_AGE="0",
        DJANGO_SECRET_KEY="realserver-" + "x" * 39,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        NEWSROOM_TRUSTED_PROXIES="127.0.0.1",
        NEWSROOM_VAR_DIR=str(tmp_path / "var"),
    )
    env.update(extra_env or {})
    # Production serves hashed static files from a manifest (WhiteNoise): collect them.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=settings.BASE_DIR, env=env, check=True, timeout=120,
    )  # fmt: skip
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "newsroom.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=gthread",
        f"--threads={threads}",
        "--timeout=30",
        f"--graceful-timeout={STOP_TIMEOUT // 2}",
        f"--chdir={settings.BASE_DIR}",
    ]
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its workers share its process group
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not answers(port):
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({server.returncode}):\n{tail(log_path)}")
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"gunicorn did not answer in {START_TIMEOUT} s:\n{tail(log_path)}"
                )
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)


def stop(server):
    """SIGTERM (graceful), then SIGKILL to the server's own process group."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=STOP_TIMEOUT)


def tail(path, lines=40):
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
