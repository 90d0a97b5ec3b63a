"""Library images and their renditions.

The tables keep the names they had when the library lived in the articles app
(articles_captionedimage, articles_rendition): moving the models moved no rows
and no files (migrations 0001 and 0002).
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


def originals_storage():
    """Where uploads are kept as they came: never under MEDIA_ROOT, never served."""
    return storages["originals"]


def fraction_validators():
    return [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Crop(models.TextChoices):
    """The shapes a library image is cut to (see images/crops.py)."""

    ORIGINAL = "", "as uploaded"
    WIDE = "16:9", "16:9 (cards)"
    SQUARE = "1:1", "1:1 (thumbnails and author photos)"


class CaptionedImage(models.Model):
    """An image in the library: one upload, used by any number of articles and authors.

    The upload is kept privately in `original`; readers only ever get `image`
    (re-encoded by Pillow, upright, without metadata) and its renditions.
    """

    title = models.CharField(
        "title",
        max_length=200,
        help_text="For finding the image in the library; readers do not see it.",
    )
    original = models.FileField(
        "original file",
        storage=originals_storage,
        upload_to="originals/%Y/%m/",
        max_length=300,
        blank=True,
        editable=False,
        help_text="The file as uploaded, kept privately so renditions can be made again.",
    )
    image = models.ImageField(
        "public file",
        upload_to="images/%Y/%m/",
        max_length=300,
        editable=False,
        help_text="The version readers may get: re-encoded, upright, without metadata.",
    )
    width = models.PositiveIntegerField("width", editable=False, null=True)
    height = models.PositiveIntegerField("height", editable=False, null=True)
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. "
        "Required unless the image is decorative.",
    )
    decorative = models.BooleanField(
        "decorative",
        default=False,
        help_text="Tick only for an image that tells readers nothing (a texture, an "
        "ornament): it needs no alt text and screen readers skip it.",
    )
    caption = models.CharField(
        "caption", max_length=500, blank=True, help_text="Shown under the image."
    )
    credit = models.CharField(
        "credit",
        max_length=200,
        blank=True,
        help_text="Photographer or agency; readers see it after “Pic:”.",
    )
    focal_x = models.FloatField(
        "focal point across",
        default=0.5,
        validators=fraction_validators(),
        help_text="Where the subject is, from the left edge (0) to the right edge (1). "
        "Click the subject on the picture to set it: every crop keeps it in frame.",
    )
    focal_y = models.FloatField(
        "focal point down",
        default=0.5,
        validators=fraction_validators(),
        help_text="Where the subject is, from the top (0) to the bottom (1).",
    )
    crops = models.JSONField(
        "crop overrides",
        default=dict,
        blank=True,
        editable=False,
        help_text="Crops the editor drew by hand, by shape: left, top and width as "
        "fractions of the picture. Shapes not listed are cut around the focal point.",
    )
    rendition_cache = models.JSONField(
        "renditions for pages",
        default=dict,
        editable=False,
        help_text="Written by the rendition task from the renditions table, so reader "
        "pages draw every size without a query of their own.",
    )
    created_at = models.DateTimeField("uploaded", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        "auth.User",
        verbose_name="uploaded by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Writers may change the images they uploaded until readers can see them.",
    )

    class Meta:
        db_table = "articles_captionedimage"
        ordering = ["-created_at"]
        verbose_name = "captioned image"
        constraints = [
            models.CheckConstraint(
                condition=Q(decorative=True) | ~Q(alt_text=""),
                name="captioned_image_alt_text_unless_decorative",
                violation_error_message="Describe the image in the alt text, "
                "or mark it decorative.",
            ),
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="captioned_image_focal_point_inside",
                violation_error_message="The focal point must lie on the picture.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.decorative and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": "Describe what the image shows for readers who cannot see "
                    "it, or tick “decorative” if it tells them nothing."
                }
            )


class Rendition(models.Model):
    """One width of one crop of a library image, in one format. Made once, by the
    rendition task (images/tasks.py), and reused by every page that shows it."""

    class Format(models.TextChoices):
        AVIF = "avif", "AVIF"
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"

    image = models.ForeignKey(
        CaptionedImage,
        verbose_name="image",
        on_delete=models.CASCADE,
        related_name="renditions",
    )
    crop = models.CharField("crop", max_length=8, choices=Crop, blank=True)
    width = models.PositiveIntegerField("width")
    format = models.CharField("format", max_length=4, choices=Format)
    height = models.PositiveIntegerField("height")
    file = models.FileField("file", upload_to="renditions/", max_length=300)
    key = models.CharField(
        "made from",
        max_length=16,
        help_text="Fingerprint of the source file and crop it was made from: when "
        "either changes the rendition is made again.",
    )
    created_at = models.DateTimeField("made", default=timezone.now)

    class Meta:
        db_table = "articles_rendition"
        ordering = ["image", "crop", "width", "format"]
        verbose_name = "rendition"
        constraints = [
            models.UniqueConstraint(
                fields=["image", "crop", "width", "format"],
                name="rendition_unique_spec",
                violation_error_message="This image already has this rendition.",
            )
        ]

    def __str__(self):
        return f"{self.image} {self.crop or 'as uploaded'} {self.width}w {self.format}"
