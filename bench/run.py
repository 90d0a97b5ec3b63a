#!/usr/bin/env python
"""Load-test `make serve` against its ceiling, in one run (see README: Benchmarks).

For each server (granian, gunicorn) and each cache mode (page cache on and off)
it starts Newsroom with production settings on 127.0.0.1, loads each page with
wrk (-t2 -c32 by default) beside a bare Django view that returns 60 KB of fixed
bytes from the same server (the ceiling), and records req/s, p50/p99 latency,
the ratio to the ceiling and the server's memory. SQL queries per page are
counted in-process with the page cache off. Results: bench/results/serving.json
and serving.md.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable


def django_setup(env):
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pages():
    from taggit.models import Tag

    from articles.models import Article, Section

    article = Article.objects.published().select_related("section").order_by("-published_at")[5]
    section = Section.objects.filter(parent__isnull=True).order_by("position").first()
    tag = Tag.objects.filter(slug__startswith="topic-").first() or Tag.objects.first()
    found = {
        "ceiling": "/bench/ceiling/",
        "article": article.get_absolute_url(),
        "home": "/",
        "section": section.get_absolute_url(),
        "tag": f"/tag/{tag.slug}/",
    }
    from django.urls import NoReverseMatch, reverse

    for name, route in (("search", "articles:search"), ("feed", "articles:feed_site_rss")):
        with contextlib.suppress(NoReverseMatch):
            found[name] = reverse(route) + ("?q=minister" if name == "search" else "")
    return found


def count_queries(paths):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    counts = {}
    with override_settings(NEWSROOM_PAGE_CACHE=False, ALLOWED_HOSTS=["*"]):
        client = Client()
        for name, path in paths.items():
            if name == "ceiling":
                continue
            client.get(path)  # warm site-wide data (menus)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            counts[name] = len(queries)
    return counts


def wait_until_up(base, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server at {base} did not answer in {timeout} s")


def server_memory(pid):
    """Resident memory of the server and all its workers, in MB."""
    total = 0
    pids = {pid}
    for _ in range(3):
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().split(")")[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                if ppid in pids:
                    pids.add(int(entry.name))
    for p in pids:
        try:
            for line in (Path("/proc") / str(p) / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


# Pages limited per client address get a new address for every request.
RATE_LIMITED = {"search"}
# Pages also measured with one connection per worker (the search target is a
# latency, not a throughput).
SERVICE_TIME = {"search"}


def wrk(url, duration, connections, threads, script="latency.lua", timeout=None):
    """wrk's figures; `timeout` (s) replaces wrk's 2 s, past which a request
    counts as a socket error, not as a latency."""
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            *([f"--timeout={timeout}s"] if timeout else []),
            "--latency",
            "-s",
            str(ROOT / "bench" / script),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)

    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    p95 = re.search(r"p95_us: (\d+)", out)
    figures = {"rps": round(rps, 1), "p50_ms": latency(50),
               "p95_ms": round(int(p95.group(1)) / 1000, 2) if p95 else None,
               "p99_ms": latency(99), "non_2xx": int(errors.group(1)) if errors else 0}  # fmt: skip
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket:
        figures["socket_errors"] = sum(int(n) for n in socket.groups())
    return figures


def prepare(articles, sqlite=ROOT / "var" / "bench.sqlite3"):
    """Production-like settings in os.environ, an empty page cache and a
    benchmark database of at least `articles` articles: DATABASE_URL's, or the
    SQLite file `sqlite` (also used by compare_wagtail.py, profile.py, drill.py)."""
    env = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "NEWSROOM_BENCH_CEILING": "1",
        "NEWSROOM_SERVE_MEDIA": "1",
        "DJANGO_DEBUG": "0",
        # wrk sends each request from its own address (bench/clients.lua).
        "NEWSROOM_TRUSTED_PROXIES": "127.0.0.1",
    }
    if not os.environ.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(sqlite)
    os.environ.update(env)
    # Start from an empty file cache (without REDIS_URL it is var/cache): pages
    # and rate-limit counters from an earlier run would skew this one.
    shutil.rmtree(ROOT / "var" / "cache", ignore_errors=True)
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT,
                   check=True)  # fmt: skip
    django_setup(env)
    from articles.models import Article

    have = Article.objects.count()
    if have < articles:
        subprocess.run([PYTHON, "manage.py", "generate_articles", str(articles - have)],
                       cwd=ROOT, check=True)  # fmt: skip


def start_server(port, cached, workers, server="granian"):
    """`make serve` (scripts/serve) on 127.0.0.1:port, in its own process group."""
    env = {
        **os.environ,
        "NEWSROOM_SERVER": server,
        "NEWSROOM_BIND": f"127.0.0.1:{port}",
        "NEWSROOM_WORKERS": str(workers),
        "NEWSROOM_PAGE_CACHE": "1" if cached else "0",
        # What make serve runs (newsroom/wsgi.py names it too; this process's own
        # django_setup() may have set the base module).
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
    }
    return subprocess.Popen([str(ROOT / "scripts" / "serve")], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip


def stop_server(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def run(args):
    prepare(args.articles)
    from articles.models import Article

    paths = pages()
    if args.pages:
        paths = {name: path for name, path in paths.items() if name in {"ceiling", *args.pages}}
    queries = count_queries(paths)
    results = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "database": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite",
        "cache": "redis" if os.environ.get("REDIS_URL") else "file",
        "articles": Article.objects.count(),
        "wrk": {
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
        },  # fmt: skip
        "workers": args.workers,
        "queries": queries,
        "runs": [],
    }
    port = 8100
    for server in args.servers:
        for cached in (True, False):
            port += 1
            proc = start_server(port, cached, args.workers, server)
            base = f"http://127.0.0.1:{port}"
            try:
                wait_until_up(base)
                run = {"server": server, "page_cache": cached, "pages": {}}
                for name, path in paths.items():
                    script = "clients.lua" if name in RATE_LIMITED else "latency.lua"
                    time.sleep(2)  # the server finishes what the last run left queued
                    wrk(base + path, 2, args.connections, args.threads, script)  # warm up
                    run["pages"][name] = wrk(base + path, args.duration, args.connections,
                                             args.threads, script)  # fmt: skip
                    print(server, "cached" if cached else "uncached", name, run["pages"][name],
                          flush=True)  # fmt: skip
                    if name in SERVICE_TIME:
                        # The same page with one request at a time per worker: its
                        # own latency, without the queue that -c32 builds.
                        quiet = f"{name} ({args.workers} connections)"
                        time.sleep(2)
                        wrk(base + path, 2, args.workers, 1, script)  # warm up
                        run["pages"][quiet] = wrk(base + path, args.duration, args.workers, 1,
                                                  script)  # fmt: skip
                        print(server, quiet, run["pages"][quiet], flush=True)
                ceiling = run["pages"]["ceiling"]["rps"]
                for page in run["pages"].values():
                    page["ratio"] = round(page["rps"] / ceiling, 3) if ceiling else None
                run["memory_mb"] = server_memory(proc.pid)
                results["runs"].append(run)
            finally:
                stop_server(proc)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = args.name or "serving"
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / f"{name}.md").write_text(markdown(results))
    print(markdown(results))


def markdown(results):
    lines = [
        f"# Serving benchmark ({results['when']})",
        "",
        f"{results['articles']:,} articles on {results['database']}, "
        f"{results.get('cache', 'file')} cache; wrk "
        f"-t{results['wrk']['threads']} -c{results['wrk']['connections']} "
        f"-d{results['wrk']['duration_s']}s on 127.0.0.1; {results['workers']} server workers. "
        "Ratio = req/s over the ceiling (a bare Django view returning 60 KB) measured in "
        "the same server and run.",
        "",
        "| server | page cache | page | req/s | p50 ms | p95 ms | p99 ms | ratio | SQL queries "
        "| non-2xx | memory MB |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in results["runs"]:
        for page, figures in run["pages"].items():
            lines.append(
                f"| {run['server']} | {'on' if run['page_cache'] else 'off'} | {page} | "
                f"{figures['rps']:,.0f} | {figures['p50_ms']} | {figures.get('p95_ms')} | "
                f"{figures['p99_ms']} | "
                f"{figures['ratio']:.0%} | {results['queries'].get(page.split()[0], '—')} | "
                f"{figures['non_2xx']} | {run['memory_mb']} |"
            )
    return "\n".join(lines) + "\n"


def load_options(description, duration):
    """The options of every load test here (they all need wrk)."""
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=duration, help="seconds of each load")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    return parser


def main():
    parser = load_options(__doc__, duration=10)
    parser.add_argument("--servers", nargs="+", default=["granian", "gunicorn"])
    parser.add_argument("--name", help="results file name (default: serving)")
    parser.add_argument("--pages", nargs="+", help="only these pages (and the ceiling)")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
