"""A big export: every post lands once, whatever its id or GUID, and a second run
adds nothing."""

import pytest

from articles.models import Article, Author, ImportedObject, Section
from comments.models import Comment
from tests.test_wordpress import run_import

pytestmark = pytest.mark.django_db

POSTS = 10_000
AUTHORS, SECTIONS, TAGS = 12, 8, 40
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Scale</title><link>https://scale.example.com</link>
<wp:wxr_version>1.2</wp:wxr_version>
"""
ITEM = """<item><title>Post {n} of the big site</title>
<link>https://scale.example.com/{n}/post-{n}/</link><dc:creator>writer{author}</dc:creator>
<guid isPermaLink="false">{guid}</guid>
<content:encoded><![CDATA[First paragraph of post {n}.

Second paragraph, with <em>a little</em> markup.]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>{post_id}
<wp:post_date>2015-03-01 10:00:00</wp:post_date><wp:post_name>post-{n}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="section-{section}"><![CDATA[Section {section}]]></category>
<category domain="post_tag" nicename="tag-{tag}"><![CDATA[Tag {tag}]]></category>
{comments}</item>
"""
COMMENT = """<wp:comment><wp:comment_id>{id}</wp:comment_id>
<wp:comment_author>Reader {id}</wp:comment_author>
<wp:comment_author_email>reader{id}@example.org</wp:comment_author_email>
<wp:comment_date_gmt>2015-03-02 10:00:00</wp:comment_date_gmt>
<wp:comment_content>Comment {id}.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved></wp:comment>
"""


def write_big_export(path):
    """Posts written as a stream. Every seventh shares its GUID with the post before
    (so a shared GUID falls across batches too); every hundredth has no wp:post_id."""
    with path.open("w") as export:
        export.write(HEAD)
        for n in range(AUTHORS):
            export.write(
                f"<wp:author><wp:author_login>writer{n}</wp:author_login>"
                f"<wp:author_display_name>Writer {n}</wp:author_display_name></wp:author>\n"
            )
        for n in range(SECTIONS):
            export.write(
                f"<wp:category><wp:category_nicename>section-{n}</wp:category_nicename>"
                f"<wp:cat_name>Section {n}</wp:cat_name></wp:category>\n"
            )
        for n in range(TAGS):
            export.write(
                f"<wp:tag><wp:tag_slug>tag-{n}</wp:tag_slug>"
                f"<wp:tag_name>Tag {n}</wp:tag_name></wp:tag>\n"
            )
        for n in range(1, POSTS + 1):
            export.write(
                ITEM.format(
                    n=n,
                    author=n % AUTHORS,
                    guid=f"https://scale.example.com/?p={n - 1 if n % 7 == 0 else n}",
                    post_id="" if n % 100 == 0 else f"\n<wp:post_id>{n}</wp:post_id>",
                    section=n % SECTIONS,
                    tag=n % TAGS,
                    comments=COMMENT.format(id=n) if n % 50 == 0 else "",
                )
            )
        export.write("</channel>\n</rss>\n")


def test_ten_thousand_posts_all_land_once_and_a_second_run_adds_nothing(tmp_path):
    export = tmp_path / "big.xml"
    write_big_export(export)
    summary, _ = run_import(export)
    assert Article.objects.count() == POSTS
    assert f"  Articles: {POSTS} created, 0 updated" in summary.splitlines()
    assert "in the export twice" not in summary
    assert Article.objects.values("slug").distinct().count() == POSTS
    assert Author.objects.count() == AUTHORS
    assert Section.objects.count() == SECTIONS
    assert Comment.objects.count() == POSTS // 50
    assert ImportedObject.objects.filter(kind="post", key__startswith="no-id-").count() == 100
    sample = Article.objects.get(slug="post-7")  # shares its GUID with post 6
    assert sample.body.startswith("<p>First paragraph of post 7.</p>")
    assert [tag.name for tag in sample.tags.all()] == ["Tag 7"]

    summary, _ = run_import(export)
    assert Article.objects.count() == POSTS
    assert f"  Articles: 0 created, {POSTS} updated" in summary.splitlines()
    assert Comment.objects.count() == POSTS // 50
