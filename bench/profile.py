#!/usr/bin/env python
"""Where an uncached reader page spends its time (see README: Benchmarks).

Renders the article page (and home, section, feed) N times in-process through
Django's full request handling, page cache off, production settings (DEBUG off),
against the benchmark database that bench/run.py builds, and profiles the runs
with the standard library's cProfile. Writes bench/results/profile-article.md:
time per request unprofiled, self time grouped by what it is spent on (ORM/SQL,
templates, body, JSON-LD, ...), and the top functions by cumulative and self time.
"""

import sys
from pathlib import Path

# This file is named profile.py and cProfile imports the standard library's
# `profile`: take this folder off the import path before anything imports it.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse  # noqa: E402
import cProfile  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import time  # noqa: E402

ROOT = HERE.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

from bench.run import pages, prepare  # noqa: E402

# What a function's own time is spent on, by where it lives (first match wins).
GROUPS = [
    ("SQL in the database driver", ("sqlite3", "SQLiteCursorWrapper", "psycopg")),
    ("ORM (building queries, making model instances)", ("django/db/", "core/queries.py")),
    ("JSON-LD", ("articles/discovery/structured_data.py", "articles_tags.py json_ld")),
    ("body (sanitising, splitting, composing)", (
        "articles/body.py", "nh3", "html/parser.py", "html/__init__.py", "_markupbase.py")),
    ("pictures (renditions, srcsets)", ("images/renditions.py",)),
    ("feed XML (syndication)", (
        "articles/discovery/feeds.py", "django/contrib/syndication/",
        "django/utils/feedgenerator.py", "xml/sax/")),
    ("templates (engine, tags, filters, escaping)", (
        "django/template/", "django/templatetags/", "/templatetags/", "django/utils/html.py",
        "django/utils/safestring.py", "django/utils/dateformat.py", "django/utils/formats.py",
        "django/utils/numberformat.py", "django/utils/text.py", "django/forms/")),
    ("URLs (reverse, resolve)", ("django/urls/",)),
    ("request handling, middleware, sessions", (
        "django/core/handlers/", "django/middleware/", "django/contrib/", "django/http/",
        "django/test/", "newsroom/", "pagecache/", "core/security.py", "django/views/",
        "django/utils/cache.py")),
    ("cache (page cache off; site-wide data)", ("django/core/cache/", "redis/")),
    ("other Newsroom code", ("articles/", "comments/", "images/", "core/", "ops/")),
    (OTHER := "other (stdlib, Django utilities)", ("",)),
]  # fmt: skip


def group_of(func):
    filename, _line, name = func
    where = f"{filename} {name}"
    return next(label for label, marks in GROUPS if any(m in where for m in marks))


def self_time_by_group(entries):
    """Each function's own time, by group. Built-ins (getattr, str.join) and
    general helpers (lazy objects, inspect) belong to no group of their own: their
    time goes to their callers' groups, in proportion to what each caller spent."""
    totals = {label: 0.0 for label, _ in GROUPS}

    def charge(func, seconds, seen):
        group = group_of(func)
        callers = entries[func][4] if func in entries else {}
        if group != OTHER or not callers or len(seen) > 8 or seconds < 1e-7:
            totals[group] += seconds
            return
        spent = sum(figures[2] for figures in callers.values()) or 1
        for caller, figures in callers.items():
            share = seconds * figures[2] / spent
            if caller in seen:
                totals[OTHER] += share
            else:
                charge(caller, share, seen | {caller})

    for func, entry in entries.items():
        charge(func, entry[2], {func})
    return totals


