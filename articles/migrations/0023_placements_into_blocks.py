"""Every image, related story, gallery and embed placed "after paragraph N" becomes
a block in the body at the same place (articles/blocks.py), in the order the
reader's page showed them: images, then related stories, galleries and embeds,
each in its rows' order. The rows stay: from now on they are derived from the
body on save. Reader bodies are rendered again on their next view."""

from django.db import migrations, models

from articles import blocks


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    models = [
        ("image", apps.get_model("articles", "ArticleImage")),
        ("related", apps.get_model("articles", "RelatedLink")),
        ("gallery", apps.get_model("articles", "ArticleGallery")),
        ("embed", apps.get_model("articles", "ArticleEmbed")),
    ]
    placed = {}
    for kind, model in models:
        for row in model.objects.order_by("after_paragraph", "pk").iterator():
            placed.setdefault(row.article_id, []).append((kind, row))
    for article in Article.objects.filter(pk__in=list(placed)).only("pk", "body").iterator():
        body = blocks.from_rows(article.body, placed[article.pk])
        Article.objects.filter(pk=article.pk).update(body=body, reader_body=None)


def backwards(apps, schema_editor):
    """The rows are still there: take the blocks out of the bodies."""
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.filter(body__contains="data-block").only("pk", "body"):
        body = blocks.BLOCK.sub("", article.body)
        Article.objects.filter(pk=article.pk).update(body=body, reader_body=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_embed_previews"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(
                blank=True,
                help_text="The story, paragraph by paragraph. Place an image, a related story, "
                "a gallery or an embed at the cursor with the toolbar's buttons, or drop a "
                "picture in.",
                verbose_name="body",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
