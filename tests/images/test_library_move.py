"""Moving the image library from the articles app to its own (issue 14) keeps a
running site exactly as it was.

A site is built with the code as it was before the move (`git archive` of
PRE_SPLIT, its own `migrate` and `load_demo`, in subprocesses with this
virtualenv's Python), and what it holds is recorded: every table's row count,
every uploaded file, every group's permissions and every reader page's status
and body. Then this code's `migrate` runs on the same database, and all of it
must be the same: the tables and rows stay (the move is state only), the files
stay, the content types are renamed rather than replaced (so the Writers and
Editors keep exactly their grants, now under the `images` label). That is
checked with the database migrated to the move's last migration (`images
0002`), so later changes' migrations add nothing to compare. Then the rest of
this code's migrations run, and every reader address answers as before: the
same status and the same page title (the pages' markup has changed since, on
purpose), with every uploaded file still there, unchanged.

It needs the project's git history; without it the test skips, and fails under
CI=true. It takes about a minute.
"""

import hashlib
import json
import shutil
import sqlite3

import pytest

from tests.helpers.oldsite import ROOT, manage_site, old_code, site_environment

# main as the split (issue 14) last merged it: the same code as the split's, all
# but the split itself, so every difference the comparison finds is the move's.
# (A later change to what reader pages show will differ from it on purpose; the
# page bodies then prove nothing more, and their comparison can go.)
PRE_SPLIT = "a361bce30fd3d18b99254bfcf9c3cd14c0520a7e"
MOVED = {"captionedimage", "rendition"}
NEW_MIGRATIONS = 3  # images 0001 and 0002, articles 0013
MOVE = ("images", "0002")  # the move's last migration; it needs the other two

# Run by `manage.py shell -c` in both trees: the reader pages' statuses and
# titles, through Django's test client. The old tree lists the addresses (only
# APIs both trees have); the new one asks for the same ones.
PAGES = """
import json, os, re
from django.conf import settings
from django.test import Client
# Pages as production answers them (a 404 is the site's page, not Django's
# technical one); DEBUG was on only to load settings without a static manifest.
settings.DEBUG = False
path = os.environ["PAGES_FILE"]
if os.path.exists(path):
    urls = json.load(open(path))["urls"]
else:
    from articles.models import Article, Author, Section
    from taggit.models import Tag
    public = Article.objects.published()
    urls = ["/", "/corrections/", "/robots.txt", "/sitemap.xml", "/news-sitemap.xml",
            "/feeds/rss/", "/feeds/atom/"]
    urls += [f"/sitemaps/{name}.xml" for name in ("articles", "sections", "tags", "authors")]
    for section in Section.objects.order_by("path"):
        urls += [section.get_absolute_url(), f"/feeds/section/{section.path}/rss/",
                 f"/feeds/section/{section.path}/atom/"]
    urls += [article.get_absolute_url() for article in Article.objects.order_by("pk")]
    for tag in Tag.objects.filter(article__in=public).distinct().order_by("slug"):
        urls += [f"/tag/{tag.slug}/", f"/feeds/tag/{tag.slug}/rss/"]
    for author in Author.objects.order_by("slug"):
        urls += [author.get_absolute_url(), f"/feeds/author/{author.slug}/atom/"]
    urls += sorted({f"/archive/{a.published_at.year}/" for a in public})
pages = {}
for url in urls:
    response = Client().get(url)
    title = re.search(rb"<title>(.*?)</title>", response.content, re.S)
    pages[url] = [response.status_code, title and title.group(1).decode().strip()]
json.dump({"urls": urls, "pages": pages}, open(os.environ["PAGES_OUT"], "w"))
"""

# Rows that point at the moved models' content types in an old site: an entry in
# the admin's log, as an editor's change to a library image leaves.
LOG_ENTRY = """
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from articles.models import CaptionedImage
image = CaptionedImage.objects.order_by("pk").first()
LogEntry.objects.create(
    user=User.objects.get(username="editor"), action_flag=CHANGE,
    content_type=ContentType.objects.get_for_model(CaptionedImage),
    object_id=str(image.pk), object_repr=str(image), change_message="[]",
)
"""


def reader_pages(code, env, site, out):
    """Every reader address's status and title, as the code in `code` answers."""
    manage_site(code, {**env, "PAGES_OUT": str(site / out)}, "shell", "-c", PAGES)
    return json.loads((site / out).read_text())["pages"]


def record(site):
    """What the site's database and folders hold."""
    with sqlite3.connect(site / "db.sqlite3") as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        count = 'SELECT COUNT(*) FROM "{}"'  # table names from sqlite_master
        rows = {table: db.execute(count.format(table)).fetchone()[0] for table in tables}
        grants = db.execute(
            "SELECT g.name, ct.app_label, ct.model, p.codename FROM auth_group g"
            " JOIN auth_group_permissions gp ON gp.group_id = g.id"
            " JOIN auth_permission p ON p.id = gp.permission_id"
            " JOIN django_content_type ct ON ct.id = p.content_type_id"
        ).fetchall()
        content_types = {
            (app, model): pk
            for pk, app, model in db.execute("SELECT id, app_label, model FROM django_content_type")
        }
        log = db.execute(
            "SELECT ct.app_label, ct.model FROM django_admin_log l"
            " JOIN django_content_type ct ON ct.id = l.content_type_id"
        ).fetchall()
    files = {
        f"{folder}/{path.relative_to(site / folder)}": hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("media", "private")
        for path in sorted((site / folder).rglob("*"))
        if path.is_file()
    }
    return {
        "rows": rows,
        "grants": grants,
        "content_types": content_types,
        "log": log,
        "files": files,
    }


