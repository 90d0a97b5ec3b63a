"""Authors (the people in bylines, with their page, photo and bio) and bylines:
which authors wrote an article, in order."""

from django.db import models

from core.urls import reverse_slugs
from images.models import CaptionedImage


class Author(models.Model):
    name = models.CharField("name", max_length=100, help_text="As it appears in the byline.")
    slug = models.SlugField(
        "slug", max_length=100, unique=True, help_text="The author page's web address."
    )
    bio = models.TextField(
        "short bio",
        blank=True,
        max_length=600,
        help_text="Two or three sentences for the “About” box under each article. Plain text.",
    )
    photo = models.ForeignKey(
        CaptionedImage,
        verbose_name="photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders photo, shown square.",
    )
    user = models.OneToOneField(
        "auth.User",
        verbose_name="staff account",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        limit_choices_to={"is_staff": True},
        help_text="The author's login, if they write in this admin.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "author"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_slugs("articles:author", slug=self.slug)


class Byline(models.Model):
    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, verbose_name="author", on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers come first in the byline."
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "byline"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"],
                name="byline_unique_author",
                violation_error_message="This author is already in the byline.",
            )
        ]

    def __str__(self):
        return str(self.author)
