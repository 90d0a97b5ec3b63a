"""Where imported content came from (the WordPress import, articles/wordpress/)."""

from django.db import models
from django.utils import timezone


class ImportedObject(models.Model):
    """Where something imported from another site came from (a WordPress export, see
    articles/wordpress/). Importing the same export again finds it here and updates
    it instead of adding a copy; the old site's addresses (/?p=123) find the article
    a post became."""

    class Kind(models.TextChoices):
        AUTHOR = "author", "author"
        CATEGORY = "category", "category (a section)"
        TAG = "tag", "tag"
        POST = "post", "post (an article)"
        ATTACHMENT = "attachment", "attachment (a library image)"
        IMAGE = "image", "picture in a post's text (a library image)"
        COMMENT = "comment", "comment"
        PAGE = "page", "page"
        GALLERY = "gallery", "gallery in a post (a gallery)"

    source = models.CharField(
        "imported from",
        max_length=200,
        help_text="The address of the site the export came from.",
    )
    kind = models.CharField("kind", max_length=20, choices=Kind)
    key = models.CharField(
        "key",
        max_length=255,
        help_text="Its identity on that site: the id of a post, attachment or comment, "
        "the login of an author, the slug of a category or tag.",
    )
    guid = models.CharField(
        "GUID",
        max_length=500,
        blank=True,
        help_text="A post's WordPress GUID, which stays the same when a WordPress site "
        "moves and its ids change.",
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name="became a",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    object_id = models.PositiveBigIntegerField("id here")
    details = models.JSONField(
        "details",
        default=dict,
        blank=True,
        help_text="What the other site knew that Newsroom has no field for "
        "(an author's email, a post's old address).",
    )
    imported_at = models.DateTimeField("first imported", default=timezone.now)
    updated_at = models.DateTimeField("last imported", default=timezone.now)

    class Meta:
        ordering = ["source", "kind", "pk"]
        verbose_name = "imported object"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "key"],
                name="imported_object_unique_key",
                violation_error_message="This object of that site is already imported.",
            )
        ]
        indexes = [
            # /?p=123 is looked up without knowing which export it came from.
            models.Index(fields=["kind", "key"], name="imported_object_kind_key_idx"),
            models.Index(fields=["source", "kind", "guid"], name="imported_object_guid_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key} from {self.source}"
