"""What readers see of an embed before they load it: the title, author and a
thumbnail asked of the provider's oEmbed endpoint once, by a background task
(articles/previews.py), and kept here. The thumbnail is a small copy in our own
media storage, so the placeholder never makes the reader's browser ask the
provider for anything. One row an address: an embed placed in several bodies is
fetched once."""

from django.db import models


class EmbedPreview(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "waiting to be fetched"
        FETCHED = "fetched", "fetched"
        NONE = "none", "no preview from this provider"
        FAILED = "failed", "could not be fetched"

    url = models.URLField("address", max_length=1000, unique=True)
    status = models.CharField(
        "preview",
        max_length=10,
        choices=Status,
        default=Status.WAITING,
        help_text="Whether the provider's title and thumbnail are here. Until they are, "
        "readers see the placeholder with the title you gave and the provider's name.",
    )
    title = models.CharField(
        "provider's title",
        max_length=300,
        blank=True,
        help_text="The title the provider gives it; the embed's own title, when you "
        "gave one, comes first.",
    )
    author = models.CharField(
        "author", max_length=200, blank=True, help_text="Who published it, as the provider says."
    )
    thumbnail = models.ImageField(
        "thumbnail",
        upload_to="embeds/%Y/%m/",
        width_field="thumbnail_width",
        height_field="thumbnail_height",
        blank=True,
        max_length=300,
        help_text="A small copy of the provider's picture, stored on this site.",
    )
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    problem = models.TextField(
        "what went wrong",
        blank=True,
        help_text="Why the last fetch brought no preview. Use “Fetch again” once it is fixed.",
    )
    fetched_at = models.DateTimeField("last fetched", null=True, blank=True)

    class Meta:
        ordering = ["-fetched_at", "-pk"]
        verbose_name = "embed preview"
        verbose_name_plural = "embed previews"

    def __str__(self):
        return self.title or self.url
