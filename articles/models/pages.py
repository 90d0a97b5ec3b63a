"""Pages: the site's standing pages (About, Contact, Privacy, Terms, Advertise, the
corrections policy), outside the news flow. Each has its own address built from
its place in the page tree (`/about/`, `/about/team/`) and may sit in the footer
menu, in the order editors give it. Pages are few and change rarely, so the
tree is loaded at once and cached site-wide (PageTree), like SectionTree."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from core import sitewide

from .. import body as body_rules
from .sections import RESERVED_SLUGS, Section


class PageTree:
    """Every page's address, state and title, and the footer menu, loaded at once.

    The URL resolver asks it whether an address is a page's (see
    articles/pages.py), so it must be cheap: one cache read, rebuilt when a page
    is saved or deleted."""

    CACHE_KEY = "articles:page-tree:v1"

    def __init__(self, rows):
        # path -> (pk, status, title, parent path or "")
        self.by_path = {
            path: (pk, status, title, path.rpartition("/")[0])
            for pk, path, status, title, _, _ in rows
        }
        published = Page.Status.PUBLISHED
        self.footer = [
            (title, path)
            for pk, path, status, title, in_footer, _ in sorted(rows, key=lambda row: row[5])
            if in_footer and status == published and self._public(path)
        ]

    def _public(self, path):
        """Published, and so is every page above it (a page under a draft would
        otherwise be reachable while its parent is not)."""
        while path:
            entry = self.by_path.get(path)
            if entry is None or entry[1] != Page.Status.PUBLISHED:
                return False
            path = entry[3]
        return True

    def is_public(self, path):
        return path in self.by_path and self._public(path)

    @classmethod
    def load(cls):
        return sitewide.get(cls.CACHE_KEY, cls._stored, 60 * 60)

    @classmethod
    def _stored(cls):
        rows = Page.objects.order_by("path").values_list(
            "pk", "path", "status", "title", "in_footer", "footer_position"
        )
        return cls(list(rows))

    @classmethod
    def forget(cls):
        sitewide.forget(cls.CACHE_KEY)


class PageQuerySet(models.QuerySet):
    def published(self):
        """Published pages. A page under an unpublished parent is public only when
        the whole chain is (PageTree.is_public): reader paths ask the tree."""
        return self.filter(status=Page.Status.PUBLISHED)


def top_level_slugs_taken():
    """First path segments a top-level page may not take: the site's own, and
    those of the top-level sections (their articles live under them)."""
    return RESERVED_SLUGS | set(
        Section.objects.filter(parent__isnull=True).values_list("slug", flat=True)
    )


class Page(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField("title", max_length=200, help_text="The page's heading.")
    slug = models.SlugField(
        "slug",
        max_length=100,
        help_text="The page's part of the web address, e.g. “about” for /about/.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="parent page",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Put “Our team” under “About” for /about/team/. Empty: a top-level page.",
    )
    summary = models.CharField(
        "summary",
        max_length=300,
        blank=True,
        help_text="One sentence for search engines and link previews (optional).",
    )
    body = ProseEditorField(
        "body", blank=True, extensions=body_rules.EDITOR_EXTENSIONS, sanitize=True
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        help_text="Only published pages are shown to readers. Writers submit; editors publish.",
    )
    in_footer = models.BooleanField(
        "in the footer menu", default=False, help_text="List this page in the site's footer."
    )
    footer_position = models.PositiveSmallIntegerField(
        "footer order", default=0, help_text="Lower numbers come first in the footer menu."
    )
    path = models.CharField("web address", max_length=500, unique=True, editable=False)
    published_at = models.DateTimeField("first published", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField("last saved", auto_now=True)
    created_by = models.ForeignKey(
        "auth.User",
        verbose_name="created by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "page"
        permissions = [("publish_page", "Can publish pages")]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "slug"],
                name="page_unique_slug_per_parent",
                violation_error_message="This parent already has a page with this slug.",
            ),
        ]

    def __str__(self):
        return f"{self.title} (/{self.path or self.build_path()}/)"

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = self.build_path()
        self.body = body_rules.sanitize(self.body)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # A page that moves keeps its old address working (a 301).
            PageRedirect.objects.update_or_create(old_path=f"/{old_path}/", defaults={"page": self})
            for child in self.children.all():
                child.save()
        PageRedirect.objects.filter(old_path=f"/{self.path}/").delete()
        PageTree.forget()

    def get_absolute_url(self):
        return reverse("articles:page", kwargs={"path": self.path})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        PageTree.forget()
        return result

    def build_path(self):
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    @property
    def is_public(self):
        return PageTree.load().is_public(self.path)

    def clean(self):
        if self.parent_id is None and self.slug in top_level_slugs_taken():
            raise ValidationError(
                {
                    "slug": f"“/{self.slug}/” is already used by the site itself or by a "
                    "section: choose another slug, or put the page under another page."
                }
            )
        if self.slug and (self.parent_id is None or self.parent.path):
            path = self.build_path()
            if Page.objects.filter(path=path).exclude(pk=self.pk).exists():
                raise ValidationError({"slug": f"Another page already has the address /{path}/."})
        ancestor = self.parent if self.parent_id else None
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A page cannot sit inside itself."})
            ancestor = ancestor.parent


class PageRedirect(models.Model):
    """An address a page used to have (before a move, or on the old WordPress
    site): answered with a 301 to the page."""

    old_path = models.CharField("old address", max_length=500, unique=True)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="redirects")

    class Meta:
        verbose_name = "old page address"

    def __str__(self):
        return f"{self.old_path} → {self.page}"
