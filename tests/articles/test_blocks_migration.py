"""Migration 0023 turns every placement ("after paragraph N" rows) into a block in
the body at the same place, losing nothing.

The database is taken back to 0022, the schema before blocks (0023 changes no
column: it moves what the rows say into the bodies). There an article's body is
prose only and its pictures (one aligned), related stories (ours and another
site's), gallery and embed are rows placed after paragraphs, as the editor's
inlines left them. Then the migration runs, and the reader's page shows each
piece where the rows put it, the body holds the blocks and the rows are all
still there.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import (
    Article,
    ArticleEmbed,
    ArticleGallery,
    ArticleImage,
    Gallery,
    GalleryImage,
    RelatedLink,
)
from tests.helpers.factories import ArticleFactory, CaptionedImageFactory
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("articles", "0022_embed_previews")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def leaf():
    executor = MigrationExecutor(connection)
    return next(node for node in executor.loader.graph.leaf_nodes() if node[0] == "articles")


def piece(node):
    """What a reader sees of one top-level piece of the body."""
    if node.name == "p":
        return node.get_text(" ", strip=True)
    if node.has_attr("data-gallery"):
        return "gallery: " + node.select_one(".gallery-title").get_text(" ", strip=True)
    if node.has_attr("data-embed"):
        return "embed: " + node.select_one(".embed-title").get_text(" ", strip=True)
    if node.name == "figure":
        return f"figure {' '.join(node['class'])}: " + node.figcaption.get_text(" ", strip=True)
    return f"{node.name}: " + node.get_text(" ", strip=True)


def test_every_placement_becomes_a_block_where_it_stood(client):
    target = ArticleFactory(published=True, headline="Ferry strike called off")
    harbour = CaptionedImageFactory(caption="The harbour", credit="Les Whitfield")
    crowd = CaptionedImageFactory(caption="The crowd", credit="Ann Oake")
    gallery = Gallery.objects.create(title="Along the coast")
    GalleryImage.objects.create(gallery=gallery, image=harbour, position=0)
    article = ArticleFactory(published=True, body="<p>One.</p><p>Two.</p><p>Three.</p>")
    migrate(BEFORE)
    try:
        # As the editor's inlines left them: rows, the body prose only.
        Article.objects.filter(pk=article.pk).update(
            body="<p>One.</p><p>Two.</p><p>Three.</p>", reader_body=None
        )
        ArticleImage.objects.create(article=article, image=harbour, after_paragraph=0)
        ArticleImage.objects.create(
            article=article, image=crowd, after_paragraph=2, alignment="right"
        )
        RelatedLink.objects.create(article=article, target=target, after_paragraph=1)
        RelatedLink.objects.create(
            article=article,
            url="https://example.org/elsewhere",
            teaser_headline="The tide tables",
            after_paragraph=3,
        )
        ArticleEmbed.objects.create(
            article=article,
            url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            title="The minister's statement",
            after_paragraph=1,
        )
        ArticleGallery.objects.create(article=article, gallery=gallery, after_paragraph=3)
        rows = {
            model: model.objects.filter(article=article).count()
            for model in (ArticleImage, RelatedLink, ArticleGallery, ArticleEmbed)
        }
    finally:
        migrate(leaf())

    body = soup(client.get(article.get_absolute_url())).select_one(".article-body")
    assert [piece(node) for node in body.find_all(True, recursive=False)] == [
        "figure figure: The harbour Pic: Les Whitfield",
        "One.",
        "aside: Related Ferry strike called off",
        "embed: The minister's statement",
        "Two.",
        "figure figure figure-right: The crowd Pic: Ann Oake",
        "Three.",
        "aside: Elsewhere The tide tables",
        "gallery: Along the coast (1 picture)",
    ]
    article.refresh_from_db()
    assert article.body.count("data-block=") == 6
    assert {
        model: model.objects.filter(article=article).count()
        for model in (ArticleImage, RelatedLink, ArticleGallery, ArticleEmbed)
    } == rows
