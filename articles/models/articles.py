"""Articles: the one definition of public (ArticleQuerySet.published) and the rules
a save keeps (sanitised body, version, "Updated", old addresses, search words)."""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from core.queries import any_of
from core.urls import reverse_slugs
from images.models import CaptionedImage

from .. import body as body_rules
from .authors import Author, Byline
from .notes import ArticleRedirect
from .search import refresh_search
from .sections import Section, SectionTree

# A tag or author with fewer articles than this is listed from its own rows
# (ArticleQuerySet.tagged and .by_author).
PROBE_ROWS = 2000


def article_content_type_id():
    """Articles' content type (cached in-process by Django after the first call)."""
    return ContentType.objects.get_for_model(Article).pk


def new_preview_key():
    return secrets.token_urlsafe(16)


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one definition of public: published, and its publish time has come
        (by `now`, the current time unless given).

        Every reader path (pages, listings, related links, Check Also) starts here.
        An article published with a future time is "scheduled": it becomes public
        the moment its time passes, with no job to run.
        """
        now = now or timezone.now()
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
        blank=True,
        help_text="The one-line summary under the headline, also used in listings and feeds. "
        "A draft may leave it empty; it is needed to submit or publish.",
    )
    body = ProseEditorField(
        "body",
        blank=True,
        extensions=body_rules.EDITOR_EXTENSIONS,
        sanitize=True,
        help_text=(
            "The story, paragraph by paragraph. Place an image, a related story, a gallery "
            "or an embed at the cursor with the toolbar's buttons, or drop a picture in."
        ),
    )
    section = models.ForeignKey(
        Section,
        verbose_name="section",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="Where the article lives on the site (part of its address). A draft may "
        "leave it empty; it is needed to submit or publish.",
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
    reader_body = body_rules.stored_rendering_field()
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
            # Readers never meet an article without a section: only a draft may lack one
            # (articles/editorial/workflow.py asks for it, this is the last guard).
            models.CheckConstraint(
                condition=Q(status="draft") | Q(section__isnull=False),
                name="article_filed_unless_draft",
                violation_error_message="Only a draft can be saved without a section.",
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
            # The next unpublish time (editorial.workflow.next_scheduled_change): few have one.
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
            refresh_search([self.pk])
        self._stored = text
        self._keep_old_address()

    def get_absolute_url(self):
        if self.section_id is None:
            # A draft not yet filed has no address on the site; its place is the admin.
            return reverse("admin:articles_article_change", args=[self.pk])
        return reverse_slugs("articles:detail", section_path=self.section.path, slug=self.slug)

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

    def check_also_candidates(self, count):
        """Check Also and "Related stories", best first, up to `count`: the editor's
        pick (when it is public), then public articles ranked by what they share
        with this one (articles/discovery/related.py). One query."""
        from ..discovery.related import candidates  # discovery reads the models

        return candidates(self, count)
