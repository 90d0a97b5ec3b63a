"""Galleries and embeds: what else an article's body carries between its
paragraphs, beside single images and related stories (placements.py).

A gallery is several library images shown as one block (a grid, each picture
with its caption and credit, opening large in a lightbox). It is made once, in
the library of galleries, and placed in an article's body like an image. An
embed is another site's player or post, placed by its address (articles/embeds.py)."""

from django.core.exceptions import ValidationError
from django.db import models

from images.models import CaptionedImage

from .. import embeds
from .articles import Article
from .placements import BodyPlacement


class Gallery(models.Model):
    title = models.CharField(
        "title",
        max_length=200,
        help_text="Shown above the pictures, and how you find the gallery again.",
    )
    created_by = models.ForeignKey(
        "auth.User",
        verbose_name="created by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "gallery"
        verbose_name_plural = "galleries"

    def __str__(self):
        return self.title


class GalleryImage(models.Model):
    """One picture of a gallery, in its place."""

    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="items")
    image = models.ForeignKey(
        CaptionedImage,
        verbose_name="image",
        on_delete=models.PROTECT,
        related_name="gallery_items",
        help_text="Pick from the library, or add a new one with the + button. Its caption "
        "and credit show under it.",
    )
    position = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers come first."
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "picture"
        verbose_name_plural = "pictures"

    def __str__(self):
        return str(self.image)


class ArticleGallery(BodyPlacement):
    """A gallery placed in an article's body."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="galleries")
    gallery = models.ForeignKey(
        Gallery,
        verbose_name="gallery",
        on_delete=models.PROTECT,
        related_name="placements",
        help_text="Pick a gallery, or make one with the + button (its pictures in order).",
    )

    class Meta:
        ordering = ["after_paragraph", "pk"]
        verbose_name = "gallery in the body"
        verbose_name_plural = "galleries in the body"

    def __str__(self):
        return f"{self.gallery} after paragraph {self.after_paragraph}"


class ArticleEmbed(BodyPlacement):
    """Another site's player or post (a video, a post, a chart, a sound), placed
    in an article's body by its address."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="embeds")
    url = models.URLField(
        "address",
        max_length=1000,
        help_text=f"Paste the address as you would share it. Newsroom embeds {embeds.SUPPORTED}.",
    )
    title = models.CharField(
        "title",
        max_length=200,
        blank=True,
        help_text="What it shows, for the placeholder readers see before they load it "
        "(e.g. “The minister's statement”).",
    )

    class Meta:
        ordering = ["after_paragraph", "pk"]
        verbose_name = "embed in the body"
        verbose_name_plural = "embeds in the body (videos, posts, charts, sound)"

    def __str__(self):
        return self.title or self.url

    def clean(self):
        if self.url and embeds.resolve(self.url) is None:
            raise ValidationError(
                {"url": f"This address cannot be embedded. Newsroom embeds {embeds.SUPPORTED}."}
            )

    @property
    def embed(self):
        return embeds.resolve(self.url)