def short(func):
    filename, line, name = func
    if filename == "~":
        return name
    for marker in ("site-packages/", str(ROOT) + "/", "/lib/python3"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({name})"


def profile_page(client, path, requests):
    for _ in range(20):  # compiled templates, site-wide data in the cache
        assert client.get(path).status_code == 200, path
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(requests):
        client.get(path)
    per_request = (time.perf_counter() - started) / requests * 1000
    # This process's own CPU time: what the page costs a worker, much less swayed
    # than the wall clock by other work on a shared machine.
    cpu_per_request = (time.process_time() - cpu) / requests * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()
    return (per_request, cpu_per_request), pstats.Stats(profiler)


def summary(name, path, per_request, stats, requests, top):
    entries = stats.stats  # func -> (calls, primitive calls, self, cumulative, callers)
    total = sum(entry[2] for entry in entries.values())
    groups = self_time_by_group(entries)
    ms = 1000 / requests  # seconds over all requests -> ms per request
    wall, cpu = per_request
    lines = [
        f"## {name} (`{path}`)",
        "",
        f"{wall:.1f} ms per request without the profiler ({cpu:.1f} ms of CPU); "
        f"{total * ms:.1f} ms with it.",
        "",
        "Self time by what it is spent on:",
        "",
        "| group | ms per request | share |",
        "|---|---:|---:|",
    ]
    for label, seconds in sorted(groups.items(), key=lambda item: -item[1]):
        lines.append(f"| {label} | {seconds * ms:.2f} | {seconds / total:.0%} |")

    def table(title, key, keep=lambda func: True):
        rows = sorted((f for f in entries if keep(f)), key=lambda f: -entries[f][key])[:top]
        out = ["", title, "", "| function | calls per request | self ms | cumulative ms |",
               "|---|---:|---:|---:|"]  # fmt: skip
        for func in rows:
            calls, _, own, cumulative, _ = entries[func]
            out.append(f"| `{short(func)}` | {calls / requests:g} | {own * ms:.2f} | "
                       f"{cumulative * ms:.2f} |")  # fmt: skip
        return out

    def inner(func):
        # The handler and middleware frames that wrap the whole request say nothing.
        return entries[func][3] < 0.9 * total

    def project(func):
        return func[0].startswith(str(ROOT)) and "/site-packages/" not in func[0] and inner(func)

    lines += table("Newsroom's own functions by cumulative time (below the middleware):", 3,
                   project)  # fmt: skip
    lines += table("All functions by self time:", 2)
    lines += table("All functions by cumulative time (below the middleware):", 3, inner)
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200, help="renders per page")
    parser.add_argument("--top", type=int, default=15, help="rows per table")
    parser.add_argument("--pages", nargs="+", default=["article", "home", "section", "feed"])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    os.environ["NEWSROOM_PAGE_CACHE"] = "0"
    prepare(args.articles)  # production-like settings, the benchmark database
    from django.db import connection
    from django.test import Client

    from articles.models import Article

    paths = pages()
    client = Client(HTTP_HOST="127.0.0.1")
    parts = []
    for name in args.pages:
        per_request, stats = profile_page(client, paths[name], args.requests)
        parts.append(summary(name, paths[name], per_request, stats, args.requests, args.top))
        print(f"{name}: {per_request[0]:.1f} ms per request ({per_request[1]:.1f} ms of CPU)",
              flush=True)  # fmt: skip
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    header = [
        f"# Profile of uncached reader pages ({when})",
        "",
        f"`make bench-profile`: {Article.objects.count():,} articles on {connection.vendor}, "
        f"page cache off, DEBUG off; each page rendered {args.requests} times in one process "
        "through Django's full request handling (test client, every middleware) after 20 "
        "warm-up requests, then again under cProfile. cProfile adds a cost to every Python "
        "call, so call-heavy code (the template engine) looks a little dearer than it is; "
        "the unprofiled time per request is the real one (its CPU time is this process's own, "
        "which other work on the machine sways much less than the wall clock). Self time is "
        "grouped by where a function lives (bench/profile.py, GROUPS); built-ins count for "
        "their callers. "
        f"Load average at the end: {os.getloadavg()[0]:.1f}.",
        "",
        "",
    ]  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "profile-article.md"
    out.write_text("\n".join(header) + "\n".join(parts))
    print(f"Wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
