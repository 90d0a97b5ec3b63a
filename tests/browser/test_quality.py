"""Every kind of reader page, from the demo newsroom, is valid HTML5 (the Nu HTML
checker) and has no accessibility violations axe-core can find (in Chromium).

Both tools come from npm (package.json: vnu-jar, axe-core); the checker needs
Java. `make test` installs them (scripts/ensure-test-tools). Without them these
tests are skipped, loudly, and under CI=true they fail.
"""

import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleNote, Like, LiveUpdate, Section
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
def reader_pages(live_server, settings):
    """Every kind of reader page, from the demo newsroom plus what the demo lacks:
    comments and a reply form, likes, corrections and updates, live updates and an
    "Updated" time. Every time here has microseconds, as timezone.now() gives."""
    call_command("load_demo", "--no-editor")
    article = Article.objects.select_related("section").get(slug=FLAGSHIP_SLUG)
    assert article.is_developing
    assert article.check_also_id
    assert article.figures.exists()
    assert article.related_links.exists()
    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(updated_at=now - timedelta(minutes=5))
    first = Comment.objects.create(
        article=article,
        name="Ana Reader",
        email="ana@example.com",
        website="https://example.org/ana",
        text="A fair summary.\n\nSee https://example.org/source for more.",
        status=Comment.Status.APPROVED,
        submitted_at=now - timedelta(hours=2),
    )
    Comment.objects.create(
        article=article,
        parent=first,
        name="Ben Reader",
        email="ben@example.com",
        text="I disagree with the second point.",
        status=Comment.Status.APPROVED,
        submitted_at=now - timedelta(hours=1),
    )
    Comment.objects.create(
        article=article,
        name="Cy Reader",
        email="cy@example.com",
        text="A second thread, on a page of its own.",
        status=Comment.Status.APPROVED,
        submitted_at=now - timedelta(minutes=30),
    )
    settings.NEWSROOM_COMMENTS_PER_PAGE = 1  # two pages of comments, linked both ways
    Article.objects.filter(pk=article.pk).update(comment_count=3)
    ArticleNote.objects.create(article=article, text="An earlier version misspelt a name.")
    ArticleNote.objects.create(
        article=article, kind=ArticleNote.Kind.UPDATE, text="Adds the minister's reply."
    )
    LiveUpdate.objects.create(article=article, text="The press conference has ended.")
    LiveUpdate.objects.create(article=article, text="Ms Marsh is due to speak at 6pm.")
    Like.objects.create(article=article, reader="quality-reader")
    assert now.microsecond  # what made the HTML invalid: six digits of a fraction
    local = timezone.localtime()
    author = article.bylines.first().author
    tag = article.tags.first()
    subsection = Section.objects.filter(parent__isnull=False).order_by("path").first()
    base = live_server.url
    return {
        "home": f"{base}/",
        "section": f"{base}{article.section.get_absolute_url()}",
        "subsection": f"{base}{subsection.get_absolute_url()}",
        "tag": f"{base}/tag/{tag.slug}/",
        "author": f"{base}{author.get_absolute_url()}",
        "archive year": f"{base}/archive/{local.year}/",
        "archive month": f"{base}/archive/{local.year}/{local.month}/",
        "search results": f"{base}/search/?q=cyber+attacks",
        "search without results": f"{base}/search/?q=zebracrossingsquid",
        "search form": f"{base}/search/",
        "search error": f"{base}/search/?q={'x' * 201}&start=2026-02-01&end=2026-01-01",
        "article": f"{base}{article.get_absolute_url()}",
        "article reply form": f"{base}{article.get_absolute_url()}?cpage=1&replyto={first.pk}",
        "article, older comments": f"{base}{article.get_absolute_url()}?cpage=1",
        "article in a subsection": f"{base}{article.check_also.get_absolute_url()}",
        "corrections": f"{base}/corrections/",
        "not found": f"{base}/no-such-section/no-such-story/",
    }


def fetch(url):
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (the live server, http)
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 page is a page too
        return error.read()


def refused_comment_page(article_url):
    """The article as a reader whose comment had mistakes sees it: back at the
    form, their words kept, each mistake marked (a session carries them)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    html = opener.open(article_url).read().decode()  # noqa: S310 (the live server)
    base = article_url.split("/", 3)[:3]
    reader_url = "/".join(base) + re.search(r'data-reader-url="([^"]+)"', html).group(1)
    state = json.loads(opener.open(reader_url).read())  # noqa: S310
    post_url = "/".join(base) + re.search(r'action="(/comments/post/\d+/)"', html).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": state["csrf"],
            "token": state["comment_token"],
            "name": "",
            "email": "not-an-email",
            "text": "Kept words.",
        }
    ).encode()
    with opener.open(post_url, data) as response:  # noqa: S310 - follows the 303 back
        assert response.url.startswith(article_url), response.url
        page = response.read()
    assert b"Kept words." in page
    assert b'aria-invalid="true"' in page
    return page


def test_reader_pages_are_valid_html(tools, reader_pages, tmp_path, settings):
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0
    files = {}
    pages = {name: fetch(url) for name, url in reader_pages.items()}
    pages["article with a refused comment"] = refused_comment_page(reader_pages["article"])
    for name, content in pages.items():
        path = tmp_path / (name.replace(" ", "-").replace(",", "") + ".html")
        path.write_bytes(content)
        files[f"file:{path}"] = name
    # A page known to be invalid: the checker must find it, or it checked nothing
    # (given file: URLs instead of paths it reports no messages at all).
    canary = tmp_path / "canary.html"
    canary.write_text(
        '<!doctype html><html lang="en"><title>x</title><p><time datetime="x">x</time>'
    )
    result = subprocess.run(
        [
            "java", "-jar", str(VNU), "--format", "json", "--errors-only",
            str(canary), *(url.removeprefix("file:") for url in files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    messages = json.loads(result.stderr)["messages"]
    assert any(m.get("url") == f"file:{canary}" for m in messages), result.stderr
    problems = [
        f"{files.get(m.get('url'), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("url") != f"file:{canary}"
    ]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("width", [1280, 390])
def test_reader_pages_have_no_accessibility_violations(tools, reader_pages, browser, width):
    # axe is injected as an inline script, which the site's CSP rightly refuses.
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    for name, url in reader_pages.items():
        page.goto(url)
        if width < 640:  # the phone's sections menu, open
            page.get_by_role("navigation", name="Sections", exact=True).locator("summary").click()
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        problems += [
            f"{name}: {v['id']} ({v['impact']}): {v['help']}: "
            + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
            for v in violations
        ]
    context.close()
    assert problems == [], "\n".join(problems)
