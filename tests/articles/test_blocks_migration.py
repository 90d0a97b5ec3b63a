"""Migration 0023 turns every placement ("after paragraph N" rows) into a block in
the body at the same place, losing nothing.

A site is built with the code as it was before blocks (`git archive` of
PRE_BLOCKS, its own `migrate`, `load_demo` and a WordPress import with pictures,
galleries and embeds, in subprocesses with this virtualenv's Python), and every
article's reader body is recorded: its top-level pieces in order, each figure by
its caption, credit and alignment, each related story by its link and headline,
each gallery by its pictures, each embed by its provider and title. Then this
code's `migrate` runs on the same database, and every article reads the same,
its body holds the blocks, and the placement rows are still those blocks.

It needs the project's git history; without it the test skips, and fails under
CI=true. It takes about a minute.
"""

import json
import shutil
import sqlite3

import pytest

from tests.helpers.oldsite import ROOT, manage_site, old_code, site_environment

# main just before blocks: placements with "after paragraph", edited in inlines.
PRE_BLOCKS = "7db74b0"

# Run by `manage.py shell -c` in both trees: every article's body as readers get
# it, reduced to what a reader sees of each top-level piece.
BODIES = """
import json, os
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from articles.models import Article
settings.DEBUG = False
client = Client()
client.force_login(__import__("django.contrib.auth").contrib.auth.models.User.objects.get(username="editor"))

def text(node):
    return " ".join(node.get_text(" ").split()) if node else ""

def piece(node):
    classes = sorted(node.get("class") or [])
    if node.name == "figure" and node.has_attr("data-embed"):
        return ["embed", text(node.select_one(".embed-provider")),
                text(node.select_one(".embed-title")), node.select_one(".embed-link")["href"]]
    if node.name == "figure" and node.has_attr("data-gallery"):
        return ["gallery", text(node.select_one(".gallery-title")),
                [text(caption) for caption in node.select("li figcaption")]]
    if node.name == "figure":
        image = node.find("img")
        return ["figure", classes, text(node.figcaption), image and image.get("alt")]
    if node.name == "aside":
        link = node.find("a")
        return ["aside", link and link.get("href"), text(node.select_one(".related-headline"))]
    return [node.name, text(node)]

bodies = {}
for article in Article.objects.order_by("pk"):
    response = client.get(article.get_absolute_url())
    body = BeautifulSoup(response.content, "html.parser").select_one(".article-body")
    if body is None:
        continue
    bodies[article.slug] = [piece(child) for child in body.find_all(True, recursive=False)]
json.dump(bodies, open(os.environ["BODIES_OUT"], "w"))
"""

# The WordPress import's uploads (only some pictures are there, as on a real move).
UPLOADS = {
    "2021/05/harbour.jpg": "navy",
    "2021/06/crowd.jpg": "maroon",
    "2012/09/tombola.jpg": "olive",
    "2020/01/crane.jpg": "navy",
    "2020/01/ferry.jpg": "teal",
    "2020/01/gulls.jpg": "gray",
}
EXPORTS = ["gazette-wxr-1.2.xml", "galleries-embeds.xml"]


def bodies(code, env, site, out):
    manage_site(code, {**env, "BODIES_OUT": str(site / out)}, "shell", "-c", BODIES)
    return json.loads((site / out).read_text())


def placements(site):
    with sqlite3.connect(site / "db.sqlite3") as db:
        return {
            table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in (
                "articles_articleimage",
                "articles_relatedlink",
                "articles_articlegallery",
                "articles_articleembed",
            )
        }


@pytest.fixture(scope="module")
def site_before_blocks(tmp_path_factory):
    """A demo site with two WordPress imports, built by the code before blocks."""
    from PIL import Image

    base = tmp_path_factory.mktemp("blocks-migration")
    code = old_code(base / "code", PRE_BLOCKS)
    site = base / "site"
    site.mkdir()
    uploads = base / "uploads"
    for name, color in UPLOADS.items():
        (uploads / name).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (64, 48), color).save(uploads / name, "JPEG")
    env = site_environment(site, base / "var-old")
    manage_site(code, env, "migrate", "--no-input")
    manage_site(code, env, "load_demo")
    exports = ROOT / "tests" / "articles" / "wordpress" / "exports"
    for export in EXPORTS:
        manage_site(
            code, env, "import_wordpress", str(exports / export), "--media-dir", str(uploads)
        )
    return site, bodies(code, env, site, "bodies-old.json"), placements(site)


def test_every_placement_becomes_a_block_where_it_stood(site_before_blocks, tmp_path):
    site, before, rows_before = site_before_blocks
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    env = site_environment(copy, tmp_path / "var")
    manage_site(ROOT, env, "migrate", "--no-input")
    after = bodies(ROOT, env, copy, "bodies-new.json")

    # What was placed: pictures (demo and imported, one aligned), related stories
    # (ours and elsewhere), galleries and embeds.
    kinds = [piece[0] for pieces in before.values() for piece in pieces]
    for kind in ("figure", "aside", "gallery", "embed"):
        assert kind in kinds, kind
    assert sum(kind == "figure" for kind in kinds) >= 4
    figures = [piece for pieces in before.values() for piece in pieces if piece[0] == "figure"]
    assert any({"figure-left", "figure-right", "figure-center"} & set(f[1]) for f in figures)
    assert len(before) > 20
    # Every article reads the same: each figure, aside, gallery and embed with the
    # same content at the same place among the paragraphs.
    assert after == before
    # The bodies hold the blocks, and the rows (now derived from them) are all there.
    with sqlite3.connect(copy / "db.sqlite3") as db:
        (with_blocks,) = db.execute(
            "SELECT COUNT(*) FROM articles_article WHERE body LIKE '%data-block=%'"
        ).fetchone()
        (placed,) = db.execute(
            "SELECT COUNT(DISTINCT article_id) FROM (SELECT article_id FROM articles_articleimage"
            " UNION SELECT article_id FROM articles_relatedlink"
            " UNION SELECT article_id FROM articles_articlegallery"
            " UNION SELECT article_id FROM articles_articleembed)"
        ).fetchone()
    assert with_blocks == placed > 5
    assert placements(copy) == rows_before
