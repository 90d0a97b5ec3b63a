"""The WordPress import's test helpers: the exports written for the tests (in
tests/articles/wordpress/exports/), running the import, and finding what it made."""

import io
from datetime import UTC, datetime
from pathlib import Path

from django.core.management import call_command
from PIL import Image
from taggit.models import Tag, TaggedItem

from articles import blocks
from articles.models import (
    Article,
    ArticleEvent,
    ArticleImage,
    ArticleRedirect,
    Author,
    Byline,
    ImportedObject,
    Section,
)
from comments.models import Comment
from images.models import CaptionedImage

EXPORTS = Path(__file__).resolve().parent.parent / "articles" / "wordpress" / "exports"
GAZETTE = EXPORTS / "gazette-wxr-1.2.xml"
HERALD = EXPORTS / "herald-wxr-1.1.xml"
NOW = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)


def picture(path, color="navy", size=(64, 48)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "JPEG")


def run_import(export, media_dir=None, **options):
    out, err = io.StringIO(), io.StringIO()
    if media_dir is not None:
        options["media_dir"] = str(media_dir)
    call_command("import_wordpress", str(export), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def prose(body):
    """A body without its blocks (articles/blocks.py): the words as imported."""
    return blocks.BLOCK.sub("", body)


def imported_article(post_id, source="https://gazette.example.com"):
    ref = ImportedObject.objects.get(source=source, kind="post", key=str(post_id))
    return Article.objects.select_related("section").get(pk=ref.object_id)


def imported_comment(comment_id, source="https://gazette.example.com"):
    ref = ImportedObject.objects.get(source=source, kind="comment", key=str(comment_id))
    return Comment.objects.get(pk=ref.object_id)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Article,
            ArticleImage,
            ArticleRedirect,
            ArticleEvent,
            Author,
            Byline,
            CaptionedImage,
            Comment,
            ImportedObject,
            Section,
            Tag,
            TaggedItem,
        )
    }


def edited(export, tmp_path, replacements, name="edited.xml"):
    """A copy of `export` in tmp_path with each of `replacements` (old → new) made."""
    text = export.read_text()
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text)
    return path
