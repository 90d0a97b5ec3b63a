"""What an article's body carries between its paragraphs: library images and
related stories (ours or another site's), each placed after a paragraph."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q

from images.models import CaptionedImage

from .articles import Article


class BodyPlacement(models.Model):
    """Something placed between two paragraphs of an article's body."""

    after_paragraph = models.PositiveIntegerField(
        "place after paragraph",
        default=0,
        help_text="0 puts it above the first paragraph. It stays with its paragraph when "
        "the text around it is edited.",
    )

    class Meta:
        abstract = True


class Alignment(models.TextChoices):
    FULL = "", "Full width"
    LEFT = "left", "Left, the text wrapping on its right"
    RIGHT = "right", "Right, the text wrapping on its left"
    CENTER = "center", "Centred, narrower than the text"


class ArticleImage(BodyPlacement):
    """A library image placed in an article's body, with its caption and credit."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="figures")
    image = models.ForeignKey(
        CaptionedImage,
        verbose_name="image",
        on_delete=models.PROTECT,
        related_name="placements",
        help_text="Pick from the library, or add a new one with the + button.",
    )
    alignment = models.CharField(
        "alignment",
        max_length=6,
        choices=Alignment.choices,
        blank=True,
        default=Alignment.FULL,
        db_default=Alignment.FULL,  # rows written by COPY (the article generator)
        help_text="How the picture sits beside the text on wider screens. On phones "
        "every picture is as wide as the text.",
    )

    class Meta:
        ordering = ["after_paragraph", "pk"]
        verbose_name = "image in the body"
        verbose_name_plural = "images in the body"

    def __str__(self):
        return f"{self.image} after paragraph {self.after_paragraph}"


class RelatedLink(BodyPlacement):
    """An inline related story: one of our articles, or an external page."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        Article,
        verbose_name="our article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="linked_from",
        help_text="Its headline and picture are shown and stay current. "
        "Shown only while it is published.",
    )
    url = models.URLField(
        "or an external address",
        max_length=500,
        blank=True,
        help_text="For a story on another site; give it a teaser headline too.",
    )
    teaser_headline = models.CharField(
        "teaser headline",
        max_length=200,
        blank=True,
        help_text="Required for an external address; ignored for our own articles.",
    )
    teaser_image = models.ForeignKey(
        CaptionedImage,
        verbose_name="teaser picture",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional thumbnail for an external address.",
    )

    class Meta:
        ordering = ["after_paragraph", "pk"]
        verbose_name = "related story"
        verbose_name_plural = "related stories"
        constraints = [
            models.CheckConstraint(
                condition=(Q(target__isnull=False) & Q(url=""))
                | (Q(target__isnull=True) & ~Q(url="") & ~Q(teaser_headline="")),
                name="related_link_one_destination",
                violation_error_message=(
                    "Link either to one of our articles, or to an external address "
                    "with a teaser headline."
                ),
            )
        ]

    def __str__(self):
        return self.headline

    def clean(self):
        if self.target_id and self.url:
            raise ValidationError("Choose our article or an external address, not both.")
        if not self.target_id and not self.url:
            raise ValidationError("Choose one of our articles or give an external address.")
        if self.url and not self.teaser_headline:
            raise ValidationError({"teaser_headline": "An external link needs a teaser headline."})
        if self.target_id and self.target_id == self.article_id:
            raise ValidationError({"target": "An article cannot link to itself."})

    @property
    def is_external(self):
        return not self.target_id

    @property
    def headline(self):
        return self.target.headline if self.target_id else self.teaser_headline

    @property
    def href(self):
        return self.target.get_absolute_url() if self.target_id else self.url

    @property
    def thumbnail(self):
        return self.target.lead_image if self.target_id else self.teaser_image


def public_related_links():
    """Related links whose destination readers may see: an external page, or a
    public article of ours (a draft's or a scheduled article's headline never leaks)."""
    target_public = Exists(Article.objects.published().filter(pk=OuterRef("target_id")))
    return RelatedLink.objects.filter(Q(target__isnull=True) | Q(target_public)).select_related(
        "target__section", "target__lead_image", "teaser_image"
    )
