"""
The content editors publish: sections, authors, captioned images, articles and
what an article's body carries between its paragraphs (images, related links).
"""

import secrets
from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from . import body as body_rules
from .queries import any_of

# First path segments the site itself uses; a top-level section may not take one.
RESERVED_SLUGS = {
    "admin", "author", "authors", "feeds", "media", "search", "section", "static", "tag",
    "tags", "api", "accounts", "comments", "like", "preview", "corrections", "live", "reader",
    "sitemap.xml", "robots.txt", "archive", "sitemaps", "news-sitemap.xml",
}  # fmt: skip

# "Most liked" and "most discussed this week" look only at articles published in
# this many days: older ones rarely climb back, and the counts stay cheap.
POPULAR_WINDOW_DAYS = 30


# --- Sections ---------------------------------------------------------------


class SectionTree:
    """Every section, loaded at once: the menu, URL look-ups and breadcrumbs.

    Sections are few and change rarely, so the whole tree is cached site-wide
    (menus may be cached even when pages are not) and rebuilt when one changes.
    """

    CACHE_KEY = "articles:section-tree:v1"

    def __init__(self, sections):
        self.by_id = {section.pk: section for section in sections}
        self.by_path = {section.path: section for section in sections}
        self.children = {}
        for section in sections:
            self.children.setdefault(section.parent_id, []).append(section)

    @classmethod
    def load(cls):
        tree = cache.get(cls.CACHE_KEY)
        if tree is None:
            tree = cls(list(Section.objects.order_by("position", "name")))
            cache.set(cls.CACHE_KEY, tree, 60 * 60)
        return tree

    @classmethod
    def forget(cls):
        cache.delete(cls.CACHE_KEY)

    @property
    def top_level(self):
        return self.children.get(None, [])

    def ancestors(self, section_id):
        """The section's ancestors from the top, followed by the section itself."""
        chain = []
        section = self.by_id.get(section_id)
        while section is not None:
            chain.append(section)
            section = self.by_id.get(section.parent_id)
        return chain[::-1]

    def root_of(self, section_id):
        chain = self.ancestors(section_id)
        return chain[0] if chain else None

    def subtree_ids(self, section_id):
        """The section's id and those of all its subsections."""
        ids, todo = [], [section_id]
        while todo:
            current = todo.pop()
            ids.append(current)
            todo.extend(child.pk for child in self.children.get(current, []))
        return ids


class Section(models.Model):
    name = models.CharField(
        "name", max_length=100, help_text="As readers see it in the menu and breadcrumbs."
    )
    slug = models.SlugField(
        "slug",
        max_length=100,
        help_text="The section's part of the web address, e.g. “world-news”.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="parent section",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subsections",
        help_text="Leave empty for a top-level section (shown in the site menu).",
    )
    description = models.TextField(
        "description",
        blank=True,
        max_length=500,
        help_text="One or two sentences shown at the top of the section page.",
    )
    position = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers come first in menus and on the home page."
    )
    path = models.CharField(
        "web address",
        max_length=500,
        unique=True,
        editable=False,
        help_text="Built from the slugs of the section and its parents.",
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "section"
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "slug"],
                name="section_unique_slug_per_parent",
                violation_error_message="This parent already has a section with this slug.",
            ),
        ]

    def __str__(self):
        return " › ".join(s.name for s in self.lineage())

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = self.build_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # Renaming or moving a section changes its articles' addresses: the old
            # ones keep working with a 301 (see ArticleRedirect).
            moved = self.articles.filter(
                published_at__isnull=False,
                status__in=[Article.Status.PUBLISHED, Article.Status.UNPUBLISHED],
            )
            for article in moved:
                ArticleRedirect.objects.update_or_create(
                    old_path=f"/{old_path}/{article.slug}/", defaults={"article": article}
                )
            for child in self.subsections.all():
                child.save()
        SectionTree.forget()

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"path": self.path})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        SectionTree.forget()
        return result

    def lineage(self):
        """This section and its ancestors, top first (follows the parent links)."""
        chain, section, seen = [], self, set()
        while section is not None and section.pk not in seen:
            seen.add(section.pk)
            chain.append(section)
            section = section.parent
        return chain[::-1]

    def build_path(self):
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    def clean(self):
        if self.parent_id is None and self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by the site itself."})
        if self.pk and self.parent_id:
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError(
                        {"parent": "A section cannot sit inside itself or its own subsections."}
                    )
                ancestor = ancestor.parent


