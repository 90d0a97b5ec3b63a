"""A big export: every post lands once, whatever its id or GUID, and a second run
adds nothing."""

import tracemalloc

import pytest
from django.db.models.signals import post_save

from articles.models import (
    Article,
    Author,
    ImportedObject,
    Section,
)
from comments.models import Comment
from pagecache import receivers as page_cache
from tests.helpers.wordpress import (
    run_import,
)

pytestmark = pytest.mark.django_db


EXPORT_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Big site {label}</title><link>https://{label}.example.com</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://{label}.example.com</wp:base_site_url>
<wp:base_blog_url>https://{label}.example.com</wp:base_blog_url>
<wp:author><wp:author_login>writer</wp:author_login>
<wp:author_display_name>A Writer</wp:author_display_name></wp:author>
{categories}
{tags}
"""


EXPORT_ITEM = """<item><title><![CDATA[Story number {n} about the harbour]]></title>
<link>https://{label}.example.com/{year}/05/{label}-story-{n}/</link>
<dc:creator><![CDATA[writer]]></dc:creator>
<guid isPermaLink="false">https://{label}.example.com/?p={n}</guid>
<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Paragraph one of story {n}. {words}</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>Paragraph two, with <strong>bold</strong> and
<a href="https://example.org/{n}">a link</a>. {words}</p>
<!-- /wp:paragraph -->

Paragraph three is classic text.
Second line.]]></content:encoded>
<excerpt:encoded><![CDATA[The standfirst of story {n}.]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id>
<wp:post_date>{year}-05-10 09:30:00</wp:post_date>
<wp:post_date_gmt>{year}-05-10 08:30:00</wp:post_date_gmt>
<wp:post_name>{label}-story-{n}</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="section-{section}"><![CDATA[Section {section}]]></category>
<category domain="post_tag" nicename="topic-{tag}"><![CDATA[Topic {tag}]]></category>
{comments}</item>
"""


EXPORT_COMMENT = """<wp:comment><wp:comment_id>{id}</wp:comment_id>
<wp:comment_author><![CDATA[Reader {id}]]></wp:comment_author>
<wp:comment_author_email>reader{id}@example.org</wp:comment_author_email>
<wp:comment_author_IP>192.0.2.1</wp:comment_author_IP>
<wp:comment_date_gmt>2020-05-10 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Comment {id} on the story.]]></wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved>
<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>
"""


def write_export(path, label, posts):
    """A WXR file of `posts` posts, written as a stream (it is never held whole)."""
    words = "The harbour opened again after the storm, and the boats came back. " * 8
    with path.open("w") as export:
        export.write(
            EXPORT_HEAD.format(
                label=label,
                categories="\n".join(
                    f"<wp:category><wp:category_nicename>section-{n}</wp:category_nicename>"
                    f"<wp:category_parent></wp:category_parent><wp:cat_name>Section {n}"
                    "</wp:cat_name></wp:category>"
                    for n in range(5)
                ),
                tags="\n".join(
                    f"<wp:tag><wp:tag_slug>topic-{n}</wp:tag_slug><wp:tag_name>Topic {n}"
                    "</wp:tag_name></wp:tag>"
                    for n in range(20)
                ),
            )
        )
        for n in range(1, posts + 1):
            comments = ""
            if n % 20 == 0:
                comments = EXPORT_COMMENT.format(
                    id=n * 10, approved=1, parent=0
                ) + EXPORT_COMMENT.format(id=n * 10 + 1, approved=0, parent=n * 10)
            export.write(
                EXPORT_ITEM.format(
                    n=n,
                    label=label,
                    year=2000 + n % 20,
                    words=words,
                    section=n % 5,
                    tag=n % 20,
                    comments=comments,
                )
            )
        export.write("</channel>\n</rss>\n")


def peak_memory(export):
    tracemalloc.start()
    try:
        run_import(export)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def importer_memory_only():
    """The page cache (articles/cache.py) queues an on_commit callback for every
    article saved, to start a new cache generation after the commit. Inside the
    one transaction of an import that queue grows with the export, a few hundred
    bytes an article: the page cache's memory, not the importer's (reported to its
    owners). Muted here, so the test measures the importer."""
    uid = f"page:{Article}"
    muted = post_save.disconnect(sender=Article, dispatch_uid=uid)
    yield
    if muted:
        post_save.connect(page_cache.content_changed, sender=Article, dispatch_uid=uid)


@pytest.mark.usefixtures("importer_memory_only")
def test_memory_stays_flat_however_big_the_export(tmp_path):
    small, big = tmp_path / "small.xml", tmp_path / "big.xml"
    write_export(small, "small", 1_000)
    write_export(big, "big", 10_000)
    assert big.stat().st_size > 9 * small.stat().st_size
    small_peak = peak_memory(small)
    big_peak = peak_memory(big)
    assert Article.objects.count() == 11_000
    assert Comment.objects.count() == 1_100
    # Ten times the posts, and memory does not follow: the file is never held
    # whole, nothing is kept per post.
    assert big_peak < 1.5 * small_peak, (small_peak, big_peak)
    assert big_peak < 32 * 1024 * 1024, big_peak
    last = Article.objects.get(slug="big-story-10000")
    assert last.figures.count() == 0
    assert last.body.startswith("<p>Paragraph one of story 10000.")


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