@pytest.fixture(scope="module")
def old_site(tmp_path_factory):
    """A demo site built and recorded by the code before the move."""
    base = tmp_path_factory.mktemp("image-move")
    code = old_code(base / "code", PRE_SPLIT)
    site = base / "site"
    site.mkdir()
    env = site_environment(site, base / "var-old")
    manage_site(code, env, "migrate", "--no-input")
    manage_site(code, env, "load_demo")
    manage_site(code, env, "shell", "-c", LOG_ENTRY)
    return site, {**record(site), "pages": reader_pages(code, env, site, "pages-old.json")}


def migrate_with_this_code(site, var, *target):
    """This code's migrations on the site, up to `target` (app, name) or all."""
    env = site_environment(site, var)
    manage_site(ROOT, env, "migrate", *target, "--no-input")
    return env


def test_the_move_keeps_rows_files_permissions_and_every_reader_page(old_site, tmp_path):
    site, before = old_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    migrate_with_this_code(copy, tmp_path / "var", *MOVE)
    after = record(copy)

    # Every table and row is still there, and nothing was added but the record
    # of the three new migrations.
    rows_before, rows_after = dict(before["rows"]), dict(after["rows"])
    assert (
        rows_after.pop("django_migrations") == rows_before.pop("django_migrations") + NEW_MIGRATIONS
    )
    assert rows_after == rows_before
    assert rows_before["articles_captionedimage"] >= 5
    assert rows_before["articles_rendition"] > rows_before["articles_captionedimage"]
    # Every uploaded original, public copy and rendition, unchanged.
    assert after["files"] == before["files"]
    assert len(before["files"]) > rows_before["articles_rendition"]
    # The moved models' content types are the same rows under their new label...
    for model in MOVED:
        assert (
            after["content_types"][("images", model)]
            == before["content_types"][("articles", model)]
        )
        assert ("articles", model) not in after["content_types"]
    # ... so every group keeps exactly its grants, and the admin's log its entries.
    assert {(g, model, code) for g, _, model, code in after["grants"]} == {
        (g, model, code) for g, _, model, code in before["grants"]
    }
    assert {(app, model) for _, app, model, _ in after["grants"] if model in MOVED} == {
        ("images", "captionedimage"),
        ("images", "rendition"),
    }
    assert ("Writers", "images", "captionedimage", "change_captionedimage") in after["grants"]
    assert after["log"] == [("images", "captionedimage")]

    # With every later migration too, every reader address answers as it did,
    # and every file is still there as it was.
    env = migrate_with_this_code(copy, tmp_path / "var")
    pages = reader_pages(ROOT, env, copy, "pages-new.json")
    assert len(before["pages"]) > 40
    assert sum(status == 200 for status, _ in before["pages"].values()) > 40
    assert pages == before["pages"]
    files = record(copy)["files"]
    assert {name: files.get(name) for name in before["files"]} == before["files"]


def test_a_content_type_made_early_for_the_new_label_is_merged(old_site, tmp_path):
    """Where something made images.captionedimage before the migration could rename
    the old row, the two become one: the old row's id, every grant of either."""
    site, before = old_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    with sqlite3.connect(copy / "db.sqlite3") as db:
        early = db.execute(
            "INSERT INTO django_content_type (app_label, model) VALUES ('images', 'captionedimage')"
        ).lastrowid
        permission = db.execute(
            "INSERT INTO auth_permission (name, content_type_id, codename)"
            " VALUES ('Can add captioned image', ?, 'add_captionedimage')",
            [early],
        ).lastrowid
        (moderators,) = db.execute("SELECT id FROM auth_group WHERE name = 'Moderators'").fetchone()
        db.execute(
            "INSERT INTO auth_group_permissions (group_id, permission_id) VALUES (?, ?)",
            [moderators, permission],
        )
    migrate_with_this_code(copy, tmp_path / "var", *MOVE)
    after = record(copy)

    old_id = before["content_types"][("articles", "captionedimage")]
    assert after["content_types"][("images", "captionedimage")] == old_id
    assert after["rows"]["django_content_type"] == before["rows"]["django_content_type"]
    assert after["rows"]["auth_permission"] == before["rows"]["auth_permission"]
    assert ("Moderators", "images", "captionedimage", "add_captionedimage") in after["grants"]
    assert {(g, model, code) for g, _, model, code in after["grants"]} == {
        (g, model, code) for g, _, model, code in before["grants"]
    } | {("Moderators", "captionedimage", "add_captionedimage")}
