"""Every kind of reader page, from the demo newsroom, is valid HTML5 (the Nu HTML
checker) and has no accessibility violations axe-core can find (in Chromium).

Both tools come from npm (package.json: vnu-jar, axe-core); the checker needs
Java. `make test` installs them (scripts/ensure-test-tools). Without them these
tests are skipped, loudly, and under CI=true they fail.
"""

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleNote, Like
from comments.models import Comment
from ops.demo.content import FLAGSHIP_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def require(ok, message):
    if not ok:
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def tools():
    require(
        VNU.exists() and AXE.exists(),
        "node_modules is missing (run `npm ci`, or `make test`): HTML and accessibility "
        "checks cannot run",
    )
    require(shutil.which("java"), "Java is not installed (apt-get install default-jre-headless)")


@pytest.fixture
def reader_pages(live_server):
    """The demo newsroom, with what the demo lacks: comments, likes and a correction."""
    call_command("load_demo", "--no-editor")
    article = Article.objects.select_related("section").get(slug=FLAGSHIP_SLUG)
    first = Comment.objects.create(
        article=article,
        name="Ana Reader",
        email="ana@example.com",
        website="https://example.org/ana",
        text="A fair summary.\n\nSee https://example.org/source for more.",
        status=Comment.Status.APPROVED,
        submitted_at=timezone.now() - timedelta(hours=2),
    )
    Comment.objects.create(
        article=article,
        parent=first,
        name="Ben Reader",
        email="ben@example.com",
        text="I disagree with the second point.",
        status=Comment.Status.APPROVED,
        submitted_at=timezone.now() - timedelta(hours=1),
    )
    Article.objects.filter(pk=article.pk).update(comment_count=2)
    ArticleNote.objects.create(article=article, text="An earlier version misspelt a name.")
    Like.objects.create(article=article, reader="quality-reader")
    now = timezone.localtime()
    author = article.bylines.first().author
    tag = article.tags.first()
    base = live_server.url
    return {
        "home": f"{base}/",
        "section": f"{base}{article.section.get_absolute_url()}",
        "tag": f"{base}/tag/{tag.slug}/",
        "author": f"{base}{author.get_absolute_url()}",
        "archive year": f"{base}/archive/{now.year}/",
        "archive month": f"{base}/archive/{now.year}/{now.month}/",
        "search results": f"{base}/search/?q=cyber+attacks",
        "search form": f"{base}/search/",
        "search error": f"{base}/search/?q={'x' * 201}&start=2026-02-01&end=2026-01-01",
        "article with comments": f"{base}{article.get_absolute_url()}",
        "corrections": f"{base}/corrections/",
        "not found": f"{base}/no-such-section/no-such-story/",
    }


def fetch(url):
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (the live server, http)
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 page is a page too
        return error.read()


def test_reader_pages_are_valid_html(tools, reader_pages, tmp_path):
    files = {}
    for name, url in reader_pages.items():
        path = tmp_path / (name.replace(" ", "-") + ".html")
        path.write_bytes(fetch(url))
        files[path.as_uri()] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    problems = [
        f"{files.get(m.get('url'), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
    ]
    assert problems == [], "\n".join(problems)


def test_reader_pages_have_no_accessibility_violations(tools, reader_pages, browser):
    # axe is injected as an inline script, which the site's CSP rightly refuses.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    problems = []
    for name, url in reader_pages.items():
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        problems += [
            f"{name}: {v['id']} ({v['impact']}): {v['help']}: "
            + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
            for v in violations
        ]
    context.close()
    assert problems == [], "\n".join(problems)
