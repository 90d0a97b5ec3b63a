"""`scripts/with-worker`, which `make run` and `make serve` put around the server:
a background task worker runs beside the server, takes queued tasks from the
database, and stops when the server stops."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Stands in for the server: enqueues a task, waits for the worker to run it, and
# prints the worker processes beside it (the children of with-worker).
SERVER = """
import os, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.base")
django.setup()
from django_tasks_db.models import DBTaskResult
from images.tasks import make_renditions
result = make_renditions.enqueue(424242)
deadline = time.monotonic() + 60
while DBTaskResult.objects.get(pk=result.id).status != "SUCCESSFUL":
    assert time.monotonic() < deadline, "the worker did not run the task"
    time.sleep(0.2)
siblings = []
for entry in filter(str.isdigit, os.listdir("/proc")):
    try:
        stat = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
        command = open(f"/proc/{entry}/cmdline", "rb").read()
    except (OSError, IndexError):
        continue
    worker = command.split(b"\\0")[1:3] == [b"manage.py", b"task_worker"]
    if worker and int(stat[1]) == os.getppid():
        siblings.append(entry)
print("ran", " ".join(siblings))
"""


def environment(tmp_path, **extra):
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))}
    keep.pop("DATABASE_URL", None)
    return keep | {"NEWSROOM_VAR_DIR": str(tmp_path), "PY": sys.executable} | extra


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_the_worker_runs_queued_tasks_beside_the_server_and_stops_with_it(tmp_path):
    env = environment(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=300,
    )  # fmt: skip
    done = subprocess.run(
        ["scripts/with-worker", sys.executable, "-c", SERVER],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Started 1 background task worker(s)" in done.stdout
    workers = done.stdout.split("ran", 1)[1].split()
    assert len(workers) == 1
    # The routine start and end of each task stay out of the server's output.
    assert "Task id=" not in done.stdout + done.stderr
    deadline = time.monotonic() + 30
    while alive(workers[0]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(workers[0]), "the worker outlived the server"


def test_no_worker_when_the_backend_has_no_queue(tmp_path):
    env = environment(
        tmp_path, NEWSROOM_TASKS_BACKEND="django.tasks.backends.immediate.ImmediateBackend"
    )
    done = subprocess.run(
        ["scripts/with-worker", "echo", "served"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout == "served\n"
