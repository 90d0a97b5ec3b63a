#!/usr/bin/env python
"""Newsroom's uncached article page beside Wagtail's, in one run (README: Benchmarks).

Installs Wagtail (bench/wagtail/requirements.txt) into its own virtualenv under
var/bench/wagtail, builds the small Wagtail site in bench/wagtail with content
shaped like Newsroom's benchmark articles, serves both the same way (granian,
two workers, DEBUG off; Newsroom's page cache off, no frontend cache in Wagtail)
and loads each article page with wrk, alternating between the two for a few
rounds. Writes req/s, p50/p99 and the ratio Newsroom/Wagtail (the median round
of each) to bench/results/wagtail.{json,md}.
"""

import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run as bench  # noqa: E402

SITE = ROOT / "bench" / "wagtail"
DATA = ROOT / "var" / "bench" / "wagtail"
VENV = DATA / "venv"
RESULTS = ROOT / "bench" / "results"


def wagtail_env():
    return {
        **os.environ,
        "WAGTAIL_BENCH_DIR": str(DATA),
        "DJANGO_SETTINGS_MODULE": "benchsite.settings",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_DEBUG": "0",
    }


def install_wagtail():
    """The virtualenv with exactly the pinned requirements; reinstalled when they change."""
    requirements = (SITE / "requirements.txt").read_text()
    stamp = VENV / "requirements.txt"
    if stamp.exists() and stamp.read_text() == requirements:
        return
    print("Installing Wagtail into", VENV.relative_to(ROOT), flush=True)
    shutil.rmtree(VENV, ignore_errors=True)
    venv.create(VENV, with_pip=True)
    subprocess.run([VENV / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-r", SITE / "requirements.txt"], check=True)  # fmt: skip
    stamp.write_text(requirements)


def build_wagtail(articles):
    """Migrate, make the content once, and return the benchmarked article's
    address, its SQL queries and its size (make_bench_content's last line)."""
    python, env = str(VENV / "bin" / "python"), wagtail_env()
    subprocess.run([python, "manage.py", "migrate", "--no-input", "-v0"], cwd=SITE, env=env,
                   check=True)  # fmt: skip
    command = [python, "manage.py", "make_bench_content", "--articles", str(articles)]
    out = subprocess.run(command, cwd=SITE, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_wagtail(port, workers):
    """Granian as scripts/serve runs it for Newsroom."""
    return subprocess.Popen(
        [VENV / "bin" / "granian", "--interface", "wsgi", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers), "--blocking-threads", "4",
         "--backlog", "2048", "--workers-kill-timeout", "10", "--log-level", "warning",
         "benchsite.wsgi:application"],
        cwd=SITE, env=wagtail_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip


def wait_for_page(url, timeout=60):
    """The page's size in bytes, once the server answers."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return len(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def run(args):
    install_wagtail()
    wagtail = build_wagtail(args.wagtail_articles)
    bench.prepare(args.articles)
    from articles.models import Article

    article = bench.pages()["article"]
    newsroom = {"article": article, "queries": bench.count_queries({"article": article})["article"]}
    servers = {
        "newsroom": (bench.start_server(8201, cached=False, workers=args.workers), 8201, newsroom),
        "wagtail": (start_wagtail(8202, args.workers), 8202, wagtail),
    }
    rounds = {name: [] for name in servers}
    load_before = os.getloadavg()[0]  # other work on this machine shows here
    try:
        bench.wait_until_up("http://127.0.0.1:8201")
        for _name, (_proc, port, page) in servers.items():
            page["bytes"] = wait_for_page(f"http://127.0.0.1:{port}{page['article']}")
        for number in range(args.rounds):
            for name, (_proc, port, page) in servers.items():
                url = f"http://127.0.0.1:{port}{page['article']}"
                time.sleep(2)  # the server finishes what the last run left queued
                bench.wrk(url, 2, args.connections, args.threads)  # warm up
                rounds[name].append(
                    bench.wrk(url, args.duration, args.connections, args.threads, timeout=10)
                )
                print(f"round {number + 1}", name, rounds[name][-1], flush=True)
    finally:
        for proc, _port, _page in servers.values():
            bench.stop_server(proc)
    results = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "wrk": {"threads": args.threads, "connections": args.connections,
                "duration_s": args.duration, "rounds": args.rounds},  # fmt: skip
        "workers": args.workers,
        "load_average": {"before": load_before, "after": os.getloadavg()[0]},
        "newsroom": {**newsroom, "articles": Article.objects.count(), "page_cache": False,
                     "median": median_round(rounds["newsroom"]), "rounds": rounds["newsroom"]},
        "wagtail": {**wagtail, "version": version("wagtail"), "articles": args.wagtail_articles,
                    "median": median_round(rounds["wagtail"]), "rounds": rounds["wagtail"]},
    }  # fmt: skip
    results["ratio"] = round(
        results["newsroom"]["median"]["rps"] / results["wagtail"]["median"]["rps"], 2
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "wagtail.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "wagtail.md").write_text(markdown(results))
    print(markdown(results))


def median_round(runs):
    """The round with the median req/s (its own latencies with it)."""
    middle = statistics.median_low([run["rps"] for run in runs])
    return next(run for run in runs if run["rps"] == middle)


def version(package):
    out = subprocess.run([VENV / "bin" / "pip", "show", package], capture_output=True, text=True)
    return next((line.split()[-1] for line in out.stdout.splitlines()
                 if line.startswith("Version:")), "?")  # fmt: skip


def markdown(results):
    w = results["wrk"]
    lines = [
        f"# Newsroom vs Wagtail, uncached article page ({results['when']})",
        "",
        f"`make bench-wagtail`: wrk -t{w['threads']} -c{w['connections']} -d{w['duration_s']}s "
        f"--timeout 10s on 127.0.0.1, {w['rounds']} rounds alternating between the two servers "
        f"(median round shown); granian with {results['workers']} workers each, DEBUG off, SQLite, "
        "both running Django 6.1. Newsroom's page cache off; Wagtail "
        f"{results['wagtail']['version']} with no frontend cache (bench/wagtail: an "
        "ArticlePage with a StreamField body, captioned images, tags, an author snippet, "
        "related stories). Load average before/after: "
        f"{results['load_average']['before']:.1f}/{results['load_average']['after']:.1f}.",
        "",
        "| site | articles | page | req/s | p50 ms | p95 ms | p99 ms | non-2xx | socket errors "
        "| SQL queries | bytes |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("newsroom", "wagtail"):
        site, m = results[name], results[name]["median"]
        lines.append(
            f"| {name.title()} | {site['articles']:,} | `{site['article']}` | {m['rps']:,.0f} | "
            f"{m['p50_ms']} | {m['p95_ms']} | {m['p99_ms']} | {m['non_2xx']} | "
            f"{m.get('socket_errors', 0)} | {site['queries']} | {site['bytes']:,} |"
        )
    rounds = ", ".join(
        f"{a['rps']:,.0f} vs {b['rps']:,.0f}"
        for a, b in zip(results["newsroom"]["rounds"], results["wagtail"]["rounds"], strict=True)
    )
    lines += [
        "",
        f"**Newsroom / Wagtail: {results['ratio']}×** (req/s; each round: {rounds}).",
        "",
        "Newsroom's page carries more than Wagtail's: comments and the comment form, the "
        "like button, Check Also, JSON-LD, social meta and the section links in the footer.",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = bench.load_options(__doc__, duration=10)
    parser.add_argument("--wagtail-articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
