"""What the blocks of a body show, and the rows derived from them.

`Items` looks up, in a fixed number of queries, everything a body's blocks name
(articles/blocks.py): library images, our articles, galleries with their pictures,
the embeds' previews.
`sync` rewrites an article's placement rows (ArticleImage, RelatedLink,
ArticleGallery, ArticleEmbed) from its body: they are what purging, Check Also
and rendering again ask ("which articles show this image?"), never edited by
hand. `after_paragraph` says how many pieces of prose come before the block.
"""

from images.models import CaptionedImage

from . import blocks, previews
from . import body as body_rules
from .models import (
    Article,
    ArticleEmbed,
    ArticleGallery,
    ArticleImage,
    EmbedPreview,
    Gallery,
    GalleryImage,
    RelatedLink,
)


class Items:
    """The things a body's blocks name, looked up at once; `item(ref)` is what
    one block shows, as the unsaved placement the reader's templates draw, or None."""

    def __init__(self, refs):
        wanted = {"image": set(), "article": set(), "gallery": set()}
        for ref in refs:
            for name in ("image", "article", "gallery"):
                if ref.number(name) is not None:
                    wanted[name].add(ref.number(name))
        self.images = CaptionedImage.objects.in_bulk(wanted["image"]) if wanted["image"] else {}
        self.articles = {}
        if wanted["article"]:
            found = Article.objects.filter(pk__in=wanted["article"])
            self.articles = {a.pk: a for a in found.select_related("section", "lead_image")}
        self.galleries = Gallery.objects.in_bulk(wanted["gallery"]) if wanted["gallery"] else {}
        urls = {ref.attrs["url"] for ref in refs if ref.kind == "embed"}
        self.previews = (
            {p.url: p for p in EmbedPreview.objects.filter(url__in=urls)} if urls else {}
        )
        self.pictures = {}
        if self.galleries:
            items = GalleryImage.objects.filter(gallery_id__in=list(self.galleries))
            for picture in items.select_related("image"):
                self.pictures.setdefault(picture.gallery_id, []).append(picture)

    def item(self, ref):
        return getattr(self, f"_{ref.kind}")(ref)

    def _image(self, ref):
        image = self.images.get(ref.number("image"))
        if image is None:
            return None
        return ArticleImage(image=image, alignment=ref.attrs.get("align", ""))

    def _related(self, ref):
        if ref.number("article") is not None:
            target = self.articles.get(ref.number("article"))
            return RelatedLink(target=target) if target is not None else None
        teaser = self.images.get(ref.number("image"))
        headline = ref.attrs.get("headline", "")
        return RelatedLink(url=ref.attrs["url"], teaser_headline=headline, teaser_image=teaser)

    def _gallery(self, ref):
        gallery = self.galleries.get(ref.number("gallery"))
        if gallery is None:
            return None
        placement = ArticleGallery(gallery=gallery)
        placement.pictures = self.pictures.get(gallery.pk, [])
        return placement

    def _embed(self, ref):
        url = ref.attrs["url"]
        placement = ArticleEmbed(url=url, title=ref.attrs.get("title", ""))
        if placement.embed is None:
            return None
        # Its provider's title and thumbnail (articles/previews.py), once fetched.
        placement.preview = self.previews.get(url) or EmbedPreview(url=url)
        return placement


def pieces(markup):
    """The body's pieces (body.compose) with what each block shows."""
    found = blocks.refs(markup)
    items = Items(found) if found else None
    return body_rules.compose(markup, items.item if items else lambda ref: None)


def placed_rows(article):
    """The placement rows `article`'s body implies, by model, in body order."""
    rows = {ArticleImage: [], RelatedLink: [], ArticleGallery: [], ArticleEmbed: []}
    found = blocks.refs(article.body)
    if not found:
        return rows
    items, prose = Items(found), 0
    for piece in body_rules.paragraphs(article.body):
        ref = blocks.parse(piece)
        if ref is None:
            prose += 1
            continue
        row = items.item(ref)
        if row is None or (ref.kind == "related" and row.target_id == article.pk):
            continue  # gone from the library, or a story linking to itself
        row.article, row.after_paragraph = article, prose
        rows[type(row)].append(row)
    return rows


def _key(row):
    fields = {
        ArticleImage: ("image_id", "alignment"),
        RelatedLink: ("target_id", "url", "teaser_headline", "teaser_image_id"),
        ArticleGallery: ("gallery_id",),
        ArticleEmbed: ("url", "title"),
    }[type(row)]
    return (row.after_paragraph, *(getattr(row, name) for name in fields))


def sync(article):
    """Make `article`'s placement rows what its body says: rows that still stand
    are kept, the others deleted, the missing ones added (a save that moves
    nothing writes nothing)."""
    for model, rows in placed_rows(article).items():
        stored = {}
        for row in model.objects.filter(article_id=article.pk):
            stored.setdefault(_key(row), []).append(row)
        missing = [row for row in rows if not (stored.get(_key(row)) and stored[_key(row)].pop())]
        gone = [row.pk for kept in stored.values() for row in kept]
        if gone:
            model.objects.filter(pk__in=gone).delete()
        if missing:
            model.objects.bulk_create(missing)
            if model is ArticleEmbed:  # bulk_create sends no post_save to fetch them
                previews.schedule_missing({row.url for row in missing})