# --- Images and authors -----------------------------------------------------


def originals_storage():
    """Where uploads are kept as they came: never under MEDIA_ROOT, never served."""
    return storages["originals"]


def fraction_validators():
    return [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Crop(models.TextChoices):
    """The shapes a library image is cut to (see articles/images.py)."""

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
    rendition task (articles/tasks.py), and reused by every page that shows it."""

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
        return reverse("articles:author", kwargs={"slug": self.slug})


# --- Articles ---------------------------------------------------------------

# How many of the newest same-section and same-tag articles Check Also and
# Related stories choose from, and how many of an article's tags find candidates.
RELATED_POOL = 200
MAX_RANKED_TAGS = 12
# A tag or author with fewer articles than this is listed from its own rows
# (ArticleQuerySet.tagged and .by_author).
PROBE_ROWS = 2000


def article_content_type_id():
    """Articles' content type (cached in-process by Django after the first call)."""
    return ContentType.objects.get_for_model(Article).pk


def new_preview_key():
    return secrets.token_urlsafe(16)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of public: published, and its publish time has come.

        Every reader path (pages, listings, related links, Check Also) starts here.
        An article published with a future time is "scheduled": it becomes public
        the moment its time passes, with no job to run.
        """
        now = timezone.now()
        return self.filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def scheduled(self):
        """Published with a publish time still to come (derived, never stored)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def tagged(self, tag):
        """Articles with this tag (see `_through`)."""
        return self._through(
            TaggedItem.objects.filter(content_type_id=article_content_type_id(), tag_id=tag.pk),
            "object_id",
        )

    def by_author(self, author):
        """Articles in this author's byline (see `_through`)."""
        return self._through(Byline.objects.filter(author_id=author.pk), "article_id")

    def _through(self, links, article_field):
        """Articles named by `links` (tag or byline rows), read the cheap way for
        how many there are.

        A common tag or a prolific author is best listed by walking the newest
        articles and checking each for a link (an EXISTS test); a rare one by
        starting from its few links. The planner cannot tell them apart (a value
        outside its statistics looks average), so one short query looks: at most
        PROBE_ROWS of the links, in an index.
        """
        links = links.order_by()
        if list(links.values_list("pk", flat=True)[PROBE_ROWS - 1 : PROBE_ROWS]):
            return self.filter(Exists(links.filter(**{article_field: OuterRef("pk")})))
        return self.filter(pk__in=any_of(links.values(article_field)[:PROBE_ROWS]))

    def in_section_tree(self, section):
        """Articles in the section or any of its subsections."""
        return self.filter(section_id__in=SectionTree.load().subtree_ids(section.pk))

    def for_cards(self):
        """What a teaser card shows, fetched in a fixed number of queries."""
        return self.select_related("section", "lead_image").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )

    def recent_window(self, now=None):
        """Articles recent enough to be "popular this week": published in the last
        POPULAR_WINDOW_DAYS. Counting likes and comments is then bounded by the
        window, not by the size of the archive."""
        now = now or timezone.now()
        return self.filter(published_at__gte=now - timedelta(days=POPULAR_WINDOW_DAYS))

    def most_liked(self, days=7):
        """Ordered by the likes they got in the last `days` days (Like rows, not the
        all-time counter); only those liked at all in that time. One query."""
        now = timezone.now()
        since = now - timedelta(days=days)
        # Filtering the likes before counting them lets the database start from
        # the week's likes (an index range), not from every like of the window.
        return (
            self.recent_window(now)
            .filter(likes__created_at__gte=since)
            .annotate(recent_likes=Count("likes"))
            .order_by("-recent_likes", "-published_at", "-pk")
        )

    def most_discussed(self, days=7):
        """Ordered by the approved comments submitted in the last `days` days. One query.

        The comments app owns Comment; this only follows its reverse relation
        ("comments") and its "approved" state, never importing it.
        """
        now = timezone.now()
        since = now - timedelta(days=days)
        return (
            self.recent_window(now)
            .filter(comments__status="approved", comments__submitted_at__gte=since)
            .annotate(recent_comments=Count("comments"))
            .order_by("-recent_comments", "-published_at", "-pk")
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    headline = models.CharField("headline", max_length=200)
    slug = models.SlugField(
        "slug",
        max_length=200,
        help_text="The article's part of the web address; filled in from the headline.",
    )
    standfirst = models.CharField(
        "standfirst",
        max_length=400,
        help_text="The one-line summary under the headline, also used in listings and feeds.",
    )
    body = ProseEditorField(
        "body",
        blank=True,
        extensions=body_rules.EDITOR_EXTENSIONS,
        sanitize=True,
        help_text=(
            "The story, paragraph by paragraph. Place images and related stories between "
            "paragraphs in the sections below."
        ),
    )
    section = models.ForeignKey(
        Section, verbose_name="section", on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, verbose_name="authors", through="Byline", related_name="articles"
    )
    tags = TaggableManager("tags", blank=True, help_text="Topics, people and places in the story.")
    lead_image = models.ForeignKey(
        CaptionedImage,
        verbose_name="lead image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the article and on its cards.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        help_text="Only published articles whose publish time has come are public. "
        "Writers submit for review; editors publish.",
    )
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="Set automatically when first published; a future time schedules the article "
        "(it goes live by itself at that moment). In the newsroom's time zone.",
    )
    unpublish_at = models.DateTimeField(
        "unpublish time",
        null=True,
        blank=True,
        help_text="Optional: the article disappears from the site at this time.",
    )
    updated_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        editable=False,
        help_text="When the published text last changed; shown to readers as “Updated”.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    created_by = models.ForeignKey(
        "auth.User",
        verbose_name="created by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    modified_at = models.DateTimeField("last saved", auto_now=True)
    version = models.PositiveIntegerField(
        "version",
        default=0,
        editable=False,
        help_text="Goes up with every save, so two people cannot overwrite each other.",
    )
    preview_key = models.CharField(
        "preview key",
        max_length=32,
        default=new_preview_key,
        editable=False,
        help_text="Part of every share-preview link; changing it revokes them all.",
    )
    is_developing = models.BooleanField(
        "developing story",
        default=False,
        help_text="Shows “More follows…” at the end of the story.",
    )
    comments_enabled = models.BooleanField(
        "comments open", default=True, help_text="Let readers leave replies on this article."
    )
    like_count = models.PositiveIntegerField(
        "likes", default=0, editable=False, help_text="Readers who like this article."
    )
    comment_count = models.PositiveIntegerField(
        "comments",
        default=0,
        editable=False,
        help_text="Approved reader comments. Kept by the comments app's moderation.",
    )
    check_also = models.ForeignKey(
        "self",
        verbose_name="Check Also pick",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The article recommended at the end. Empty: chosen automatically.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "article"
        get_latest_by = "published_at"
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "slug"],
                name="article_unique_slug_per_section",
                violation_error_message="This section already has an article with this slug.",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message="A published article needs a publish time.",
            ),
            models.CheckConstraint(
                condition=~Q(check_also=F("pk")),
                name="article_check_also_not_self",
                violation_error_message="An article cannot recommend itself.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_idx"),
            # The next unpublish time (articles/cache.py): few articles have one.
            models.Index(
                fields=["unpublish_at"],
                condition=Q(unpublish_at__isnull=False),
                name="article_unpublish_idx",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = body_rules.sanitize(self.body)
        self.version = (self.version or 0) + 1
        now = timezone.now()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = now
        stored = getattr(self, "_stored", None)
        if (
            stored
            and self.status == self.Status.PUBLISHED
            and self.published_at
            and self.published_at <= now
            and any(getattr(self, name) != value for name, value in stored.items())
        ):
            self.updated_at = now
        super().save(*args, **kwargs)
        text = {name: getattr(self, name) for name in ("headline", "standfirst", "body")}
        if text != stored:
            SearchDocument.refresh([self.pk])
        self._stored = text
        self._keep_old_address()

    def get_absolute_url(self):
        return reverse(
            "articles:detail", kwargs={"section_path": self.section.path, "slug": self.slug}
        )

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        # Remember the stored text so a save knows whether readers' text changed.
        instance._stored = {
            name: getattr(instance, name)
            for name in ("headline", "standfirst", "body")
            if name in field_names
        }
        instance._stored_address = (
            instance.__dict__.get("section_id"),
            instance.__dict__.get("slug"),
        )
        return instance

    def clean(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.check_also_id is not None and self.check_also_id == self.pk:
            raise ValidationError({"check_also": "An article cannot recommend itself."})

    @property
    def is_public(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def state_label(self):
        """The state an editor sees: Scheduled is derived from the publish time."""
        if self.is_scheduled:
            return "Scheduled"
        if self.status == self.Status.PUBLISHED and not self.is_public:
            return "Expired"
        return self.get_status_display()

    @property
    def was_updated(self):
        """Readers see "Updated" only when the text changed after publication."""
        return bool(
            self.updated_at
            and self.published_at
            and (self.updated_at - self.published_at).total_seconds() >= 60
        )

    @cached_property
    def ordered_authors(self):
        return [byline.author for byline in self.bylines.all()]

    def _keep_old_address(self):
        """A published article that moves (new slug or section) keeps its old address
        working: a redirect row is stored, and the article view answers it with a 301."""
        old_section_id, old_slug = getattr(self, "_stored_address", (None, None))
        self._stored_address = (self.section_id, self.slug)
        if old_section_id is None or (old_section_id, old_slug) == (self.section_id, self.slug):
            return
        if self.published_at is None or self.status not in {
            self.Status.PUBLISHED,
            self.Status.UNPUBLISHED,
        }:
            return
        old_section = Section.objects.filter(pk=old_section_id).first()
        if old_section is None:
            return
        old_path = f"/{old_section.path}/{old_slug}/"
        ArticleRedirect.objects.filter(old_path=self.get_absolute_url()).delete()
        ArticleRedirect.objects.update_or_create(old_path=old_path, defaults={"article": self})

    def body_blocks(self):
        """The body as readers see it: paragraphs with figures and related links between."""
        return body_rules.compose(self.body, self.figures.all(), self.related_links.all())

    def check_also_candidates(self):
        """Check Also and "Related stories", best first: the editor's pick (when it is
        public), then public articles ranked by what they share with this one.

        Score: 3 for each shared tag, 2 for the same section (1 for the same
        top-level section), plus recency (3 within two days, 2 within a week, 1
        within a month). Candidates share a tag or the top-level section. Ties go
        to the newer article. One query; never the article itself, never anything
        unpublished.
        """
        tag_ids = [tag.pk for tag in self.tags.all()]
        pick_id = self.check_also_id or 0
        tree = SectionTree.load()
        root = tree.root_of(self.section_id)
        in_root = Q(section_id__in=tree.subtree_ids(root.pk if root else self.section_id))
        now = timezone.now()
        # Rank a bounded set, whatever the archive's size: the pick, the newest
        # public articles in the same top-level section (an index range scan with a
        # LIMIT), and for each tag the articles most recently given it (a range of
        # the tag index, newest article first, with a LIMIT).
        near = (
            Article.objects.published()
            .filter(in_root)
            .order_by("-published_at")
            .values("pk")[:RELATED_POOL]
        )
        pool = [Article.objects.filter(pk=pick_id).values("pk"), near]
        for tag_id in tag_ids[:MAX_RANKED_TAGS]:
            tagged = TaggedItem.objects.filter(
                content_type_id=article_content_type_id(), tag_id=tag_id
            ).order_by("-object_id")
            pool.append(tagged.values("object_id")[:RELATED_POOL])
        shared_tags = (
            TaggedItem.objects.filter(
                content_type_id=article_content_type_id(),
                object_id=OuterRef("pk"),
                tag_id__in=tag_ids,
            )
            .order_by()
            .values("object_id")
            .annotate(shared=Count("*"))
            .values("shared")
        )
        # Candidates by primary key first, then only they are checked for being
        # public: the database never walks the whole archive.
        return (
            Article.objects.filter(pk__in=any_of(*pool))
            .published()
            .exclude(pk=self.pk)
            .annotate(
                is_pick=Case(When(pk=pick_id, then=Value(1)), default=Value(0)),
                shared_tags=Coalesce(Subquery(shared_tags), 0),
                section_score=Case(
                    When(section_id=self.section_id, then=Value(2)),
                    When(in_root, then=Value(1)),
                    default=Value(0),
                ),
                recency=Case(
                    When(published_at__gte=now - timedelta(days=2), then=Value(3)),
                    When(published_at__gte=now - timedelta(days=7), then=Value(2)),
                    When(published_at__gte=now - timedelta(days=30), then=Value(1)),
                    default=Value(0),
                ),
                score=F("shared_tags") * 3 + F("section_score") + F("recency"),
            )
            .order_by("-is_pick", "-score", "-published_at", "-pk")
        )


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
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


# --- Likes ------------------------------------------------------------------


class Like(models.Model):
    """One reader likes one article. The reader is not an account but the random
    identifier kept in their browser's signed cookie (see articles/likes.py)."""

    article = models.ForeignKey(
        Article,
        verbose_name="article",
        on_delete=models.CASCADE,
        related_name="likes",
        # The unique (article, reader) index starts with the article: it serves
        # look-ups by article, so a second index would only slow every like down.
        db_index=False,
    )
    reader = models.CharField(
        "reader",
        max_length=64,
        help_text="The anonymous identifier of the reader's browser.",
    )
    created_at = models.DateTimeField("liked", default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        # This week's likes, for "Most liked this week" (articles/frontpage.py).
        indexes = [models.Index(fields=["created_at"], name="like_created_idx")]
        verbose_name = "like"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "reader"],
                name="like_once_per_reader",
                violation_error_message="This reader already likes this article.",
            )
        ]

    def __str__(self):
        return f"{self.reader} likes {self.article_id}"


class ArticleEvent(models.Model):
    """The article's audit trail: who did what to it, and when."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        SUBMITTED = "submitted", "Submitted for review"
        SENT_BACK = "sent_back", "Sent back to the writer"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        UNPUBLISHED = "unpublished", "Unpublished"
        CORRECTED = "corrected", "Correction or update added"
        RESTORED = "restored", "Earlier version restored"
        PREVIEW_REVOKED = "preview_revoked", "Share-preview links revoked"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        "auth.User", verbose_name="by", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField("what", max_length=20, choices=Action)
    note = models.TextField("note", blank=True)
    at = models.DateTimeField("when", default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "history entry"
        verbose_name_plural = "audit trail"

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor or 'the system'}"


class ArticleNote(models.Model):
    """A public correction or update on a published article."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField("kind", max_length=12, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(
        "text",
        max_length=2000,
        help_text="What was wrong and what is right now, in plain words. Shown to readers.",
    )
    created_at = models.DateTimeField("time", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "correction or update"
        verbose_name_plural = "corrections and updates"
        indexes = [models.Index(fields=["kind", "-created_at"], name="note_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class LiveUpdate(models.Model):
    """A short timestamped line on a developing story, shown newest first above the body."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="live_updates")
    text = models.CharField(
        "update", max_length=500, help_text="One or two sentences: what is new."
    )
    created_at = models.DateTimeField("time", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "developing-story update"

    def __str__(self):
        return self.text[:60]


class ArticleRedirect(models.Model):
    """An address an article used to have; readers who follow it get a 301."""

    old_path = models.CharField("old address", max_length=600, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old address"

    def __str__(self):
        return self.old_path


# Revisions keep the article with its byline, images and related stories. Notes,
# live updates and the audit trail are history themselves: restoring an earlier
# version never takes them away.
reversion.register(Byline)
reversion.register(ArticleImage)
reversion.register(RelatedLink)
reversion.register(Article, follow=["bylines", "figures", "related_links"], exclude=["version"])


# --- Discovery: the front page, site settings, search ------------------------

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
        Article,
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
        self.pk = 1
        before = search_config()
        super().save(*args, **kwargs)
        self.forget()
        if search_config() != before:
            # Words are stemmed by language: the stored search vectors must follow.
            SearchDocument.refresh()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.forget()
        return result

    @classmethod
    def current(cls):
        """The settings in force (cached site-wide; a save clears the cache)."""
        site = cache.get(cls.CACHE_KEY)
        if site is None:
            site = cls.objects.select_related("logo").filter(pk=1).first() or cls(pk=1)
            cache.set(cls.CACHE_KEY, site, cls.CACHE_SECONDS)
        return site

    @classmethod
    def forget(cls):
        cache.delete(cls.CACHE_KEY)

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


# PostgreSQL's text-search configurations by language (the stemmer each uses);
# a language without one is searched word for word ("simple").
SEARCH_CONFIGS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch",
    "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip


def search_config():
    """The text-search configuration for the site's language (en-gb → english)."""
    language = SiteSettings.current().language_code.lower()
    return SEARCH_CONFIGS.get(language.split("-")[0], "simple")


class SearchDocument(models.Model):
    """An article's words for full-text search on PostgreSQL, weighted: headline (A)
    above standfirst (B) above body (C), stemmed in the site's language.

    A table of its own, so listings never fetch the vector with the article, and
    PostgreSQL-only (`required_db_vendor`): on SQLite the table does not exist and
    search falls back to matching text (articles/search.py). Kept up to date by
    Article.save(); `manage.py update_search_index` rebuilds it (after a bulk import).
    """

    # Django may not mix database-level and Python-level on_delete around Article,
    # so the cascade lives in the database alone: migration 0007 adds the foreign
    # key with ON DELETE CASCADE, and Django leaves the row to it.
    article = models.OneToOneField(
        Article,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_document",
    )
    vector = SearchVectorField("words")

    class Meta:
        required_db_vendor = "postgresql"
        verbose_name = "search document"
        indexes = [GinIndex(fields=["vector"], name="search_document_vector_gin")]

    def __str__(self):
        return f"Search document of article {self.article_id}"

    @classmethod
    def refresh(cls, article_ids=None):
        """Rebuild the documents of these articles (all of them without ids), in one
        statement. Does nothing on databases other than PostgreSQL."""
        if connection.vendor != "postgresql":
            return
        article = Article._meta.db_table
        where, params = "", {"config": search_config()}
        if article_ids is not None:
            where, params["ids"] = "WHERE a.id = ANY(%(ids)s)", list(article_ids)
        # Tags are markup, not words: the body's are replaced by spaces first.
        sql = f"""
            INSERT INTO {cls._meta.db_table} (article_id, vector)
            SELECT a.id,
                setweight(to_tsvector(%(config)s::regconfig, a.headline), 'A')
                || setweight(to_tsvector(%(config)s::regconfig, a.standfirst), 'B')
                || setweight(to_tsvector(%(config)s::regconfig,
                       regexp_replace(a.body, '<[^>]+>', ' ', 'g')), 'C')
            FROM {article} a {where}
            ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector
        """  # noqa: S608 (table names from the models; values are parameters)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


# --- Imported from another site ---------------------------------------------


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
