#!/usr/bin/env python
"""The breaking-news drill (README: Benchmarks): do readers notice the newsroom working?

Against `make serve` (page cache on) and the benchmark database, wrk loads the
home page and ten article pages, rotating through them (bench/rotate.lua), for
two minutes with nobody editing (the calm run), then two minutes more while an
editor, signed in to the admin over HTTP as a member of Editors, saves a
correction on one of the ten articles every 5 s (the change form, with a new
correction inline) and publishes a new article every 30 s (the add form), as
the editor's browser would. Writes req/s, p50/p99 and non-2xx of both runs, and
how the editor's saves went, to bench/results/drill.{json,md}.
"""

import http.cookiejar
import json
import os
import re
import secrets
import sqlite3
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import load_options, prepare, start_server, stop_server, wait_until_up, wrk  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PORT = int(os.environ.get("NEWSROOM_BENCH_PORT", "8301"))  # another for a shared machine
BASE = f"http://127.0.0.1:{PORT}"


class FormFields(HTMLParser):
    """The fields a browser would submit from one form: inputs (checked boxes
    only), selected options and textareas, in document order."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in {"submit", "button", "file", "image"}:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self.fields.append([attrs["name"], attrs.get("value") or ""])
        elif tag == "select":
            self.select = [attrs["name"], "multiple" in attrs, []]
        elif tag == "option" and self.select and "selected" in attrs:
            self.select[2].append(attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            name, multiple, chosen = self.select
            self.fields += [[name, value] for value in (chosen if multiple else chosen[:1])]
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append(self.textarea)
            self.textarea = None


class Editor:
    """An editor's browser: a cookie jar, the admin's forms, no redirects followed
    (302 = saved; 200 = the form came back with errors)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self.NoRedirect
        )

    def request(self, path, fields=None):
        data = (
            None if fields is None else urllib.parse.urlencode([tuple(f) for f in fields]).encode()
        )
        request = urllib.request.Request(BASE + path, data=data, headers={"Referer": BASE + path})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def form(self, path, form_id):
        """The form's fields, the inlines' empty template rows ("__prefix__") included."""
        status, html = self.request(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        parser = FormFields(form_id)
        parser.feed(html)
        return parser.fields

    def submit(self, path, fields):
        started = time.monotonic()
        status, html = self.request(path, fields)
        seconds = time.monotonic() - started
        if status != 302:
            found = re.findall(r'class="(?:errornote|errorlist[^"]*)"[^>]*>(.*?)</', html, re.S)
            raise RuntimeError(f"POST {path}: {status} {' '.join(found)[:300]}")
        return seconds

    def log_in(self, username, password):
        fields = self.form("/admin/login/", "login-form")
        fields += [["username", username], ["password", password]]
        self.submit("/admin/login/?next=/admin/", fields)

    def lookup(self, model, field, term=""):
        """The first id the admin's autocomplete offers, as the editor's picker would."""
        query = urllib.parse.urlencode({"app_label": "articles", "model_name": model,
                                        "field_name": field, "term": term})  # fmt: skip
        status, body = self.request(f"/admin/autocomplete/?{query}")
        return json.loads(body)["results"][0]["id"]

    def correct(self, pk, text):
        """Open the article's change form, add a correction below it, save."""
        path = f"/admin/articles/article/{pk}/change/"
        every = self.form(path, "article_form")
        row = int(next(value for name, value in every if name == "notes-TOTAL_FORMS"))
        fields = [[name, str(row + 1) if name == "notes-TOTAL_FORMS" else value]
                  for name, value in every if "__prefix__" not in name]  # fmt: skip
        # What the admin's "Add another" does: a copy of the inline's empty row.
        template = [[name.replace("__prefix__", str(row)), value] for name, value in every
                    if "notes-__prefix__-" in name]  # fmt: skip
        fields += [f for f in template if not f[0].endswith(("-kind", "-text"))]
        fields += [[f"notes-{row}-kind", "correction"], [f"notes-{row}-text", text],
                   ["_save", "Save"]]  # fmt: skip
        return self.submit(path, fields)

    def publish(self, number, section, author):
        """Fill in the add form for a new, published article and save it."""
        path = "/admin/articles/article/add/"
        fields = [f for f in self.form(path, "article_form") if "__prefix__" not in f[0]]
        given = {
            "headline": f"Breaking: drill story {number}",
            "slug": f"drill-{number}-{secrets.token_hex(3)}",
            "standfirst": "What we know so far, and what happens next.",
            "body": "".join(f"<p>Paragraph {i} of the breaking story.</p>" for i in range(8)),
            "section": str(section),
            "tags": "Breaking",
            "status": "published",
            "bylines-0-author": str(author),
        }
        fields = [[n, given.pop(n, v)] for n, v in fields] + [[n, v] for n, v in given.items()]
        return self.submit(path, [*fields, ["_save", "Save"]])


def make_editor():
    """An editor account (set-up, not part of the drill): staff, in Editors."""
    from django.contrib.auth.models import Group, User

    password = secrets.token_urlsafe(16)
    user, _ = User.objects.get_or_create(username="drill-editor")
    user.is_staff, user.is_active = True, True
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    return user.username, password


def editing(editor, articles, duration, log):
    """Corrections every 5 s on the ten articles in turn; a new article every 30 s."""
    section, author = editor.lookup("article", "section"), editor.lookup("byline", "author")
    started = time.monotonic()
    for tick in range(1, duration // 5 + 1):
        time.sleep(max(0.0, started + tick * 5 - time.monotonic()))
        if time.monotonic() - started >= duration:
            break
        article = articles[(tick - 1) % len(articles)]
        jobs = [("correction", editor.correct, (article, f"Drill correction {tick}."))]
        if tick % 6 == 0:
            jobs.append(("publish", editor.publish, (tick // 6, section, author)))
        for kind, job, job_args in jobs:
            at = round(time.monotonic() - started, 1)
            try:
                seconds = round(job(*job_args), 3)
                log.append({"kind": kind, "at_s": at, "ok": True, "seconds": seconds})
            except Exception as error:  # noqa: BLE001 - a failed save is a result
                log.append({"kind": kind, "at_s": at, "ok": False, "error": str(error)})


def run(args):
    # The drill writes: on SQLite it works on a fresh copy of the benchmark
    # database, so `make bench` keeps measuring the same archive.
    bench_db, drill_db = ROOT / "var" / "bench.sqlite3", ROOT / "var" / "drill.sqlite3"
    if not os.environ.get("DATABASE_URL") and bench_db.exists():
        with sqlite3.connect(bench_db) as source, sqlite3.connect(drill_db) as copy:
            source.backup(copy)
    prepare(args.articles, sqlite=drill_db)
    from articles.models import Article

    articles = list(Article.objects.published().select_related("section")
                    .order_by("-published_at")[:10])  # fmt: skip
    os.environ["WRK_PATHS"] = " ".join(["/", *(a.get_absolute_url() for a in articles)])
    username, password = make_editor()
    proc = start_server(PORT, cached=True, workers=args.workers)
    results = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               "articles": Article.objects.count(), "workers": args.workers,
               "wrk": {"threads": args.threads, "connections": args.connections,
                       "duration_s": args.duration, "timeout_s": args.timeout},
               "paths": os.environ["WRK_PATHS"].split(),
               "cache": "redis" if os.environ.get("REDIS_URL") else "file"}  # fmt: skip
    try:
        wait_until_up(BASE)
        editor = Editor()
        editor.log_in(username, password)
        load = (BASE + "/", args.duration, args.connections, args.threads, "rotate.lua",
                args.timeout)  # fmt: skip
        wrk(BASE + "/", 5, args.connections, args.threads, "rotate.lua")  # warm up
        results["load_before"] = os.getloadavg()[0]
        results["calm"] = wrk(*load)
        print("calm", results["calm"], flush=True)
        time.sleep(2)
        log = []
        thread = threading.Thread(target=editing, args=(editor, [a.pk for a in articles],
                                                        args.duration, log))  # fmt: skip
        thread.start()
        results["edits"] = wrk(*load)
        thread.join()
        results["load_after"] = os.getloadavg()[0]
        print("edits", results["edits"], flush=True)
        results["editor"] = log
    finally:
        stop_server(proc)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "drill.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "drill.md").write_text(markdown(results))
    print(markdown(results))


def markdown(results):
    w, log = results["wrk"], results["editor"]
    calm, edits = results["calm"], results["edits"]
    saves = [e["seconds"] for e in log if e["ok"]]
    failed = [e for e in log if not e["ok"]]
    lines = [
        f"# Breaking-news drill ({results['when']})",
        "",
        f"`make bench-drill`: {results['articles']:,} articles on "
        f"{'PostgreSQL' if os.environ.get('DATABASE_URL') else 'SQLite'}, "
        f"{results['cache']} cache, page cache on; granian with {results['workers']} workers; "
        f"wrk -t{w['threads']} -c{w['connections']} -d{w['duration_s']}s --timeout "
        f"{w['timeout_s']}s on 127.0.0.1, rotating through the home page and ten articles. "
        "During the second run an editor signed in to the admin saves a correction on one "
        "of the ten every 5 s and publishes a new article every 30 s, over HTTP. Load "
        f"average before/after: {results['load_before']:.1f}/{results['load_after']:.1f}.",
        "",
        "| run | req/s | p50 ms | p95 ms | p99 ms | non-2xx | socket errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, figures in (("calm", calm), ("editing", edits)):
        lines.append(f"| {name} | {figures['rps']:,.0f} | {figures['p50_ms']} | "
                     f"{figures['p95_ms']} | {figures['p99_ms']} | {figures['non_2xx']} | "
                     f"{figures.get('socket_errors', 0)} |")  # fmt: skip
    ratio = edits["p99_ms"] / calm["p99_ms"] if calm["p99_ms"] else float("inf")
    met = ratio <= 2 and not edits["non_2xx"] and not edits.get("socket_errors")
    kinds = {kind: sum(e["kind"] == kind and e["ok"] for e in log)
             for kind in ("correction", "publish")}  # fmt: skip
    lines += [
        "",
        f"p99 while editing is **{ratio:.1f}×** calm; target ≤ 2× with no errors: "
        f"**{'met' if met else 'not met'}**.",
        "",
        f"The editor saved {kinds['correction']} corrections and published "
        f"{kinds['publish']} articles"
        + (f"; a save took {statistics.median(saves):.2f} s (median), "
           f"{max(saves):.2f} s at most" if saves else "")
        + (f"; {len(failed)} saves failed: {failed[0]['error']}" if failed else "")
        + ".",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def main():
    parser = load_options(__doc__, duration=120)
    parser.add_argument("--timeout", type=int, default=10, help="wrk's request timeout, s")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
