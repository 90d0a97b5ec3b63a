"""
The content editors publish: sections, authors, captioned images, articles and
what an article's body carries between its paragraphs (images, related links).
"""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, Prefetch, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from . import body as body_rules

# First path segments the site itself uses; a top-level section may not take one.
RESERVED_SLUGS = {
    "admin", "author", "authors", "feeds", "media", "search", "section", "static", "tag",
    "tags", "api", "accounts", "comments", "like", "preview", "sitemap.xml", "robots.txt",
}  # fmt: skip


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


class CaptionedImage(models.Model):
    title = models.CharField(
        "title",
        max_length=200,
        help_text="For finding the image in the library; readers do not see it.",
    )
    image = models.ImageField(
        "image file",
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text="A JPEG, PNG, WebP or GIF photo.",
    )
    width = models.PositiveIntegerField("width", editable=False, null=True)
    height = models.PositiveIntegerField("height", editable=False, null=True)
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        help_text="What the image shows, for readers who cannot see it. Required.",
    )
    caption = models.CharField(
        "caption", max_length=500, blank=True, help_text="Shown under the image."
    )
    credit = models.CharField(
        "credit",
        max_length=200,
        blank=True,
        help_text="Photographer or agency; shown as “Pic: <credit>”.",
    )
    created_at = models.DateTimeField("uploaded", auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "captioned image"

    def __str__(self):
        return self.title


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


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of public: published, and its publish time has come.

        Every reader path (pages, listings, related links, Check Also) starts here.
        An article published with a future time is "scheduled": it becomes public
        the moment its time passes, with no job to run.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def in_section_tree(self, section):
        """Articles in the section or any of its subsections."""
        return self.filter(
            Q(section__path=section.path) | Q(section__path__startswith=f"{section.path}/")
        )

    def for_cards(self):
        """What a teaser card shows, fetched in a fixed number of queries."""
        return self.select_related("section", "lead_image").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

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
        extensions={
            "Bold": True,
            "Italic": True,
            "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
            "Heading": {"levels": [2, 3]},
            "BulletList": True,
            "OrderedList": True,
            "ListItem": True,
            "Blockquote": True,
            "HardBreak": True,
        },
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
        help_text="Only published articles whose publish time has come are public.",
    )
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="Set automatically when first published; a future time schedules the article.",
    )
    updated_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        editable=False,
        help_text="When the published text last changed; shown to readers as “Updated”.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    modified_at = models.DateTimeField("last saved", auto_now=True)
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
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = body_rules.sanitize(self.body)
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
        self._stored = {name: getattr(self, name) for name in ("headline", "standfirst", "body")}

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
        return instance

    def clean(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.check_also_id is not None and self.check_also_id == self.pk:
            raise ValidationError({"check_also": "An article cannot recommend itself."})

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

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

    def body_blocks(self):
        """The body as readers see it: paragraphs with figures and related links between."""
        return body_rules.compose(self.body, self.figures.all(), self.related_links.all())

    def check_also_candidates(self):
        """Check Also: the editor's pick when it is public; else the most recent public
        article sharing the most tags; else the most recent in the same section.

        One query; never the article itself, never anything unpublished.
        """
        tag_ids = [tag.pk for tag in self.tags.all()]
        pick_id = self.check_also_id or 0
        return (
            Article.objects.published()
            .exclude(pk=self.pk)
            .annotate(
                is_pick=Case(When(pk=pick_id, then=Value(1)), default=Value(0)),
                shared_tags=Count(
                    "tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True
                ),
            )
            .filter(Q(is_pick=1) | Q(shared_tags__gt=0) | Q(section_id=self.section_id))
            .order_by("-is_pick", "-shared_tags", "-published_at", "-pk")
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
    return RelatedLink.objects.filter(
        Q(target__isnull=True) | Q(target__in=Article.objects.published().values("pk"))
    ).select_related("target__section", "target__lead_image", "teaser_image")


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
