"""The newsroom's front page and identity, as editors set them in the admin."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core import sitewide
from images.models import CaptionedImage

FRONT_PAGE_SLOTS = 7  # the lead story and six top stories


class FrontPageSlot(models.Model):
    """An article an editor pins to a place on the front page. Places nobody pinned
    (or whose article is not public) are filled with the latest stories."""

    class Position(models.IntegerChoices):
        LEAD = 0, "Lead story"
        TOP_1 = 1, "Top story 1"
        TOP_2 = 2, "Top story 2"
        TOP_3 = 3, "Top story 3"
        TOP_4 = 4, "Top story 4"
        TOP_5 = 5, "Top story 5"
        TOP_6 = 6, "Top story 6"

    position = models.PositiveSmallIntegerField(
        "place",
        choices=Position,
        unique=True,
        help_text="The lead story is the big one at the top; top stories run beside it.",
    )
    article = models.ForeignKey(
        "Article",
        verbose_name="article",
        on_delete=models.CASCADE,
        related_name="front_page_slots",
        help_text="Shown only while it is published; until then the place shows the latest story.",
    )
    pinned_at = models.DateTimeField("pinned", auto_now=True)

    class Meta:
        ordering = ["position"]
        verbose_name = "front-page place"
        verbose_name_plural = "front page"
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                name="front_page_slot_unique_article",
                violation_error_message="This article already has a place on the front page.",
            )
        ]

    def __str__(self):
        return f"{self.get_position_display()}: {self.article}"


class SiteSettings(models.Model):
    """The newsroom's identity, edited in the admin: one row. Empty fields fall back
    to the NEWSROOM_* settings. Read through `SiteSettings.current()` (cached)."""

    CACHE_KEY = "articles:site-settings:v1"
    CACHE_SECONDS = 300

    site_name = models.CharField(
        "site name",
        max_length=100,
        blank=True,
        help_text="Shown in the masthead, page titles, feeds and to search engines. "
        "Empty: the name the server was set up with.",
    )
    tagline = models.CharField(
        "tagline",
        max_length=200,
        blank=True,
        help_text="The line under the site name, and the description of the home page.",
    )
    publisher_name = models.CharField(
        "publisher",
        max_length=200,
        blank=True,
        help_text="The organisation that publishes the site, as search engines and "
        "Google News show it. Empty: the site name.",
    )
    language = models.CharField(
        "language",
        max_length=15,
        blank=True,
        choices=settings.LANGUAGES,
        help_text="The language the site is written in: for browsers, feeds, Google News "
        "and the search's word stemming. Empty: the server's setting.",
    )
    logo = models.ForeignKey(
        CaptionedImage,
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The newsroom's logo from the image library, for search engines and "
        "link previews (a wide logo on a plain background works best).",
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="site_settings_single_row",
                violation_error_message="There is one set of site settings.",
            )
        ]

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        from .search import refresh_search, search_config  # search reads these settings

        self.pk = 1
        before = search_config()
        super().save(*args, **kwargs)
        self.forget()
        if search_config() != before:
            # Words are stemmed by language: the search index must follow.
            refresh_search()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.forget()
        return result

    @classmethod
    def current(cls):
        """The settings in force (cached site-wide; a save clears the cache)."""
        return sitewide.get(cls.CACHE_KEY, cls._stored, cls.CACHE_SECONDS)

    @classmethod
    def _stored(cls):
        return cls.objects.select_related("logo").filter(pk=1).first() or cls(pk=1)

    @classmethod
    def forget(cls):
        sitewide.forget(cls.CACHE_KEY)

    @property
    def name(self):
        return self.site_name or settings.NEWSROOM_SITE_NAME

    @property
    def motto(self):
        return self.tagline or settings.NEWSROOM_TAGLINE

    @property
    def publisher(self):
        return self.publisher_name or self.name

    @property
    def language_code(self):
        return self.language or settings.LANGUAGE_CODE
