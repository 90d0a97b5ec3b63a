"""What a batch of posts adds besides the articles, written in a few statements."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from taggit.models import TaggedItem

from .. import blocks, previews, reader_body
from .. import body as body_rules
from ..models import (
    Article,
    ArticleEmbed,
    ArticleEvent,
    ArticleGallery,
    ArticleImage,
    ArticleRedirect,
    Byline,
    ImportedObject,
)

DATES = ("created_at", "updated_at")


def _element(placement):
    if isinstance(placement, ArticleImage):
        attrs = {"image": placement.image_id, "align": placement.alignment}
        return blocks.canonical("image", attrs)
    if isinstance(placement, ArticleGallery):
        return blocks.canonical("gallery", {"gallery": placement.gallery_id})
    return blocks.canonical("embed", {"url": placement.url, "title": placement.title})


class Batch:
    def __init__(self):
        self.replaced = set()
        self.bylines, self.tagged, self.figures, self.events = [], [], [], []
        self.galleries, self.embeds = [], []
        self.new_refs, self.changed_refs, self.dated = [], [], []
        self.redirects = {}
        self.slugs = {}  # (section id, slug) → article id, for the batch's posts

    def write(self, report):
        if self.replaced:
            # A re-import makes byline, tags and pictures match the export again.
            Byline.objects.filter(article_id__in=self.replaced).delete()
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Article),
                object_id__in=self.replaced,
            ).delete()
            ArticleImage.objects.filter(article_id__in=self.replaced).delete()
            ArticleGallery.objects.filter(article_id__in=self.replaced).delete()
            ArticleEmbed.objects.filter(article_id__in=self.replaced).delete()
        Byline.objects.bulk_create(self.bylines)
        TaggedItem.objects.bulk_create(self.tagged)
        placed = [*self.figures, *self.galleries, *self.embeds]
        self._write_blocks(placed)
        ArticleImage.objects.bulk_create(self.figures)
        ArticleGallery.objects.bulk_create(self.galleries)
        ArticleEmbed.objects.bulk_create(self.embeds)
        # bulk_create and update send no signals: the bodies these are placed in.
        reader_body.refresh({placement.article_id for placement in placed} | self.replaced)
        previews.schedule_missing({embed.url for embed in self.embeds})
        ArticleEvent.objects.bulk_create(self.events)
        ImportedObject.objects.bulk_create(self.new_refs)
        ImportedObject.objects.bulk_update(self.changed_refs, ["guid", "details", "updated_at"])
        self._write_dates()
        if self.redirects:
            existing = ArticleRedirect.objects.in_bulk(list(self.redirects), field_name="old_path")
            moved = []
            for old_path, article_id in self.redirects.items():
                redirect = existing.get(old_path)
                if redirect is None:
                    continue
                if redirect.article_id != article_id:
                    redirect.article_id = article_id
                    moved.append(redirect)
                report.count("redirect", "updated")
            ArticleRedirect.objects.bulk_update(moved, ["article"])
            new = [
                ArticleRedirect(old_path=old_path, article_id=article_id)
                for old_path, article_id in self.redirects.items()
                if old_path not in existing
            ]
            ArticleRedirect.objects.bulk_create(new)
            report.count("redirect", "created", len(new))

    def _write_blocks(self, placed):
        """Each picture, gallery and embed as a block in its article's body, where
        the post had it; the placement rows, derived from the body on a save,
        are written beside it in bulk."""
        by_article = {}
        for placement in placed:  # pictures first, then galleries and embeds
            by_article.setdefault(placement.article_id, (placement.article, []))[1].append(
                (placement.after_paragraph, _element(placement))
            )
        for article, elements in by_article.values():
            pieces = body_rules.paragraphs(article.body)
            article.body = blocks.place(pieces, sorted(elements, key=lambda e: e[0]))
            Article.objects.filter(pk=article.pk).update(body=article.body)

    def _write_dates(self):
        """The articles' WordPress dates. `created_at` is stamped by its field on every
        insert, so it is written afterwards; one statement for the batch, as
        bulk_update's CASE per row costs more than the rest of the import."""
        if not self.dated:
            return
        adapt = connection.ops.adapt_datetimefield_value
        rows = [
            (adapt(article.created_at), adapt(article.updated_at), article.pk)
            for article in self.dated
        ]
        meta, quote = Article._meta, connection.ops.quote_name
        created, updated = (quote(meta.get_field(name).column) for name in DATES)
        table = quote(meta.db_table)
        # Names come from the model; values are parameters.
        sql = f"UPDATE {table} SET {created} = %s, {updated} = %s WHERE id = %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
